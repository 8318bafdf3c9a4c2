import { getNodeValue, type Node } from 'jsonc-parser';
import type { SchemaProblem, ServerSpec, SourcePosition, TransportKind } from '../../model/spec.js';
import { describeType, fieldsOf, propertiesOf, quoted, type JsonProperty, type LineIndex } from '../json-with-positions.js';
import type { PathApi } from '../paths.js';
import type { FormatRules } from './rules.js';

export interface EntryContext {
  rules: FormatRules;
  displayPath: string;
  lines: LineIndex;
  workspaceFolder: string;
  pathApi: PathApi;
}

/**
 * Normalizes one server entry into a ServerSpec. Never fails: every shape the client would reject becomes a
 * schema problem pointing at the offending value, so `config-schema` can report it on the right line.
 */
export function normalizeEntry(entry: JsonProperty, context: EntryContext): ServerSpec {
  const { rules } = context;
  const at = (node: Node): SourcePosition => ({ file: context.displayPath, ...context.lines.position(node.offset) });
  const spec: ServerSpec = {
    name: entry.key,
    client: rules.client,
    config: context.displayPath,
    source: at(entry.keyNode),
    fieldPositions: {},
    transport: 'unknown',
    args: [],
    env: emptyMap(),
    headers: emptyMap(),
    cwd: context.workspaceFolder,
    schemaProblems: [],
    disabled: false,
  };
  const problem = (message: string, node: Node): void => {
    spec.schemaProblems.push({ message, position: at(node) });
  };
  if (entry.value.type !== 'object') {
    problem(`server ${quoted(entry.key)} must be an object with "command" or "url", found ${describeType(entry.value)}`, entry.value);
    return spec;
  }
  const fields = fieldsOf(entry.value);
  const record = (key: string, node: Node): void => {
    spec.fieldPositions[key] = at(node);
  };
  const stringField = (key: 'command' | 'url' | 'type' | 'cwd'): string | undefined => {
    const field = fields.get(key);
    if (field === undefined) return undefined;
    record(key, field.value);
    if (field.value.type === 'string') return String(field.value.value);
    problem(`"${key}" must be a string, found ${describeType(field.value)}`, field.value);
    return undefined;
  };

  const declaredType = stringField('type');
  const command = stringField('command');
  const url = stringField('url');
  if (declaredType !== undefined) spec.declaredType = declaredType;
  if (command !== undefined) spec.command = command;
  if (url !== undefined) spec.url = url;

  spec.transport = transportOf(spec, fields, context, problem);
  requireFields(spec, fields, entry, context, problem);
  if (command === '') problem('"command" is empty', fields.get('command')!.value);
  if (url !== undefined && !url.includes('${') && !URL.canParse(url)) {
    problem(`"url" is not a valid URL`, fields.get('url')!.value);
  }

  const args = fields.get('args');
  if (args !== undefined) spec.args = readArgs(args.value, record, problem);
  const env = fields.get('env');
  if (env !== undefined) spec.env = readStringMap('env', env.value, rules.lenientEnvValues, record, problem);
  const headers = fields.get('headers');
  if (headers !== undefined) spec.headers = readStringMap('headers', headers.value, false, record, problem);

  if (rules.cwdField) {
    const cwd = stringField('cwd');
    if (cwd !== undefined) spec.cwd = cwdFromField(cwd, context);
  }
  spec.disabled = fields.get('disabled')?.value.value === true;
  return spec;
}

function transportOf(
  spec: ServerSpec,
  fields: Map<string, JsonProperty>,
  { rules }: EntryContext,
  problem: (message: string, node: Node) => void,
): TransportKind {
  const typeField = fields.get('type');
  if (typeField !== undefined) {
    if (spec.declaredType === undefined) return 'unknown';
    const rule = Object.hasOwn(rules.types, spec.declaredType) ? rules.types[spec.declaredType] : undefined;
    if (rule !== undefined) return rule.transport;
    const accepted = Object.keys(rules.types).map((type) => `"${type}"`).join(', ');
    problem(`unknown "type" ${quoted(spec.declaredType)}: ${rules.clientName} accepts ${accepted}`, typeField.value);
    return 'unknown';
  }
  // Without `type`, an entry with a command is a stdio server for every client.
  if (fields.has('command') || !fields.has('url')) return 'stdio';
  if ('transport' in rules.urlWithoutType) return rules.urlWithoutType.transport;
  problem(rules.urlWithoutType.problem, fields.get('url')!.keyNode);
  return 'unknown';
}

