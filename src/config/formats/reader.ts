import path from 'node:path';
import type { Node } from 'jsonc-parser';
import type { ConfigError, ConfigFile, ConfigFormat, ServerSpec } from '../../model/spec.js';
import { parseDocument } from '../document.js';
import { describeType, fieldsOf, propertiesOf, quoted, type JsonProperty, type LineIndex } from '../json-with-positions.js';
import type { PathApi } from '../paths.js';
import type { FormatRules } from './rules.js';
import { commonFields, normalizeEntry } from './server-entry.js';

export interface ConfigLocation {
  /** Absolute path of the file. */
  path: string;
  /** The path relative to the run's root, forward slashes. */
  displayPath: string;
  /** Text of the files next to this one that the reader asked for (`FormatReader.companions`), by file name. */
  companions?: ReadonlyMap<string, string>;
  /**
   * Entries read at most: the rest are only counted (`ConfigFile.entriesNotRead`), so a file declaring 70,000 servers
   * costs its parse, not 70,000 normalized entries, before the run stops on its bound.
   */
  maxEntries?: number;
}

/** The entries a reader normalizes, and how many it only counts. */
export function withinBound<T>(entries: readonly T[], location: ConfigLocation): { kept: readonly T[]; notRead?: number } {
  const max = location.maxEntries ?? Number.POSITIVE_INFINITY;
  return entries.length > max ? { kept: entries.slice(0, max), notRead: entries.length - max } : { kept: entries };
}

export interface FormatReader {
  readonly format: ConfigFormat;
  /** The top-level key that holds the servers, for messages about a file that declares none. */
  readonly serversKey: string;
  /** Files in the same folder the reader also needs (the `package.json` of a `server.json`); missing ones are left out. */
  readonly companions?: readonly string[];
  /** Turns a file's text into a ConfigFile. Never throws: syntax and shape errors become `error` or schema problems. */
  read(text: string, location: ConfigLocation, pathApi?: PathApi): ConfigFile;
  /** The ConfigFile of a file that could not be read. */
  unreadable(location: ConfigLocation, error: ConfigError): ConfigFile;
}

export function defineReader(rules: FormatRules): FormatReader {
  return {
    format: rules.format,
    serversKey: rules.serversKey,
    read: (text, location, pathApi = path) => readConfig(rules, text, location, pathApi),
    unreadable: (location, error) => ({ ...emptyConfig(rules, location, path), error }),
  };
}

export function emptyConfig(
  rules: Pick<FormatRules, 'format' | 'client' | 'workspaceDir'>,
  location: ConfigLocation,
  pathApi: PathApi,
): ConfigFile {
  return {
    path: location.path,
    displayPath: location.displayPath,
    format: rules.format,
    client: rules.client,
    workspaceFolder: workspaceFolderOf(location.path, rules.workspaceDir, pathApi),
    servers: [],
    inputs: [],
  };
}

function readConfig(rules: FormatRules, text: string, location: ConfigLocation, pathApi: PathApi): ConfigFile {
  const file = emptyConfig(rules, location, pathApi);
  const parsed = parseDocument(text, rules.syntax);
  if (!parsed.ok) return { ...file, error: parsed.error };
  const { root, lines } = parsed;
  const errorAt = (message: string, offset: number): ConfigFile => ({ ...file, error: { message, ...lines.position(offset) } });

  if (root.type !== 'object') return errorAt(`the file must contain an object, found ${describeType(root)}`, root.offset);
  const topLevel = fieldsOf(root);
  const servers = topLevel.get(rules.serversKey);
  if (servers === undefined) return errorAt(...missingServersKey(rules, topLevel, root.offset));
  const shape = rules.serversShape ?? 'map';
  if (servers.value.type !== (shape === 'map' ? 'object' : 'array')) {
    const expected = shape === 'map' ? 'an object that maps server names to entries' : 'a list of server entries';
    return errorAt(`"${rules.serversKey}" must be ${expected}, found ${describeType(servers.value)}`, servers.value.offset);
  }
  if (rules.inputs) file.inputs = inputIds(topLevel.get('inputs')?.value);
  const context = { displayPath: location.displayPath, lines, workspaceFolder: file.workspaceFolder, pathApi };
  const unnamed = new Set<JsonProperty>();
  const { kept: entries, notRead } = withinBound(
    shape === 'map' ? propertiesOf(servers.value) : listEntries(servers.value, unnamed),
    location,
  );
  if (notRead !== undefined) file.entriesNotRead = notRead;
  file.servers = readEntries(
    entries.filter((entry) => !isClientInternal(entry, rules)),
    rules,
    context,
    unnamed,
  );
  const declaredInputs = new Set(file.inputs);
  for (const spec of file.servers) spec.schemaProblems.push(...(rules.entryProblems?.(spec, declaredInputs) ?? []));
  return file;
}

