import path from 'node:path';
import type { ConfigFormat } from '../model/spec.js';

/**
 * The subset of `node:path` the config layer uses. Passing `path.win32` lets the Windows path logic be tested on any OS.
 */
export type PathApi = Pick<path.PlatformPath, 'sep' | 'join' | 'relative' | 'dirname' | 'basename' | 'isAbsolute' | 'normalize'>;

/** The path API of the platform a server runs on (`platform` as in `process.platform`). */
export function pathApiFor(platform: NodeJS.Platform): PathApi {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** `file` relative to `root` with forward slashes, as reports and GitHub annotations need, on every OS. */
export function toDisplayPath(file: string, root: string, pathApi: PathApi = path): string {
  const relative = pathApi.relative(root, file);
  // On Windows a file on another drive has no relative path: `relative` returns it absolute.
  const shown = relative === '' ? pathApi.basename(file) : pathApi.isAbsolute(relative) ? pathApi.normalize(file) : relative;
  return shown.split(pathApi.sep).join('/');
}

/** File names that say which client a config belongs to. */
export const CLAUDE_CODE_FILE = '.mcp.json';
export const CLAUDE_DESKTOP_FILE = 'claude_desktop_config.json';
export const WORKSPACE_MCP_FILE = 'mcp.json';
/** Folders whose `mcp.json` belongs to a client; the folder's parent is the workspace folder. */
export const WORKSPACE_DIRS: ReadonlyMap<string, ConfigFormat> = new Map([
  ['.vscode', 'vscode'],
  ['.cursor', 'cursor'],
]);

/** The format a file's name and folder declare, or undefined when the name is not a known one. */
export function formatFromFileName(file: string, pathApi: PathApi = path): ConfigFormat | undefined {
  const name = pathApi.basename(file);
  if (name === CLAUDE_CODE_FILE) return 'claude-code';
  if (name === CLAUDE_DESKTOP_FILE) return 'claude-desktop';
  if (name === WORKSPACE_MCP_FILE) return WORKSPACE_DIRS.get(pathApi.basename(pathApi.dirname(file)));
  return undefined;
}
