import type { Dirent } from 'node:fs';
import { opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseTree } from 'jsonc-parser';
import type { ConfigFormat } from '../model/spec.js';
import { CLAUDE_CODE_FILE, CLAUDE_DESKTOP_FILE, WORKSPACE_DIRS, WORKSPACE_MCP_FILE, formatFromFileName } from './paths.js';
import { fieldsOf, type JsonProperty } from './json-with-positions.js';
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
 * directory (`.git`, `.venv`, `.cache`, `.next`, …) is skipped too; `.vscode` and `.cursor` are only looked into.
 */
const SKIPPED_DIRS = new Set(['node_modules', 'bower_components', 'jspm_packages', 'vendor', 'venv', '__pycache__', 'site-packages', 'Pods']);

/**
 * Finds the config files to check. With no paths, searches `root`; otherwise each path (relative to `root`) is a file
 * or a directory to search. Order: the paths' order, each directory's files sorted by path; duplicates are dropped.
 *
 * A file passed explicitly whose name no client owns is classified by content: a top-level `mcpServers` makes it a
 * Claude Desktop style file, else a top-level `servers` makes it a VS Code file; anything else (including a file
 * that cannot be read or parsed) is read as Claude Desktop style, whose reader then reports what is wrong.
 */
export async function discoverConfigFiles(
  paths: string[],
  root: string,
  limits: WalkLimits = DEFAULT_WALK_LIMITS,
): Promise<Discovery> {
  const budget = { remaining: limits.maxEntries, truncated: false };
  const found: DiscoveredFile[] = [];
  const missing: string[] = [];
  for (const given of paths.length === 0 ? [root] : paths) {
    const absolute = path.resolve(root, given);
    const info = await stat(absolute).catch(() => undefined);
    if (info === undefined) missing.push(given);
    else if (info.isDirectory()) found.push(...(await searchDirectory(absolute, limits.maxDepth, budget)));
    else found.push({ path: absolute, format: formatFromFileName(absolute) ?? (await formatFromContent(absolute)) });
  }
  return { files: await withoutDuplicates(found), missing, truncated: budget.truncated };
}

/** Breadth-first, so that when the budget runs out the files nearest the top have been found. */
async function searchDirectory(
  top: string,
  maxDepth: number,
  budget: { remaining: number; truncated: boolean },
): Promise<DiscoveredFile[]> {
  const found: DiscoveredFile[] = [];
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
      const workspaceFormat = WORKSPACE_DIRS.get(entry.name);
      if (workspaceFormat !== undefined) {
        const file = path.join(full, WORKSPACE_MCP_FILE);
        // A linked `.vscode` folder is fine to look into: one file is read from it, nothing is walked.
        if ((entry.isDirectory() || entry.isSymbolicLink()) && (await isFile(file))) found.push({ path: file, format: workspaceFormat });
      } else if (entry.name === CLAUDE_CODE_FILE || entry.name === CLAUDE_DESKTOP_FILE) {
        if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(full)))) {
          found.push({ path: full, format: entry.name === CLAUDE_CODE_FILE ? 'claude-code' : 'claude-desktop' });
        }
      } else if (entry.isDirectory() && depth < maxDepth && !isSkipped(entry.name)) {
        // Symbolic links to directories are not followed (`isDirectory` is false for them): no cycles.
        queue.push({ directory: full, depth: depth + 1 });
      }
    }
  }
  if (index < queue.length) budget.truncated = true;
  return found.sort((a, b) => compare(a.path, b.path));
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

async function formatFromContent(file: string): Promise<ConfigFormat> {
  const read = await readConfigText(file);
  // Tolerant on purpose (comments, trailing commas, even syntax errors): this only classifies; the reader judges.
  const root = read.ok ? parseTree(read.text.replace(/^\uFEFF/, ''), [], { allowTrailingComma: true }) : undefined;
  const topLevel = root?.type === 'object' ? fieldsOf(root) : new Map<string, JsonProperty>();
  return !topLevel.has('mcpServers') && topLevel.has('servers') ? 'vscode' : 'claude-desktop';
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
