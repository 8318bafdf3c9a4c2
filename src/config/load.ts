import type { ConfigFile, ConfigFormat } from '../model/spec.js';
import { discoverConfigFiles, type DiscoveredFile } from './discover.js';
import { claudeCodeReader } from './formats/claude-code.js';
import { claudeDesktopReader } from './formats/claude-desktop.js';
import { cursorReader } from './formats/cursor.js';
import type { FormatReader } from './formats/reader.js';
import { vscodeReader } from './formats/vscode.js';
import { toDisplayPath } from './paths.js';
import { readConfigText } from './read-text.js';

const READERS: Readonly<Record<ConfigFormat, FormatReader>> = {
  'claude-code': claudeCodeReader,
  'claude-desktop': claudeDesktopReader,
  cursor: cursorReader,
  vscode: vscodeReader,
};

export interface LoadedConfigs {
  configs: ConfigFile[];
  /** Explicit paths (as given) that do not exist. */
  missing: string[];
  /** Discovery stopped at its entry budget (see `discoverConfigFiles`). */
  truncated: boolean;
}

/** Discovers and reads every config file. A file that cannot be read or parsed is returned with `error` set. */
export async function loadConfigs(paths: string[], root: string): Promise<LoadedConfigs> {
  const { files, missing, truncated } = await discoverConfigFiles(paths, root);
  const configs = await Promise.all(files.map((file) => readConfigFile(file, root)));
  return { configs, missing, truncated };
}

/** Reads one file in the format discovery gave it. Never rejects: every problem ends up in `error`. */
export async function readConfigFile(file: DiscoveredFile, root: string): Promise<ConfigFile> {
  const reader = READERS[file.format];
  const location = { path: file.path, displayPath: toDisplayPath(file.path, root) };
  try {
    const read = await readConfigText(file.path);
    return read.ok ? reader.read(read.text, location) : reader.unreadable(location, read.error);
  } catch (error) {
    // A bug here must cost one file, not the run.
    return reader.unreadable(location, { message: `internal error while reading the file: ${String(error)}`, line: 1, column: 1 });
  }
}