/** The field the entry's transport cannot work without. */
function requireFields(
  spec: ServerSpec,
  fields: Map<string, JsonProperty>,
  entry: JsonProperty,
  { rules }: EntryContext,
  problem: (message: string, node: Node) => void,
): void {
  const declared = spec.declaredType;
  const rule = declared !== undefined && Object.hasOwn(rules.types, declared) ? rules.types[declared] : undefined;
  const required = declared === undefined ? (spec.transport === 'stdio' ? 'command' : undefined) : rule?.requires;
  if (required === 'command' && !fields.has('command')) {
    problem(`server ${quoted(spec.name)} has no "command": a stdio server needs the program to start`, entry.keyNode);
  }
  if (required === 'url' && !fields.has('url')) {
    problem(`server ${quoted(spec.name)} has no "url": a remote server needs the address to connect to`, entry.keyNode);
  }
}

function readArgs(
  node: Node,
  record: (key: string, node: Node) => void,
  problem: (message: string, node: Node) => void,
): string[] {
  record('args', node);
  if (node.type !== 'array') {
    problem(`"args" must be an array of strings, found ${describeType(node)}`, node);
    return [];
  }
  return (node.children ?? []).map((item, index) => {
    record(`args.${index}`, item);
    if (item.type === 'string') return String(item.value);
    problem(`"args" must contain only strings; item ${index} is ${describeType(item)}`, item);
    // Kept (as text) so that every later argument keeps its index and position.
    const value: unknown = getNodeValue(item);
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  });
}

/** `env` or `headers`: an object of strings. `lenient` accepts VS Code's numbers and nulls in `env`. */
function readStringMap(
  field: 'env' | 'headers',
  node: Node,
  lenient: boolean,
  record: (key: string, node: Node) => void,
  problem: (message: string, node: Node) => void,
): Record<string, string> {
  record(field, node);
  const values = emptyMap();
  if (node.type !== 'object') {
    problem(`"${field}" must be an object of strings, found ${describeType(node)}`, node);
    return values;
  }
  for (const { key, value } of propertiesOf(node)) {
    record(`${field}.${key}`, value);
    if (value.type === 'string') values[key] = String(value.value);
    else if (lenient && value.type === 'number') values[key] = String(value.value);
    // VS Code: null removes the variable from the inherited environment; it sets nothing.
    else if (lenient && value.type === 'null') delete values[key];
    else problem(`${quoted(`${field}.${key}`)} must be a string, found ${describeType(value)}`, value);
  }
  return values;
}

/**
 * VS Code's `cwd`: relative paths are relative to the workspace folder. A value starting with a variable or `~` is
 * kept as written and completed by `resolveServer` after expansion.
 */
function cwdFromField(cwd: string, { workspaceFolder, pathApi }: EntryContext): string {
  if (cwd.startsWith('${') || cwd === '~' || cwd.startsWith('~/') || cwd.startsWith('~\\')) return cwd;
  return pathApi.isAbsolute(cwd) ? cwd : pathApi.join(workspaceFolder, cwd);
}

/** Keys come from the file: without a prototype, a key such as `__proto__` is just a key. */
function emptyMap(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** Every string value of a spec with its `fieldPositions` key, for scans over all fields. */
export function stringFields(spec: ServerSpec): Array<{ key: string; value: string }> {
  const fields: Array<{ key: string; value: string }> = [];
  if (spec.command !== undefined) fields.push({ key: 'command', value: spec.command });
  spec.args.forEach((value, index) => fields.push({ key: `args.${index}`, value }));
  for (const [name, value] of Object.entries(spec.env)) fields.push({ key: `env.${name}`, value });
  if (spec.url !== undefined) fields.push({ key: 'url', value: spec.url });
  for (const [name, value] of Object.entries(spec.headers)) fields.push({ key: `headers.${name}`, value });
  if (spec.fieldPositions.cwd !== undefined) fields.push({ key: 'cwd', value: spec.cwd });
  return fields;
}

/** A problem at a field's recorded position, falling back to the entry's key. */
export function problemAt(spec: ServerSpec, key: string, message: string): SchemaProblem {
  return { message, position: spec.fieldPositions[key] ?? spec.source };
}
