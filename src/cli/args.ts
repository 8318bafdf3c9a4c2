import { parseArgs } from 'node:util';
import type { FailOn } from '../model/report.js';
import type { RunOptions } from '../model/run.js';
import { ALL_CLIENTS, PROFILES, unknownClients } from '../profiles/index.js';
import { type NumberRule, readNumberSetting, SETTINGS } from '../settings.js';

export const usage = `Usage: mcp-preflight [options] [PATH...]

Boots every MCP server declared in the config files under PATH (files or directories; default: the current
directory) in the stripped environment MCP clients use, checks it, and reports what breaks and how to fix it.

Options:
  --json FILE              also write the JSON report to FILE ('-' for stdout; the text report then goes to stderr)
  --server NAME            only check this server (repeatable)
  --startup-timeout MS     time a server has to answer initialize (default 30000, as Claude Code)
  --request-timeout MS     time each later request may take (default 10000)
  --concurrency N          servers probed in parallel (default 8)
  --max-configs N          stop with an error when more config files than this are found (default 1000)
  --max-servers N          stop with an error when more servers than this are to be checked (default 1000)
  --fail-on LEVEL          error | warning | never: what makes the exit code 1 (default error)
  --fresh-home             point HOME (USERPROFILE on Windows) at an empty temporary directory
  --client NAME            judge every server for this client, repeatable (default: the client whose config
                           file declares the server); NAME is 'all' or one of:
${wrap(PROFILES.map((p) => p.id).join(', '), 27, 112)}
  --protocol-versions      offer every protocol version in a short session each (default: on with --client)
  --no-protocol-versions   offer only the MCP SDK's latest version, also with --client
  --verbose                also list the checks that passed or were skipped
  --no-color               no colours (also when NO_COLOR is set or output is not a terminal)
  -v, --version            print the version
  -h, --help               print this help

Exit codes: 0 nothing at the fail-on level, 1 findings at the fail-on level, 2 usage error or no config found.`;

/** Wraps a line of text at word boundaries into lines indented by `indent` and at most `width` wide. */
function wrap(text: string, indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.map((l) => `${' '.repeat(indent)}${l}`).join('\n');
}

export interface CliOptions {
  run: Omit<RunOptions, 'env' | 'onSecrets' | 'onServerDone'>;
  json?: string;
  verbose: boolean;
  color: boolean;
}

export type ParsedArgs = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: CliOptions };

export class UsageError extends Error {}

export function parseCliArgs(argv: string[], cwd: string, env: NodeJS.ProcessEnv, isTty: boolean): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'string' },
        server: { type: 'string', multiple: true },
        'startup-timeout': { type: 'string' },
        'request-timeout': { type: 'string' },
        concurrency: { type: 'string' },
        'max-configs': { type: 'string' },
        'max-servers': { type: 'string' },
        'fail-on': { type: 'string' },
        'fresh-home': { type: 'boolean' },
        client: { type: 'string', multiple: true },
        'protocol-versions': { type: 'boolean' },
        'no-protocol-versions': { type: 'boolean' },
        verbose: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const failOn = values['fail-on'] ?? 'error';
  if (!isFailOn(failOn)) throw new UsageError(`--fail-on must be error, warning or never (got "${failOn}")`);
  const clients = values.client ?? [];
  const unknown = unknownClients(clients);
  if (unknown.length > 0) {
    const known = [ALL_CLIENTS, ...PROFILES.map((p) => p.id)].join(', ');
    throw new UsageError(`unknown --client ${unknown.map((c) => `"${c}"`).join(', ')} (one of: ${known})`);
  }
  if (values['protocol-versions'] && values['no-protocol-versions']) {
    throw new UsageError('--protocol-versions and --no-protocol-versions contradict each other');
  }
  const protocolVersions = values['protocol-versions'] ? true : values['no-protocol-versions'] ? false : undefined;
  return {
    kind: 'run',
    options: {
      run: {
        paths: positionals,
        root: cwd,
        servers: values.server ?? [],
        startupTimeoutMs: numberOption('--startup-timeout', values['startup-timeout'], SETTINGS.startupTimeoutMs),
        requestTimeoutMs: numberOption('--request-timeout', values['request-timeout'], SETTINGS.requestTimeoutMs),
        concurrency: numberOption('--concurrency', values.concurrency, SETTINGS.concurrency),
        maxConfigs: numberOption('--max-configs', values['max-configs'], SETTINGS.maxConfigs),
        maxServers: numberOption('--max-servers', values['max-servers'], SETTINGS.maxServers),
        freshHome: values['fresh-home'] ?? false,
        failOn,
        ...(clients.length > 0 && { clients }),
        ...(protocolVersions !== undefined && { protocolVersions }),
      },
      ...(values.json !== undefined && { json: values.json }),
      verbose: values.verbose ?? false,
      color: !values['no-color'] && (values.color ?? (isTty && !env.NO_COLOR)),
    },
  };
}

function isFailOn(value: string): value is FailOn {
  return value === 'error' || value === 'warning' || value === 'never';
}

/** A numeric flag, read by the rule the action's inputs share (settings.ts). */
function numberOption(flag: string, raw: string | undefined, rule: NumberRule): number {
  if (raw === undefined) return rule.default;
  const read = readNumberSetting(raw, rule);
  if (!read.ok) throw new UsageError(`${flag} must be ${read.expected} (got "${raw}")`);
  return read.value;
}
