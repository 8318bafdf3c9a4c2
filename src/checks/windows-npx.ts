import type { Check } from '../model/check.js';
import { pass, skip, warn } from './util/outcome.js';
import { fieldPosition } from './util/position.js';
import { excerpt } from './util/text.js';

/** Package-manager launchers that Windows installs as `.cmd` batch shims (plus `.ps1`), not `.exe`. */
const SHIMS = new Set(['npx', 'npm', 'pnpm', 'pnpx', 'yarn', 'bunx', 'uvx']);

function baseName(command: string): string {
  return (command.split(/[\\/]/).pop() ?? command).toLowerCase();
}

/** `cmd /c …` (also `cmd.exe /d /s /c …`): the shell resolves the shim itself. */
function isCmdWrapper(command: string, args: readonly string[]): boolean {
  if (!/^cmd(?:\.exe)?$/.test(baseName(command))) return false;
  return args.some((a) => /^\/c$/i.test(a) || /^\/k$/i.test(a));
}

function isShim(command: string): boolean {
  const base = baseName(command);
  return SHIMS.has(base) || /\.(?:cmd|bat)$/.test(base) || SHIMS.has(base.replace(/\.(?:cmd|bat)$/, ''));
}

function shimFile(command: string): string {
  const base = baseName(command);
  return /\.(?:cmd|bat)$/.test(base) ? base : `${base}.cmd`;
}

function suggestedArgs(command: string, args: readonly string[]): string {
  const shown = args.slice(0, 3).map((a) => JSON.stringify(excerpt(a, 60)));
  if (args.length > 3) shown.push('…');
  return ['"/c"', JSON.stringify(excerpt(command, 60)), ...shown].join(', ');
}

export const windowsNpx: Check = {
  id: 'windows-npx',
  title: 'npm-style launchers are wrapped for Windows',
  remediation:
    'On Windows, `npx`, `npm`, `pnpm`, `yarn`, `bunx`, `uvx` and other `.cmd`/`.bat` launchers are batch files that only a ' +
    'shell can run. Use `"command": "cmd", "args": ["/c", "npx", …]` in a Windows-only config, or launch `node` with the ' +
    "package's entry file for a config that must work everywhere.",
  requires: [],
  needsTranscript: false,
  run({ server }) {
    const command = server.command;
    if (server.spec.transport !== 'stdio' || command === undefined || command === '') {
      return skip('Not a stdio server with a command: nothing is spawned.');
    }
    const shown = excerpt(command, 60);
    if (isCmdWrapper(command, server.args)) {
      return pass(`"${shown}" wraps the launcher in cmd /c, which runs it on Windows (this entry works only on Windows).`);
    }
    if (!isShim(command)) return pass(`"${shown}" is not a batch-file launcher on Windows.`);
    return warn(
      `"command": "${shown}" is a batch-file shim on Windows (${excerpt(shimFile(command), 40)}). ` +
        'Clients that spawn without a shell fail there with `spawn ' +
        shown +
        ' ENOENT` (or `EINVAL` for a `.cmd` path since ' +
        'Node 18.20.2/20.12.2) and show `MCP error -32000: Connection closed`. For Windows users write ' +
        `"command": "cmd", "args": [${suggestedArgs(command, server.args)}] — that form works only on Windows.`,
      { position: fieldPosition(server.spec, 'command') },
    );
  },
};
