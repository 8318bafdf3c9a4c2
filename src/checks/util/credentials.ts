/**
 * Recognising credentials in literal text without ever returning them: every result carries only a masked hint
 * (the well-known prefix and the length).
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

const rules: TokenRule[] = [
  { label: 'Anthropic API key', prefix: () => 'sk-ant-', pattern: /(?<![\w-])sk-ant-[\w-]{20,}/g },
  {
    label: 'OpenAI-style secret key',
    prefix: (t) => t.match(/^sk-(?:proj-|svcacct-|admin-)?/)?.[0] ?? 'sk-',
    pattern: /(?<![\w-])sk-(?!ant-)[\w-]{20,}/g,
    // Package names like `sk-learn-server-integration` are long too; real keys are random, mixed-case base62.
    accept: (t) => mixedCase(t.slice(3)),
  },
  { label: 'GitHub token', prefix: (t) => t.slice(0, 4), pattern: /(?<![\w-])gh[pousr]_[A-Za-z0-9]{30,}/g },
  { label: 'GitHub fine-grained token', prefix: () => 'github_pat_', pattern: /(?<![\w-])github_pat_\w{22,}/g },
  {
    label: 'Slack token',
    prefix: (t) => t.slice(0, 5),
    pattern: /(?<![\w-])xox[abposre]-[A-Za-z0-9-]{10,}/g,
    accept: (t) => /\d/.test(t),
  },
  { label: 'AWS access key id', prefix: (t) => t.slice(0, 4), pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  { label: 'Google API key', prefix: () => 'AIza', pattern: /(?<![\w-])AIza[\w-]{35}/g },
  { label: 'GitLab token', prefix: () => 'glpat-', pattern: /(?<![\w-])glpat-[\w-]{20,}/g },
];

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

/** Tokens with a well-known prefix in literal text. */
export function findTokens(literal: string): CredentialHit[] {
  const hits: CredentialHit[] = [];
  for (const rule of rules) {
    for (const match of literal.matchAll(rule.pattern)) {
      const token = match[0];
      if (rule.accept && !rule.accept(token)) continue;
      hits.push({ label: rule.label, hint: hint(rule.prefix(token), token) });
    }
  }
  return hits;
}

/** `Bearer <literal>` / `Basic <literal>` in an Authorization-style header value. */
export function findAuthorizationCredential(literal: string): CredentialHit | undefined {
  const match = literal.match(/^\s*(Bearer|Basic)\s+(\S{8,})/i);
  if (!match) return undefined;
  return { label: `${match[1]} credential`, hint: lengthHint(match[2] ?? '') };
}

/** Names that announce a credential: `GITHUB_TOKEN`, `apiKey`, `X-API-Key`, `--password`… */
export function isCredentialName(name: string): boolean {
  return /api[-_]?key|token|secret|passw(?:or)?d|private[-_]?key|access[-_]?key|credential/i.test(name);
}

/**
 * A literal that looks machine-generated rather than a word, a path or a placeholder: mixed-case letters with digits,
 * or a long hex/base64 run.
 */
export function looksLikeCredential(literal: string): boolean {
  const value = literal.trim();
  if (value.length < 16 || /\s/.test(value) || /^(?:[./~]|[a-z]+:\/\/)/i.test(value)) return false;
  return mixedCase(value) || (/^[A-Za-z0-9+/=_-]{32,}$/.test(value) && /\d/.test(value) && !/[-_].*[-_].*[-_]/.test(value));
}

/** A masked hint for a credential recognised only by its field name. */
export function lengthHint(literal: string): string {
  return `${literal.trim().length} chars`;
}

/** Replaces every well-known token in text with its masked hint (for echoing untrusted text that may hold one). */
export function maskCredentials(text: string): string {
  let out = text;
  for (const rule of rules) {
    out = out.replace(rule.pattern, (token) => (rule.accept && !rule.accept(token) ? token : `${rule.prefix(token)}***`));
  }
  return out;
}
