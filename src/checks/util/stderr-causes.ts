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

/** A recognised cause of a crash in the server's stderr, in words with a fix; undefined when none matches. */
export function explainStderr(tail: readonly string[]): string | undefined {
  const text = tail.join('\n');
  for (const cause of causes) {
    const match = text.match(cause.pattern);
    if (match) return cause.explain(match);
  }
  return undefined;
}
