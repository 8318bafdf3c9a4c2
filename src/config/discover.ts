import type { Dirent } from 'node:fs';
import { opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigFormat } from '../model/spec.js';
import { DECLARES_SERVERS, formatFromContent } from './classify.js';
import { CLIENT_FOLDERS, CONTINUE_BLOCKS, NAMED_FILES, formatFromFileName, isContinueBlockName } from './paths.js';
import { readConfigText } from './read-text.js';

export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  format: ConfigFormat;
}

export interface Discovery {
  files: DiscoveredFile[];
  /** Explicit paths (as given) that do not exist. */
  missing: string[];
  /** The walk stopped at its entry budget: files beyond it were not looked for. */
  truncated: boolean;
}

export interface WalkLimits {
  /** Folder levels below a searched directory that are entered. Config files live near a project's root. */
  maxDepth: number;
  /** Directory entries looked at in one discovery, over all searched directories. */
  maxEntries: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxDepth: 8, maxEntries: 50_000 };

/**
 * Directories that hold other people's code or generated state, never a project's own config. Every other hidden
 * directory (`.git`, `.venv`, `.cache`, `.next`, …) is skipped too; client folders (`.vscode`, `.cursor`, `.gemini`,
 * `.zed`, `.codex`, `.goose`, `.continue/mcpServers`) are only looked into for their config file.
 */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  'vendor',
  'venv',
  '__pycache__',
  'site-packages',
  'Pods',
]);

/**
 * Finds the config files to check. With no paths, searches `root`; otherwise each path (relative to `root`) is a file
 * or a directory to search. Order: the paths' order, each directory's files sorted by path; duplicates are dropped.
 *
 * A search takes the files named in paths.ts; files with a shared or common name (`.gemini/settings.json`,
 * `.zed/settings.json`, `.codex/config.toml`, `.goose/config.yaml`, `mcp_config.json`, `server.json`) only when they
 * declare servers for their client (classify.ts `DECLARES_SERVERS`). A file passed explicitly is always read: by the
 * format its name and folder give, else by its extension and content (classify.ts `formatFromContent`).
 */
export async function discoverConfigFiles(paths: string[], root: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): Promise<Discovery> {
  const budget = { remaining: limits.maxEntries, truncated: false };
  const found: DiscoveredFile[] = [];
  const missing: string[] = [];
  for (const given of paths.length === 0 ? [root] : paths) {
    const absolute = path.resolve(root, given);
    const info = await stat(absolute).catch(() => undefined);
    if (info === undefined) missing.push(given);
    else if (info.isDirectory()) found.push(...(await searchDirectory(absolute, limits.maxDepth, budget)));
    else found.push({ path: absolute, format: formatFromFileName(absolute) ?? (await classifyByContent(absolute)) });
  }
  return { files: await withoutDuplicates(found), missing, truncated: budget.truncated };
}

/** Breadth-first, so that when the budget runs out the files nearest the top have been found. */
async function searchDirectory(
  top: string,
  maxDepth: number,
  budget: { remaining: number; truncated: boolean },
): Promise<DiscoveredFile[]> {
  const candidates: DiscoveredFile[] = [];
  // A client folder named itself (`mcp-preflight .vscode`) holds its config directly.
  const ownClient = CLIENT_FOLDERS.get(path.basename(top));
  if (ownClient !== undefined && (await isFile(path.join(top, ownClient.file)))) {
    candidates.push({ path: path.join(top, ownClient.file), format: ownClient.format });
  }
  const queue = [{ directory: top, depth: 0 }];
  let index = 0;
  for (; index < queue.length && budget.remaining > 0; index++) {
    const { directory, depth } = queue[index]!;
    const { entries, complete } = await readDirectory(directory, budget.remaining);
    budget.remaining -= entries.length;
    if (!complete) budget.truncated = true;
    entries.sort((a, b) => compare(a.name, b.name));
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      const client = CLIENT_FOLDERS.get(entry.name);
      const named = NAMED_FILES.get(entry.name);
      if (client !== undefined) {
        const file = path.join(full, client.file);
        // A linked `.vscode` folder is fine to look into: one file is read from it, nothing is walked.
        if (isFolderLike(entry) && (await isFile(file))) candidates.push({ path: file, format: client.format });
      } else if (entry.name === CONTINUE_BLOCKS.folder) {
        if (isFolderLike(entry)) candidates.push(...(await continueBlocks(path.join(full, CONTINUE_BLOCKS.subfolder), budget)));
      } else if (named !== undefined) {
        if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(full)))) candidates.push({ path: full, format: named });
      } else if (entry.isDirectory() && depth < maxDepth && !isSkipped(entry.name)) {
        // Symbolic links to directories are not followed (`isDirectory` is false for them): no cycles.
        queue.push({ directory: full, depth: depth + 1 });
      }
    }
  }
  if (index < queue.length) budget.truncated = true;
  const found: DiscoveredFile[] = [];
  for (const candidate of candidates) if (await holdsServers(candidate)) found.push(candidate);
  return found.sort((a, b) => compare(a.path, b.path));
}

function isFolderLike(entry: Dirent): boolean {
  return entry.isDirectory() || entry.isSymbolicLink();
}

/** The block files of `.continue/mcpServers/`, counted against the walk's budget. */
async function continueBlocks(folder: string, budget: { remaining: number; truncated: boolean }): Promise<DiscoveredFile[]> {
  const { entries, complete } = await readDirectory(folder, budget.remaining);
  budget.remaining -= entries.length;
  if (!complete) budget.truncated = true;
  const blocks: DiscoveredFile[] = [];
  for (const entry of entries) {
    const file = path.join(folder, entry.name);
    if (!isContinueBlockName(entry.name)) continue;
    if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(file)))) blocks.push({ path: file, format: 'continue' });
  }
  return blocks;
}

/** A file found under a shared name is only a config when it declares servers (a file that cannot be read is not). */
async function holdsServers(file: DiscoveredFile): Promise<boolean> {
  const declaresServers = DECLARES_SERVERS[file.format];
  if (declaresServers === undefined) return true;
  const read = await readConfigText(file.path);
  return read.ok && declaresServers(read.text);
}

/** At most `limit` entries of a directory, streamed so that a directory with millions of entries costs no memory. */
async function readDirectory(directory: string, limit: number): Promise<{ entries: Dirent[]; complete: boolean }> {
  const entries: Dirent[] = [];
  try {
    // Leaving the loop early closes the directory handle.
    for await (const entry of await opendir(directory)) {
      if (entries.length === limit) return { entries, complete: false };
      entries.push(entry);
    }
  } catch {
    // Unreadable (permissions, removed meanwhile): nothing to find there.
  }
  return { entries, complete: true };
}

function isSkipped(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRS.has(name);
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

async function classifyByContent(file: string): Promise<ConfigFormat> {
  const read = await readConfigText(file);
  return formatFromContent(read.ok ? read.text : undefined, file);
}

/** Drops later paths that name the same file (also through a symbolic link or `..`). */
async function withoutDuplicates(files: DiscoveredFile[]): Promise<DiscoveredFile[]> {
  const seen = new Set<string>();
  const unique: DiscoveredFile[] = [];
  for (const file of files) {
    const identity = await realpath(file.path).catch(() => file.path);
    if (seen.has(identity)) continue;
    seen.add(identity);
    unique.push(file);
  }
  return unique;
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
