import fs from 'node:fs';
import path from 'node:path';
import { lookupEnv } from './environment.js';

/**
 * Where a bare command resolves on the *server's* PATH, the way the spawn will look for it: execvp-style on POSIX
 * (executable regular files), and on Windows like cross-spawn's `which` (the cwd first, then PATH, each with the
 * PATHEXT extensions; a file counts only when its extension is in PATHEXT).
 */

export interface CommandLookup {
  platform: NodeJS.Platform;
  /** The server's environment (PATH is read from it). */
  env: NodeJS.ProcessEnv;
  /** The server's working directory: relative PATH entries (and, on Windows, the cwd itself) are searched from it. */
  cwd: string;
  /**
   * PATHEXT to use on Windows. The SDK's allow-list does not pass PATHEXT to the server, so cross-spawn reads the
   * *runner's* value; pass that here.
   */
  pathExt?: string;
  /** Whether `file` is a regular file the current user may execute (POSIX) / a regular file (Windows). */
  isRunnableFile: (file: string) => boolean;
}

export interface CommandResolution {
  /** The first match (what the spawn runs); undefined when nothing matched or the command is a path. */
  resolved?: string;
  /** Every match, in search order. */
  candidates: string[];
  /** The command contains a directory part, so no PATH search happens. */
  isPath: boolean;
}

const DEFAULT_PATHEXT = '.EXE;.CMD;.BAT;.COM';

export function resolveCommand(command: string, lookup: CommandLookup): CommandResolution {
  const windows = lookup.platform === 'win32';
  const p = windows ? path.win32 : path.posix;
  const isPath = windows ? /[\\/:]/.test(command) : command.includes('/');
  if (isPath || command === '') return { candidates: [], isPath };

  const delimiter = windows ? ';' : ':';
  const pathDirs = (lookupEnv(lookup.env, 'PATH', lookup.platform) ?? '')
    .split(delimiter)
    .map((dir) => (windows && dir.length > 1 && dir.startsWith('"') && dir.endsWith('"') ? dir.slice(1, -1) : dir))
    .filter((dir) => dir !== '');
  const dirs = windows ? [lookup.cwd, ...pathDirs] : pathDirs;

  const pathExt = (lookup.pathExt ?? DEFAULT_PATHEXT).split(';').filter((ext) => ext !== '');
  // A name that already has a dot is tried as written first (node-which), but must still end in a PATHEXT extension.
  const suffixes = windows ? [...(command.includes('.') ? [''] : []), ...pathExt] : [''];
  const hasRunnableExtension = (file: string) => pathExt.some((ext) => file.toLowerCase().endsWith(ext.toLowerCase()));

  const candidates: string[] = [];
  for (const dir of dirs) {
    const base = p.resolve(lookup.cwd, dir, command);
    for (const suffix of suffixes) {
      const file = base + suffix;
      if (windows && !hasRunnableExtension(file)) continue;
      if (!candidates.includes(file) && lookup.isRunnableFile(file)) candidates.push(file);
    }
  }
  return { resolved: candidates[0], candidates, isPath: false };
}

/** The real file-system test for the current platform. */
export function isRunnableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
