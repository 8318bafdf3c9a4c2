import type { Check, CheckOutcome } from '../model/check.js';
import type { ClientId, ServerSpec } from '../model/spec.js';
import {
  type CredentialHit,
  findAuthorizationCredential,
  findConnectionPassword,
  findTokens,
  isCredentialName,
  lengthHint,
  literalText,
  looksLikeCredential,
} from './util/credentials.js';
import { fail, pass, warn } from './util/outcome.js';
import { fieldPosition } from './util/position.js';
import { excerpt } from './util/text.js';

interface Finding {
  field: string;
  /** Name of the environment variable to suggest. */
  variable: string;
  hit: CredentialHit;
  /** Recognised by a token format (fail) or only by the field's name (warn). */
  certain: boolean;
  /** What to write instead, given the variable reference (keeps `--flag=` and `Bearer `). */
  replacement: (reference: string) => string;
}

const bare = (reference: string) => `"${reference}"`;
const inUrl = (reference: string) => `${reference} at that place in the URL`;

const envName = (raw: string) =>
  raw
    .replace(/^-+/, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase() || 'API_TOKEN';

function scanValue(field: string, variable: string, value: string, nameSuggestsSecret: boolean, replacement = bare): Finding[] {
  const literal = literalText(value);
  const tokens = findTokens(literal).map((hit) => ({ field, variable, hit, certain: true, replacement }));
  if (tokens.length > 0) return tokens;
  const connection = findConnectionPassword(literal);
  if (connection) {
    // The whole connection string moves to a variable; an env entry keeps its own name, anything else gets DATABASE_URL.
    const name = field.startsWith('env.') ? variable : field === 'url' ? 'MCP_URL' : 'DATABASE_URL';
    return [{ field, variable: name, hit: connection, certain: true, replacement: field === 'url' ? inUrl : bare }];
  }
  if (nameSuggestsSecret && looksLikeCredential(literal)) {
    return [{ field, variable, hit: { label: 'credential', hint: lengthHint(literal) }, certain: false, replacement }];
  }
  return [];
}

function scanArgs(args: readonly string[]): Finding[] {
  return args.flatMap((arg, i) => {
    const field = `args.${i}`;
    const inline = arg.match(/^(--?([\w-]+)=)(.*)$/s);
    if (inline) {
      const [, flag = '', name = '', value = ''] = inline;
      return scanValue(field, envName(name), value, isCredentialName(name), (ref) => `"${flag}${ref}"`);
    }
    const flag = i > 0 ? args[i - 1]?.match(/^--?([\w-]+)$/)?.[1] : undefined;
    return scanValue(field, envName(flag ?? 'API_TOKEN'), arg, flag !== undefined && isCredentialName(flag));
  });
}

function scanHeaders(headers: Record<string, string>): Finding[] {
  return Object.entries(headers).flatMap(([name, value]) => {
    const field = `headers.${name}`;
    const variable = envName(/^authorization$/i.test(name) ? 'API_TOKEN' : name);
    const scheme = literalText(value).match(/^\s*(Bearer|Basic|token)\s+/i)?.[1];
    const replacement = scheme ? (ref: string) => `"${scheme} ${ref}"` : bare;
    const found = scanValue(field, variable, value, isCredentialName(name), replacement);
    if (found.length > 0) return found;
    const auth = findAuthorizationCredential(literalText(value));
    return auth ? [{ field, variable, hit: auth, certain: true, replacement }] : [];
  });
}

function scanUrl(url: string): Finding[] {
  const found = scanValue('url', 'API_TOKEN', url, false, inUrl);
  if (found.length > 0) return found;
  const literal = literalText(url);
  const query = literal.split('?')[1]?.split('#')[0] ?? '';
  return query.split('&').flatMap((pair) => {
    const [key = '', value = ''] = pair.split('=');
    return isCredentialName(key) && looksLikeCredential(value)
      ? [
          {
            field: 'url',
            variable: envName(key),
            hit: { label: `credential in the "${excerpt(key, 30)}" query parameter`, hint: lengthHint(value) },
            certain: false,
            replacement: inUrl,
          },
        ]
      : [];
  });
}

/** The committed (declared) values only: values that came from `${VAR}` expansion are not in the file. */
function scan(spec: ServerSpec): Finding[] {
  return [
    ...Object.entries(spec.env).flatMap(([key, value]) => scanValue(`env.${key}`, envName(key), value, isCredentialName(key))),
    ...scanArgs(spec.args),
    ...scanHeaders(spec.headers),
    ...(spec.url === undefined ? [] : scanUrl(spec.url)),
  ];
}

function reference(variable: string, client: ClientId): string {
  switch (client) {
    case 'claude-code':
      return `\${${variable}}`;
    case 'gemini':
      return `\${${variable}}`;
    case 'vscode':
    case 'cursor':
    case 'windsurf':
    case 'cline':
      return `\${env:${variable}}`;
    case 'continue':
      return `\${{ secrets.${variable} }}`;
    case 'claude-desktop':
    case 'codex':
    case 'zed':
    case 'goose':
    case 'mcp-registry':
      return '';
  }
}

function describe(f: Finding, spec: ServerSpec): string {
  const ref = reference(f.variable, spec.client);
  const position = fieldPosition(spec, f.field);
  const field = `${excerpt(f.field, 80)}${position === spec.source ? '' : ` (line ${position.line})`}`;
  const fix = ref
    ? `Replace it with ${f.replacement(ref)} and set ${f.variable} where the client runs (in CI: a repository secret)` +
      (spec.client === 'vscode' ? ', or use an `${input:…}` with "password": true' : '') +
      '.'
    : `${spec.client === 'claude-desktop' ? 'Claude Desktop' : 'This client'} does not expand variables: keep this file out of the repository and add it to .gitignore.`;
  const what = `${field} holds ${f.certain ? 'a literal' : 'what looks like a literal'} ${f.hit.label} (${f.hit.hint}).`;
  return `${what} ${fix}`;
}

/** All of a server's committed credentials in one result (one per check and client), placed on the first certain one. */
function outcome(findings: Finding[], spec: ServerSpec): CheckOutcome {
  const certain = findings.filter((f) => f.certain);
  const ordered = [...certain, ...findings.filter((f) => !f.certain)];
  const first = ordered[0] as Finding;
  const revoke =
    certain.length > 0
      ? ` ${certain.length === 1 ? 'It is' : 'They are'} in the git history now: revoke and reissue ${certain.length === 1 ? 'it' : 'them'}.`
      : '';
  const message = `${ordered.map((f) => describe(f, spec)).join(' ')}${revoke}`;
  const position = fieldPosition(spec, first.field);
  return certain.length > 0 ? fail(message, { position }) : warn(message, { position });
}

export const secrets: Check = {
  id: 'secrets',
  title: 'No credentials committed in the config',
  remediation:
    'Reference credentials through variables (`${VAR}` in Claude Code, `${env:VAR}` in VS Code and Cursor) and set them ' +
    'where the client runs; revoke any token that was committed.',
  requires: [],
  needsTranscript: false,
  run({ server }) {
    const findings = scan(server.spec);
    if (findings.length === 0) return pass('No literal credentials in env, args, headers or url.');
    return outcome(findings, server.spec);
  },
};
