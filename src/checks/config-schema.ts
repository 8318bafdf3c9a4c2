import type { Check, CheckOutcome } from '../model/check.js';
import type { ServerSpec } from '../model/spec.js';
import { fail, pass } from './util/outcome.js';
import { fieldPosition } from './util/position.js';
import { count, excerpt, quoted } from './util/text.js';

/** A URL a client can connect to; `${…}` templates are judged by config-variables instead. */
function urlProblem(url: string): string | undefined {
  if (url.includes('${')) return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? undefined : `uses the scheme "${excerpt(protocol, 20)}"; expected http or https`;
  } catch {
    return 'is not a valid URL';
  }
}

function transportProblems(spec: ServerSpec): CheckOutcome[] {
  switch (spec.transport) {
    case 'stdio':
      if (spec.command === undefined || spec.command.trim() === '') {
        return [
          fail(
            `Server "${spec.name}" is a stdio server without a "command": the client has nothing to start. ` +
              'Add `"command": "npx", "args": ["-y", "<package>"]` (or the executable that runs the server), ' +
              'or add `"type": "http", "url": "…"` for a remote server.',
            { position: spec.source },
          ),
        ];
      }
      return [];
    case 'http':
    case 'sse': {
      if (spec.url === undefined || spec.url.trim() === '') {
        return [
          fail(
            `Server "${spec.name}" has "type": "${spec.transport}" but no "url". Add the server's endpoint, e.g. "url": "https://example.com/mcp".`,
            {
              position: fieldPosition(spec, 'type'),
            },
          ),
        ];
      }
      const problem = urlProblem(spec.url);
      return problem ? [fail(`"url" ${problem}: "${excerpt(spec.url, 100)}".`, { position: fieldPosition(spec, 'url') })] : [];
    }
    case 'unknown': {
      // The config reader already explains an unknown `type` or a `url` without `type`: do not say it twice. A type it
      // accepted without a problem is one the client knows but mcp-preflight does not probe (Claude Code `ws`, `sdk`).
      if (spec.schemaProblems.length > 0 || spec.declaredType !== undefined) return [];
      return [
        fail(
          `Server "${spec.name}" has no recognisable transport. Use "type": "stdio" with "command", or "type": "http" / "sse" with "url".`,
          {
            position: spec.source,
          },
        ),
      ];
    }
  }
}

export const configSchema: Check = {
  id: 'config-schema',
  title: 'Server entry has the fields its transport needs',
  remediation:
    'A stdio server needs `command` (and optionally `args`, `env`); a remote server needs `"type": "http"` or `"sse"` and a `url`. ' +
    'Field types must match: `args` is an array of strings, `env` and `headers` are objects of strings.',
  requires: [],
  needsTranscript: false,
  run({ server }) {
    const { spec } = server;
    const problems = [
      ...spec.schemaProblems.map((p) => fail(`Server "${spec.name}": ${excerpt(p.message, 200)}`, { position: p.position })),
      ...transportProblems(spec),
    ];
    if (problems.length > 0) return problems;
    const what = spec.transport === 'stdio' ? `command "${excerpt(spec.command ?? '', 60)}" with ${count(spec.args.length, 'arg')}` : `url`;
    const kind =
      spec.transport === 'unknown'
        ? `"type": ${quoted(spec.declaredType ?? '', 40)} (judged from the config only)`
        : `${spec.transport} entry with ${what}`;
    return pass(`${kind}${spec.disabled ? ' (disabled: listed, not launched)' : ''}.`);
  },
};
