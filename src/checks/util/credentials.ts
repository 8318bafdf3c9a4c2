/**
 * Recognising credentials in literal text without ever returning them: every result carries only a masked hint
 * (the well-known prefix and the length, or a connection string with its password replaced by `***`).
 */

export interface CredentialHit {
  label: string;
  /** e.g. `ghp_…, 40 chars`; never the secret. */
  hint: string;
}

interface TokenRule {
  label: string;
  /** The public part shown in the hint. */
  prefix: (token: string) => string;
  pattern: RegExp;
  /** Extra test against false positives for short or generic prefixes. */
  accept?: (token: string) => boolean;
}

// Token characters must not precede a match, so `task-…` or `mask-…` never read as `sk-…`.
const mixedCase = (t: string) => /[a-z]/.test(t) && /[A-Z]/.test(t) && /\d/.test(t);
const firstChars = (n: number) => (t: string) => t.slice(0, n);

/**
 * Formats with a published prefix: a match is a credential whatever the field is called. Sources: the providers' docs
 * and gitleaks' rules (gitleaks/gitleaks cmd/generate/config/rules/<provider>.go), which pin the lengths.
 */
const rules: TokenRule[] = [
  { label: 'Anthropic API key', prefix: () => 'sk-ant-', pattern: /(?<![\w-])sk-ant-[\w-]{20,}/g },
  {
    label: 'OpenAI-style secret key',
    prefix: (t) => t.match(/^sk-(?:proj-|svcacct-|admin-)?/)?.[0] ?? 'sk-',
    pattern: /(?<![\w-])sk-(?!ant-)[\w-]{20,}/g,
    // Package names like `sk-learn-server-integration` are long too; real keys are random, mixed-case base62.
    accept: (t) => mixedCase(t.slice(3)),
  },
  { label: 'GitHub token', prefix: firstChars(4), pattern: /(?<![\w-])gh[pousr]_[A-Za-z0-9]{30,}/g },
  { label: 'GitHub fine-grained token', prefix: () => 'github_pat_', pattern: /(?<![\w-])github_pat_\w{22,}/g },
  {
    label: 'Slack token',
    prefix: firstChars(5),
    pattern: /(?<![\w-])xox[abposre]-[A-Za-z0-9-]{10,}/g,
    accept: (t) => /\d/.test(t),
  },
  { label: 'AWS access key id', prefix: firstChars(4), pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  { label: 'Google API key', prefix: () => 'AIza', pattern: /(?<![\w-])AIza[\w-]{35}/g },
  { label: 'GitLab token', prefix: () => 'glpat-', pattern: /(?<![\w-])glpat-[\w-]{20,}/g },
  // Stripe: secret and restricted keys, live and test (docs.stripe.com/keys; gitleaks stripe.go), webhook secrets.
  {
    label: 'Stripe secret key',
    prefix: (t) => t.slice(0, 8),
    pattern: /(?<![\w-])(?:sk|rk)_(?:live|test)_[0-9a-zA-Z]{10,}/g,
  },
  { label: 'Stripe webhook secret', prefix: () => 'whsec_', pattern: /(?<![\w-])whsec_[0-9a-zA-Z]{24,}/g },
  { label: 'Hugging Face token', prefix: () => 'hf_', pattern: /(?<![\w-])hf_[a-zA-Z]{34}(?![\w-])/g, accept: mixedCaseLetters },
  { label: 'npm token', prefix: () => 'npm_', pattern: /(?<![\w-])npm_[A-Za-z0-9]{36}(?![\w-])/g },
  { label: 'SendGrid API key', prefix: () => 'SG.', pattern: /(?<![\w-])SG\.[\w-]{22}\.[\w-]{43}(?![\w-])/g },
  { label: 'Groq API key', prefix: () => 'gsk_', pattern: /(?<![\w-])gsk_[a-zA-Z0-9]{48}(?![\w-])/g },
  { label: 'DigitalOcean token', prefix: (t) => t.slice(0, 7), pattern: /(?<![\w-])do[opr]_v1_[a-f0-9]{64}(?![\w-])/g },
  { label: 'Linear API key', prefix: () => 'lin_api_', pattern: /(?<![\w-])lin_api_[a-zA-Z0-9]{40}(?![\w-])/g },
];

function mixedCaseLetters(token: string): boolean {
  return /[a-z]/.test(token.slice(3)) && /[A-Z]/.test(token.slice(3));
}

function hint(prefix: string, token: string): string {
  return `${prefix}…, ${token.length} chars`;
}

/**
 * The text a value holds literally: variable expressions removed (their values are not committed), except a
 * Claude Code default (`${VAR:-default}`), which is written in the file.
 */
export function literalText(value: string): string {
  return value.replace(/\$\{([^}]*)\}/g, (_, inner: string) => {
    const fallback = inner.match(/^[A-Za-z_]\w*:-(.*)$/s);
    return ` ${fallback?.[1] ?? ''} `;
  });
}

const PLACEHOLDER_WORDS = new Set([
  'your',
  'yours',
  'example',
  'placeholder',
  'changeme',
  'change',
  'replace',
  'replaceme',
  'redacted',
  'dummy',
  'sample',
  'insert',
  'here',
  'todo',
  'fixme',
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
]);