/**
 * The folder `${workspaceFolder}` names: the folder that holds `workspaceDir` (`.vscode`, `.continue/mcpServers`) for
 * files inside one, else the file's folder (Claude Code's project root holds `.mcp.json`; Claude Desktop has no
 * workspace, so its file's folder is used).
 */
function workspaceFolderOf(file: string, workspaceDir: string | undefined, pathApi: PathApi): string {
  const folder = pathApi.dirname(file);
  if (workspaceDir === undefined) return folder;
  let above = folder;
  for (const part of workspaceDir.split('/').toReversed()) {
    if (pathApi.basename(above) !== part) return folder;
    above = pathApi.dirname(above);
  }
  return above;
}

/** The error for a file without the client's servers key, naming the other client's key when that is what it has. */
function missingServersKey(
  rules: FormatRules,
  topLevel: Map<string, { keyNode: Node }>,
  rootOffset: number,
): [message: string, offset: number] {
  const otherKey = rules.serversKey === 'mcpServers' ? 'servers' : rules.serversKey === 'servers' ? 'mcpServers' : undefined;
  const other = otherKey === undefined ? undefined : topLevel.get(otherKey);
  if (other !== undefined) {
    return [
      `"${otherKey}" is not read by ${rules.clientName}: rename it to "${rules.serversKey}"` +
        (otherKey === 'servers' ? ' ("servers" is the key of VS Code\'s .vscode/mcp.json)' : ''),
      other.keyNode.offset,
    ];
  }
  const what = rules.serversShape === 'list' ? 'list' : 'object';
  return [
    `no "${rules.serversKey}" ${what}: ${rules.clientName} reads its servers from the top-level key "${rules.serversKey}"`,
    rootOffset,
  ];
}

/**
 * Continue's list of entries as name → entry pairs, keyed by each entry's `name` (whose value is where the entry is
 * reported). An entry without a usable name is listed under its position in the list and gets a schema problem.
 */
function listEntries(list: Node, unnamed: Set<JsonProperty>): JsonProperty[] {
  return (list.children ?? []).map((item, index) => {
    const name = item.type === 'object' ? fieldsOf(item).get('name')?.value : undefined;
    if (name?.type === 'string') return { key: String(name.value), keyNode: name, value: item };
    const entry = { key: `#${index + 1}`, keyNode: item, value: item };
    unnamed.add(entry);
    return entry;
  });
}

function isClientInternal(entry: JsonProperty, rules: FormatRules): boolean {
  return (
    rules.isClientInternal !== undefined &&
    entry.value.type === 'object' &&
    rules.isClientInternal(commonFields(fieldsOf(entry.value), rules))
  );
}

/** The entries in document order. A name declared twice keeps its last entry, as `JSON.parse` does, and says so. */
function readEntries(
  entries: readonly JsonProperty[],
  rules: FormatRules,
  context: { displayPath: string; lines: LineIndex; workspaceFolder: string; pathApi: PathApi },
  unnamed: ReadonlySet<JsonProperty>,
): ServerSpec[] {
  const last = new Map(entries.map((entry) => [entry.key, entry]));
  const first = new Map(entries.toReversed().map((entry) => [entry.key, entry]));
  const specs: ServerSpec[] = [];
  for (const entry of entries) {
    if (last.get(entry.key) !== entry) continue;
    const spec = normalizeEntry(entry, { rules, ...context });
    if (unnamed.has(entry) && entry.value.type === 'object') {
      spec.schemaProblems.push({
        message: `entry ${entry.key} of "${rules.serversKey}" has no "name": ${rules.clientName} needs one`,
        position: spec.source,
      });
    }
    const earlier = first.get(entry.key);
    if (earlier !== undefined && earlier !== entry) {
      const { line } = context.lines.position(earlier.keyNode.offset);
      spec.schemaProblems.push({
        message: `server ${quoted(entry.key)} is declared more than once; the declaration on line ${line} is ignored`,
        position: spec.source,
      });
    }
    specs.push(spec);
  }
  return specs;
}

/** VS Code `inputs`: the ids of well-formed input declarations. */
function inputIds(inputs: Node | undefined): string[] {
  if (inputs?.type !== 'array') return [];
  return (inputs.children ?? []).flatMap((input) => {
    const id = input.type === 'object' ? fieldsOf(input).get('id')?.value : undefined;
    return id?.type === 'string' ? [String(id.value)] : [];
  });
}
