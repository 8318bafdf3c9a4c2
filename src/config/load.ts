import path from 'node:path';
import type { ConfigFile, ConfigFormat } from '../model/spec.js';
import { discoverConfigFiles, type DiscoveredFile } from './discover.js';
import { claudeCodeReader } from './formats/claude-code.js';
import { claudeDesktopReader } from './formats/claude-desktop.js';
import { clineReader } from './formats/cline.js';
import { codexReader } from './formats/codex.js';
import { continueReader } from './formats/continue.js';
import { cursorReader } from './formats/cursor.js';
import { geminiReader } from './formats/gemini.js';
import { gooseReader } from './formats/goose.js';
import { registryReader } from './formats/mcp-registry.js';
import type { ConfigLocation, FormatReader } from './formats/reader.js';
import { vscodeReader } from './formats/vscode.js';
import { windsurfReader } from './formats/windsurf.js';
import { zedReader } from './formats/zed.js';
import { toDisplayPath } from './paths.js';
import { readConfigText } from './read-text.js';

export const READERS: Readonly<Record<ConfigFormat, FormatReader>> = {
  'claude-code': claudeCodeReader,
  'claude-desktop': claudeDesktopReader,
  cursor: cursorReader,
  vscode: vscodeReader,
  gemini: geminiReader,
  codex: codexReader,
  zed: zedReader,
  windsurf: windsurfReader,
  cline: clineReader,
  continue: continueReader,
  goose: gooseReader,
  'mcp-registry': registryReader,
};

export interface LoadedConfigs {
  configs: ConfigFile[];
  /** Explicit paths (as given) that do not exist. */
  missing: string[];
  /** Discovery stopped at its entry budget (see `discoverConfigFiles`). */
  truncated: boolean;
  /** More files were found than `maxFiles`: none was read (`configs` is empty). */
  tooMany?: { found: number };
}

/** Files read at the same time: reading is I/O, and each file in flight holds its text and its parse tree. */
const FILES_READ_AT_ONCE = 16;

/**
 * Discovers and reads every config file, a few at a time. A file that cannot be read or parsed is returned with
 * `error` set. When discovery finds more than `maxFiles`, nothing is read; entries of a file past `maxEntries` are
 * counted, not read.
 */
export async function loadConfigs(
  paths: string[],
  root: string,
  bounds: { maxFiles?: number; maxEntries?: number } = {},
): Promise<LoadedConfigs> {
  const maxFiles = bounds.maxFiles ?? Number.POSITIVE_INFINITY;
  const { files, missing, truncated } = await discoverConfigFiles(paths, root);
  if (files.length > maxFiles) return { configs: [], missing, truncated, tooMany: { found: files.length } };
  const configs = new Array<ConfigFile>(files.length);
  let next = 0;
  const reader = async () => {
    for (let index = next++; index < files.length; index = next++) {
      configs[index] = await readConfigFile(files[index]!, root, bounds.maxEntries);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILES_READ_AT_ONCE, files.length) }, reader));
  return { configs, missing, truncated };
}

/** Reads one file in the format discovery gave it. Never rejects: every problem ends up in `error`. */
export async function readConfigFile(file: DiscoveredFile, root: string, maxEntries?: number): Promise<ConfigFile> {
  const reader = READERS[file.format];
  const location: ConfigLocation = {
    path: file.path,
    displayPath: toDisplayPath(file.path, root),
    ...(maxEntries !== undefined && { maxEntries }),
  };
  try {
    const read = await readConfigText(file.path);
    if (!read.ok) return reader.unreadable(location, read.error);
    return reader.read(read.text, { ...location, companions: await readCompanions(file.path, reader.companions ?? []) });
  } catch (error) {
    // Recursion over a pathologically deep document overflows the stack (any format); anything else is a bug here,
    // which must cost one file, not the run.
    const message =
      error instanceof RangeError ? 'the file is nested too deeply to read' : `internal error while reading the file: ${String(error)}`;
    return reader.unreadable(location, { message, line: 1, column: 1 });
  }
}

/** The files next to `file` that a reader asked for; ones that are missing or unreadable are left out. */
async function readCompanions(file: string, names: readonly string[]): Promise<ReadonlyMap<string, string>> {
  const companions = new Map<string, string>();
  for (const name of names) {
    const read = await readConfigText(path.join(path.dirname(file), name));
    if (read.ok) companions.set(name, read.text);
  }
  return companions;
}
