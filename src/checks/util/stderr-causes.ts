import { excerpt } from './text.js';

interface KnownCause {
  pattern: RegExp;
  explain(match: RegExpMatchArray): string;
}

const name = (match: RegExpMatchArray) => excerpt(match[1] ?? '', 100);

// Ordered from most to least specific: the first match explains the crash.
const causes: KnownCause[] = [
  {
    pattern: /Cannot find (?:module|package) '([^']+)'/,
    explain: (m) =>
      `Node could not find the module '${name(m)}' (MODULE_NOT_FOUND): build the project or install its dependencies ` +
      '(`npm ci`, `npm run build`) and check the path in `args` — relative paths resolve against the working directory.',
  },
  {
    pattern: /\bERR_MODULE_NOT_FOUND\b|\bMODULE_NOT_FOUND\b/,
    explain: () =>
      'Node could not find a module (MODULE_NOT_FOUND): build the project or install its dependencies, and check the path in `args`.',
  },
  {
    pattern: /ModuleNotFoundError: No module named '([^']+)'/,
    explain: (m) =>
      `Python could not import '${name(m)}': the command runs an interpreter without the server's dependencies; ` +
      "point `command` at the virtualenv's python or use `uv run --with …` / `uvx`.",
  },
  {
    pattern: /env: '?([^'\s:]+)'?: No such file or directory/,
    explain: (m) =>
      `the script's interpreter '${name(m)}' (its \`#!/usr/bin/env ${name(m)}\` line) is not on the server's PATH — ` +
      'typical for nvm/fnm installs: the shim was found but `node` was not. Use an absolute path to a system-wide runtime.',
  },
  {
    pattern: /npm (?:ERR!|error) (?:code E404|404)/,
    explain: () => 'npm could not download the package (404): check the package name and version in `args`.',
  },
  {
    pattern: /ERR_REQUIRE_ESM|Cannot use import statement outside a module/,
    explain: () => 'a module-format mismatch (ESM vs CommonJS): check `"type"` in package.json and the built entry file.',
  },
];

/**
 * A service the server talks to could not be reached or refused it: what a stdio proxy to a remote endpoint (or a
 * server that needs a database at start) logs while it never answers, or right before it exits.
 */
const remoteCauses: KnownCause[] = [
  {
    pattern: /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([^\s'",)]+)|\b(?:ENOTFOUND|EAI_AGAIN)\b[^\n]*?\b((?:[a-z0-9-]+\.)+[a-z]{2,})\b/i,
    explain: (m) =>
      `the host ${excerpt(m[1] ?? m[2] ?? '', 100)} could not be resolved (DNS lookup failed: ENOTFOUND): there is no network ` +
      'access here, or the host name is wrong',
  },
  {
    pattern: /\bECONNREFUSED\b(?:\s+([\w.:[\]-]+))?/,
    explain: (m) =>
      `the connection to ${m[1] ? excerpt(m[1], 100) : 'the service it needs'} was refused (ECONNREFUSED): nothing listens ` +
      'there, so start that service or point the server at one that runs',
  },
  {
    pattern:
      /\b(?:CERT_HAS_EXPIRED|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_CERT_ALTNAME_INVALID|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?)\b|self[- ]signed certificate|certificate has expired|SSL routines|\bEPROTO\b/i,
    explain: (m) =>
      `the TLS connection to its service failed (${excerpt(m[0], 60)}): a proxy or firewall intercepting TLS, a wrong CA ` +
      'bundle (NODE_EXTRA_CA_CERTS), or an expired certificate',
  },
  {
    pattern:
      /\b(401|403)\b[^\n]*\b(?:Unauthori[sz]ed|Forbidden)\b|\b(?:Unauthori[sz]ed|Forbidden)\b[^\n]*\b(401|403)\b|\bHTTP (401|403)\b|status(?: code)?:? (401|403)\b/i,
    explain: (m) =>
      `its service rejected the credentials (HTTP ${m[1] ?? m[2] ?? m[3] ?? m[4]}): the key or token in the entry is missing, ` +
      'wrong or revoked',
  },
  {
    pattern: /\b(?:ETIMEDOUT|ECONNRESET|ENETUNREACH|EHOSTUNREACH)\b|fetch failed|socket hang up/,
    explain: (m) =>
      `a network request failed (${excerpt(m[0], 40)}): the service it needs is unreachable from here (no network, a ` +
      'firewall or proxy, or an outage)',
  },
];

function firstMatch(list: readonly KnownCause[], tail: readonly string[]): string | undefined {
  const text = tail.join('\n');
  for (const cause of list) {
    const match = text.match(cause.pattern);
    if (match) return cause.explain(match);
  }
  return undefined;
}

/** A recognised cause of a crash in the server's stderr, in words with a fix; undefined when none matches. */
export function explainStderr(tail: readonly string[]): string | undefined {
  const cause = firstMatch([...causes, ...remoteCauses], tail);
  return cause === undefined ? undefined : capitalize(cause.endsWith('.') ? cause : `${cause}.`);
}

/** Why a server could not reach the service it needs, from its stderr; undefined when it does not say. */
export function explainRemoteFailure(tail: readonly string[]): string | undefined {
  return firstMatch(remoteCauses, tail);
}

/** What an error message from the server says about the network, for a request that failed with it. */
export function explainNetworkError(message: string): string | undefined {
  return firstMatch(remoteCauses, [message]);
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
