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

/**
 * Files whose name says which client reads them, wherever they are. `mcp_config.json` and `server.json` are common
 * names: discovery only takes them when their content is Windsurf's or the MCP Registry's (see classify.ts).
 */
export const NAMED_FILES: ReadonlyMap<string, ConfigFormat> = new Map([
  ['.mcp.json', 'claude-code'],
  ['claude_desktop_config.json', 'claude-desktop'],
  ['cline_mcp_settings.json', 'cline'],
  ['mcp_config.json', 'windsurf'],
  ['server.json', 'mcp-registry'],
]);

/**
 * A client's project folder and the file in it that declares its servers; the folder's parent is the workspace
 * folder. `settings.json`, `config.toml` and `config.yaml` hold other settings too: discovery only takes them when
 * they declare servers (see classify.ts).
 */
export const CLIENT_FOLDERS: ReadonlyMap<string, { file: string; format: ConfigFormat }> = new Map([
  ['.vscode', { file: 'mcp.json', format: 'vscode' }],
  ['.cursor', { file: 'mcp.json', format: 'cursor' }],
  ['.gemini', { file: 'settings.json', format: 'gemini' }],
  ['.zed', { file: 'settings.json', format: 'zed' }],
  ['.codex', { file: 'config.toml', format: 'codex' }],
  ['.goose', { file: 'config.yaml', format: 'goose' }],
]);

/** Continue reads every YAML and JSON file in `.continue/mcpServers/` as a block of servers. */
export const CONTINUE_BLOCKS = { folder: '.continue', subfolder: 'mcpServers', extensions: ['.yaml', '.yml', '.json'] } as const;

/**
 * Every file discovery looks for, as a user writes it (`.continue/mcpServers/*.yaml`): the one list that the CLI's
 * "no config found" message, action.yml and the README show (a test keeps them equal). Some are only taken when they
 * declare servers (see classify.ts).
 */
export const DISCOVERED_FILES: readonly string[] = [
  ...NAMED_FILES.keys(),
  ...[...CLIENT_FOLDERS].map(([folder, { file }]) => `${folder}/${file}`),
  `${CONTINUE_BLOCKS.folder}/${CONTINUE_BLOCKS.subfolder}/*.{${CONTINUE_BLOCKS.extensions.map((e) => e.slice(1)).join(',')}}`,
];

export function isContinueBlockName(name: string): boolean {
  const lower = name.toLowerCase();
  return CONTINUE_BLOCKS.extensions.some((extension) => lower.endsWith(extension));
}

/** The format a file's name and folder declare, or undefined when the name is not a known one. */
export function formatFromFileName(file: string, pathApi: PathApi = path): ConfigFormat | undefined {
  const name = pathApi.basename(file);
  const folder = pathApi.dirname(file);
  const named = NAMED_FILES.get(name);
  if (named !== undefined) return named;
  const client = CLIENT_FOLDERS.get(pathApi.basename(folder));
  if (client?.file === name) return client.format;
  const inBlocks =
    pathApi.basename(folder) === CONTINUE_BLOCKS.subfolder && pathApi.basename(pathApi.dirname(folder)) === CONTINUE_BLOCKS.folder;
  return inBlocks && isContinueBlockName(name) ? 'continue' : undefined;
}