/**
 * What a README writes where the real value goes: `YOUR_API_KEY_HERE`, `<your-key>`, `xxxxxxxx`, `***`, `changeme`,
 * `password` (gitleaks' allow-list for MCP configs says the same: your, example, placeholder, changeme, xxx…).
 */
export function isPlaceholder(value: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  if (/^[<[{(].*[>\]})]$/s.test(text)) return true;
  if (/^(.)\1*$/s.test(text) || /x{4,}|X{4,}|\*{3,}|\.{3,}|…/.test(text)) return true;
  const words = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((w) => PLACEHOLDER_WORDS.has(w)) || /^(?:your|my)/i.test(text);
}

/** The body of a prefixed token written as a placeholder (`sk_live_xxxxxxxx`, `ghp_YOUR_TOKEN`): random bodies never are. */
function isPlaceholderToken(body: string): boolean {
  return /^(.)\1*$/s.test(body) || /x{4,}|X{4,}|\*{3,}|\.{3,}|…|your|placeholder|replace|redacted|changeme/i.test(body);
}

/** Tokens with a well-known prefix in literal text (placeholders such as `ghp_xxxx…` excepted). */
export function findTokens(literal: string): CredentialHit[] {
  const hits: CredentialHit[] = [];
  for (const rule of rules) {
    for (const match of literal.matchAll(rule.pattern)) {
      const token = match[0];
      if (rule.accept && !rule.accept(token)) continue;
      if (isPlaceholderToken(token.slice(rule.prefix(token).length))) continue;
      hits.push({ label: rule.label, hint: hint(rule.prefix(token), token) });
    }
  }
  return hits;
}

/** `scheme://user:password@host`, anywhere in a value (a URL, an argument, a whole DSN). */
const CONNECTION_STRING = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/@:'"]*):([^\s/@'"]+)@([^\s/?#'"]+)?/gi;

/** A password written in a connection string (`postgresql://app:s3cret@db`, `mongodb+srv://admin:…@cluster`). */
export function findConnectionPassword(literal: string): CredentialHit | undefined {
  for (const match of literal.matchAll(CONNECTION_STRING)) {
    const [, scheme = '', user = '', password = '', host = ''] = match;
    if (isPlaceholder(password) || /^\$/.test(password)) continue;
    return {
      label: `password in a ${scheme.toLowerCase()}:// connection string`,
      hint: `${scheme}://${user ? `${user}:` : ':'}***@${host.slice(0, 60)}, password ${password.length} chars`,
    };
  }
  return undefined;
}

/** `Bearer <literal>` / `Basic <literal>` in an Authorization-style header value. */
export function findAuthorizationCredential(literal: string): CredentialHit | undefined {
  const match = literal.match(/^\s*(Bearer|Basic)\s+(\S{8,})/i);
  if (!match || isPlaceholder(match[2] ?? '')) return undefined;
  return { label: `${match[1]} credential`, hint: lengthHint(match[2] ?? '') };
}

/** Names that announce a credential: `GITHUB_TOKEN`, `apiKey`, `X-API-Key`, `--password`… */
export function isCredentialName(name: string): boolean {
  return /api[-_]?key|token|secret|passw(?:or)?d|private[-_]?key|access[-_]?key|credential/i.test(name);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A literal that looks machine-generated rather than a word, a path or a placeholder: mixed-case letters with digits,
 * a UUID (what Exa and others issue as API keys), a long hex run, or a long base64 run.
 */
export function looksLikeCredential(literal: string): boolean {
  const value = literal.trim();
  if (value.length < 16 || /\s/.test(value) || /^(?:[./~]|[a-z]+:\/\/)/i.test(value) || isPlaceholder(value)) return false;
  if (UUID.test(value)) return true;
  if (/^[0-9a-f]{32,}$/i.test(value) && /\d/.test(value) && /[a-f]/i.test(value)) return true;
  if (randomLowercase(value)) return true;
  return mixedCase(value) || (/^[A-Za-z0-9+/=_-]{32,}$/.test(value) && /\d/.test(value) && !/[-_].*[-_].*[-_]/.test(value));
}

/**
 * A single-case random run (`tvly-dev-3kq9x2m7p4z8w1n6b5v0c`): long, at most two separators (model and package names
 * have more words), digits spread through it, and high entropy. Words like `bert-base-uncased-v2` stay out.
 */
function randomLowercase(value: string): boolean {
  if (value.length < 24 || !/^[A-Za-z0-9_-]+$/.test(value) || (value.match(/[-_]/g)?.length ?? 0) > 2) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits / value.length >= 0.2 && /[a-z]/i.test(value) && entropy(value) >= 4;
}

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/** A masked hint for a credential recognised only by its field name. */
export function lengthHint(literal: string): string {
  const value = literal.trim();
  return UUID.test(value) ? `a UUID, ${value.length} chars` : `${value.length} chars`;
}

/**
 * Replaces every well-known token in text with its masked hint, and the password of every connection string with
 * `***` (for echoing untrusted text that may hold one).
 */
export function maskCredentials(text: string): string {
  let out = text;
  for (const rule of rules) {
    out = out.replace(rule.pattern, (token) => (rule.accept && !rule.accept(token) ? token : `${rule.prefix(token)}***`));
  }
  return out.replace(CONNECTION_STRING, (whole, scheme: string, user: string, password: string, host: string | undefined) =>
    /^\*+$/.test(password) ? whole : `${scheme}://${user}:***@${host ?? ''}`,
  );
}
