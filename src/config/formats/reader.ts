import path from 'node:path';
import type { Node } from 'jsonc-parser';
import type { ConfigError, ConfigFile, ConfigFormat, ServerSpec } from '../../model/spec.js';
import { describeType, fieldsOf, parseJsonWithPositions, propertiesOf, quoted, type LineIndex } from '../json-with-positions.js';
import type { PathApi } from '../paths.js';
import type { FormatRules } from './rules.js';
import { normalizeEntry } from './server-entry.js';

export interface ConfigLocation {
  /** Absolute path of the file. */
  path: string;
  /** The path relative to the run's root, forward slashes. */
  displayPath: string;
}

export interface FormatReader {
  readonly format: ConfigFormat;
  /** Turns a file's text into a ConfigFile. Never throws: syntax and shape errors become `error` or schema problems. */
  read(text: string, location: ConfigLocation, pathApi?: PathApi): ConfigFile;
  /** The ConfigFile of a file that could not be read. */
  unreadable(location: ConfigLocation, error: ConfigError): ConfigFile;
}

export function defineReader(rules: FormatRules): FormatReader {
  return {
    format: rules.format,
    read: (text, location, pathApi = path) => readConfig(rules, text, location, pathApi),
    unreadable: (location, error) => ({ ...emptyConfig(rules, location, path), error }),
  };
}

function emptyConfig(rules: FormatRules, location: ConfigLocation, pathApi: PathApi): ConfigFile {
  return {
    path: location.path,
    displayPath: location.displayPath,
    format: rules.format,
    client: rules.client,
    workspaceFolder: workspaceFolderOf(location.path, rules, pathApi),
    servers: [],
    inputs: [],
  };
}

function readConfig(rules: FormatRules, text: string, location: ConfigLocation, pathApi: PathApi): ConfigFile {
  const file = emptyConfig(rules, location, pathApi);
  const parsed = parseJsonWithPositions(text, rules.syntax);
  if (!parsed.ok) return { ...file, error: parsed.error };
  const { root, lines } = parsed;
  const errorAt = (message: string, offset: number): ConfigFile => ({ ...file, error: { message, ...lines.position(offset) } });

  if (root.type !== 'object') return errorAt(`the file must contain an object, found ${describeType(root)}`, root.offset);
  const topLevel = fieldsOf(root);
  const servers = topLevel.get(rules.serversKey);
  if (servers === undefined) return errorAt(...missingServersKey(rules, topLevel, root.offset));
  if (servers.value.type !== 'object') {
    return errorAt(
      `"${rules.serversKey}" must be an object that maps server names to entries, found ${describeType(servers.value)}`,
      servers.value.offset,
    );
  }
  if (rules.inputs) file.inputs = inputIds(topLevel.get('inputs')?.value);
  file.servers = readEntries(servers.value, rules, {
    displayPath: location.displayPath,
    lines,
    workspaceFolder: file.workspaceFolder,
    pathApi,
  });
  const declaredInputs = new Set(file.inputs);
  for (const spec of file.servers) spec.schemaProblems.push(...(rules.entryProblems?.(spec, declaredInputs) ?? []));
  return file;
}

/**
 * The folder `${workspaceFolder}` names: the parent of `.vscode`/`.cursor` for files inside one, else the file's folder
 * (Claude Code's project root holds `.mcp.json`; Claude Desktop has no workspace, so its file's folder is used).
 */
function workspaceFolderOf(file: string, rules: FormatRules, pathApi: PathApi): string {
  const folder = pathApi.dirname(file);
  return rules.workspaceDir !== undefined && pathApi.basename(folder) === rules.workspaceDir ? pathApi.dirname(folder) : folder;
}

/** The error for a file without the client's servers key, naming the other client's key when that is what it has. */
function missingServersKey(
  rules: FormatRules,
  topLevel: Map<string, { keyNode: Node }>,
  rootOffset: number,
): [message: string, offset: number] {
  const otherKey = rules.serversKey === 'mcpServers' ? 'servers' : 'mcpServers';
  const other = topLevel.get(otherKey);
  if (other !== undefined) {
    return [
      `"${otherKey}" is not read by ${rules.clientName}: rename it to "${rules.serversKey}"` +
        (otherKey === 'servers' ? ' ("servers" is the key of VS Code\'s .vscode/mcp.json)' : ''),
      other.keyNode.offset,
    ];
  }
  return [`no "${rules.serversKey}" object: ${rules.clientName} reads its servers from the top-level key "${rules.serversKey}"`, rootOffset];
}

/** The entries in document order. A name declared twice keeps its last entry, as `JSON.parse` does, and says so. */
function readEntries(
  servers: Node,
  rules: FormatRules,
  context: { displayPath: string; lines: LineIndex; workspaceFolder: string; pathApi: PathApi },
): ServerSpec[] {
  const entries = propertiesOf(servers);
  const last = new Map(entries.map((entry) => [entry.key, entry]));
  const first = new Map(entries.toReversed().map((entry) => [entry.key, entry]));
  const specs: ServerSpec[] = [];
  for (const entry of entries) {
    if (last.get(entry.key) !== entry) continue;
    const spec = normalizeEntry(entry, { rules, ...context });
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
