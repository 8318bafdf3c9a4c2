import type { Check } from '../model/check.js';
import { fail, pass, skip, warn } from './util/outcome.js';
import { fieldPosition } from './util/position.js';
import { count, excerpt } from './util/text.js';

/** Install locations that exist only in a user's shell setup; GUI-launched clients do not have them on PATH. */
const perUserMarkers: Array<[RegExp, string]> = [
  [/\/\.nvm\//, 'nvm'],
  [/\/(?:\.fnm|fnm|fnm_multishells)\//, 'fnm'],
  [/\/\.volta\//, 'Volta'],
  [/\/\.asdf\//, 'asdf'],
  [/\/mise\/(?:installs|shims)\//, 'mise'],
  [/^\/opt\/homebrew\//, 'Homebrew'],
  [/^\/usr\/local\/Cellar\//, 'Homebrew'],
  [/^\/home\/linuxbrew\//, 'Homebrew on Linux'],
  [/\/\.local\/bin\//, '~/.local/bin'],
];

const slashes = (path: string) => path.replace(/\\/g, '/');

/** Why a resolved path is per-user (e.g. `nvm`), undefined for a system-wide location. */
export function perUserLocation(path: string, homeDir: string): string | undefined {
  const normalized = slashes(path);
  for (const [pattern, label] of perUserMarkers) if (pattern.test(normalized)) return label;
  const home = slashes(homeDir).replace(/\/+$/, '');
  if (home !== '' && normalized.startsWith(`${home}/`)) return 'your home directory';
  return undefined;
}

function tildePath(path: string, homeDir: string): string {
  const home = slashes(homeDir).replace(/\/+$/, '');
  const normalized = slashes(path);
  return excerpt(home !== '' && normalized.startsWith(`${home}/`) ? `~${normalized.slice(home.length)}` : path, 120);
}

const isPath = (command: string) => /[\\/]/.test(command);

export const commandPath: Check = {
  id: 'command-path',
  title: 'Command is on the PATH clients give the server',
  remediation:
    'Clients launched from a desktop (Claude Desktop, Cursor or VS Code from the Dock) get a minimal PATH ' +
    '(`/usr/bin:/bin:/usr/sbin:/sbin` on macOS) without nvm, fnm, Volta, asdf, mise, Homebrew or `~/.local/bin`. ' +
    'Install the runtime system-wide, or put an absolute path in `command`.',
  requires: [],
  needsTranscript: true,
  transports: ['stdio'],
  run({ server, transcript, homeDir, platform }) {
    if (!transcript) return skip('The server was not launched.');
    const { launch, spawn } = transcript;
    const command = launch.command;
    const shown = excerpt(command, 80);
    const position = fieldPosition(server.spec, 'command');
    if (isPath(command)) {
      return pass(
        `"${shown}" is a path, not looked up on PATH${/^(?:[\\/]|[A-Za-z]:)/.test(command) ? '' : ` (relative to ${excerpt(launch.cwd, 120)})`}.`,
      );
    }
    const candidates =
      launch.resolvedCandidates.length > 0 ? launch.resolvedCandidates : launch.resolvedCommand ? [launch.resolvedCommand] : [];
    const winner = launch.resolvedCommand ?? candidates[0];
    if (winner === undefined) {
      if (spawn.ok) return pass(`"${shown}" was not found by a PATH lookup, but the OS started it.`);
      return fail(
        `"${shown}" is not on the server's PATH (${count(launch.pathEntries.length, 'entry', 'entries')} searched), so the client ` +
          `fails with \`spawn ${shown} ENOENT\`. Install it where clients look (a system-wide location such as /usr/bin or ` +
          '/usr/local/bin) or put its absolute path in "command". On CI, install it in a step before mcp-preflight runs.',
        { position, evidence: [`PATH: ${excerpt(launch.pathEntries.join(platform === 'win32' ? ';' : ':'), 400)}`] },
      );
    }
    const where = tildePath(winner, homeDir);
    // Windows GUI apps inherit the user PATH from the registry, so per-user installs are found there.
    if (platform === 'win32') return pass(`"${shown}" resolves to ${where}.`);
    const systemWide = candidates.find((c) => perUserLocation(c, homeDir) === undefined);
    const winnerKind = perUserLocation(winner, homeDir);
    if (winnerKind === undefined) return pass(`"${shown}" resolves to ${where}.`);
    if (systemWide !== undefined) {
      return pass(
        `"${shown}" resolves to ${where} (${winnerKind}); a client without that PATH entry uses ${tildePath(systemWide, homeDir)} instead, ` +
          'which may be a different version.',
      );
    }
    return warn(
      `"${shown}" resolves only to a per-user location: ${where} (${winnerKind}). Clients launched from a desktop ` +
        `do not have it on PATH and fail with \`spawn ${shown} ENOENT\` (MCP error -32000: Connection closed). Use an absolute ` +
        `path in "command" (and, for a \`#!/usr/bin/env node\` script, put the runtime's directory in "env": {"PATH": …}), ` +
        'or install the runtime system-wide.',
      { position, evidence: candidates.map((c) => `found: ${tildePath(c, homeDir)}`) },
    );
  },
};
