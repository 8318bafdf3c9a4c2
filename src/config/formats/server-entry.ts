import type { Node } from 'jsonc-parser';
import type { ClientId, SchemaProblem, ServerSpec, SourcePosition, TransportKind } from '../../model/spec.js';
import { describeType, fieldsOf, quoted, type JsonProperty, type LineIndex } from '../json-with-positions.js';
import type { PathApi } from '../paths.js';
import { EntryFields, emptyMap } from './entry-fields.js';
import type { CommonField, FormatRules } from './rules.js';

export interface EntryContext {
  rules: FormatRules;
  displayPath: string;
  lines: LineIndex;
  workspaceFolder: string;
  pathApi: PathApi;
}

/** A spec with nothing read yet: stdio-less, argument-less, started in the workspace folder. */
export function emptySpec(name: string, client: ClientId, displayPath: string, source: SourcePosition, cwd: string): ServerSpec {
  return {
    name,
    client,
    config: displayPath,
    source,
    fieldPositions: {},
    transport: 'unknown',
    args: [],
    env: emptyMap(),
    headers: emptyMap(),
    cwd,
    schemaProblems: [],
    disabled: false,
  };
}

/**
 * Normalizes one server entry into a ServerSpec. Never fails: every shape the client would reject becomes a
 * schema problem pointing at the offending value, so `config-schema` can report it on the right line.
 */
export function normalizeEntry(entry: JsonProperty, context: EntryContext): ServerSpec {
  const { rules } = context;
  const at = (node: Node): SourcePosition => ({ file: context.displayPath, ...context.lines.position(node.offset) });
  const spec = emptySpec(entry.key, rules.client, context.displayPath, at(entry.keyNode), context.workspaceFolder);
  if (entry.value.type !== 'object') {
    spec.schemaProblems.push({
      message: `server ${quoted(entry.key)} must be an object with "command" or "url", found ${describeType(entry.value)}`,
      position: at(entry.value),
    });
    return spec;
  }
  const written = fieldsOf(entry.value);
  const fields = commonFields(rules.rewriteFields?.(new Map(written)) ?? written, rules);
  const read = new EntryFields(spec, fields, written, at);

  const declaredType = read.string('type');
  const command = read.string('command');
  const url = read.string('url');
  if (declaredType !== undefined) spec.declaredType = declaredType;
  if (command !== undefined) spec.command = command;
  if (url !== undefined) spec.url = url;

  spec.transport = transportOf(spec, read, rules);
  requireFields(spec, read, entry, rules);
  if (command === '') read.problem(`"${fields.get('command')!.key}" is empty`, fields.get('command')!.value);
  // A value with a variable (`${VAR}`, Gemini's `$VAR`) is judged after expansion, by config-variables.
  if (url !== undefined && !url.includes('$') && !URL.canParse(url)) {
    read.problem(`"${fields.get('url')!.key}" is not a valid URL`, fields.get('url')!.value);
  }

  spec.args = read.args();
  const unsetEnv: string[] = [];
  spec.env = read.stringMap('env', 'env', rules.lenientEnvValues, unsetEnv) ?? spec.env;
  if (unsetEnv.length > 0) spec.unsetEnv = unsetEnv;
  spec.headers = read.stringMap('headers', 'headers') ?? spec.headers;
  if (rules.cwdField) {
    const cwd = read.string('cwd');
    if (cwd !== undefined) spec.cwd = cwdFromField(cwd, context);
  }
  spec.disabled = isSwitchedOff(read, rules);
  rules.readExtras?.(read);
  return spec;
}

/**
 * The entry's fields keyed by their common names (`command`, `url`, …): the first of the client's spellings that is
 * present wins, and spellings the client does not read are dropped (Goose reads `cmd`; a `command` there is ignored).
 */
export function commonFields(fields: ReadonlyMap<string, JsonProperty>, rules: FormatRules): Map<string, JsonProperty> {
  const result = new Map<string, JsonProperty>();
  const consumed = new Set<string>();
  for (const [common, spellings] of Object.entries(rules.fieldNames ?? {}) as Array<[CommonField, readonly string[]]>) {
    consumed.add(common);
    for (const spelling of spellings) consumed.add(spelling);
    const present = spellings.find((spelling) => fields.has(spelling));
    if (present !== undefined) result.set(common, fields.get(present)!);
  }
  for (const [key, field] of fields) if (!consumed.has(key)) result.set(key, field);
  return result;
}

/** The key a client reads for a common field, for messages about a missing one. */
function spellingOf(field: CommonField, rules: FormatRules): string {
  return rules.fieldNames?.[field]?.[0] ?? field;
}

function isSwitchedOff(read: EntryFields, rules: FormatRules): boolean {
  const key = rules.offSwitch ?? 'disabled';
  const field = read.fields.get(key);
  if (field === undefined) return false;
  const off = field.value.value === (key === 'disabled');
  if (off) read.record('disabled', field.value);
  return off;
}

function transportOf(spec: ServerSpec, read: EntryFields, rules: FormatRules): TransportKind {
  const typeField = read.fields.get('type');
  if (typeField !== undefined) {
    if (spec.declaredType === undefined) return 'unknown';
    const rule = Object.hasOwn(rules.types, spec.declaredType) ? rules.types[spec.declaredType] : undefined;
    if (rule?.unsupported !== undefined) read.problem(rule.unsupported, typeField.value);
    if (rule !== undefined) return rule.transport;
    const accepted = Object.keys(rules.types)
      .filter((type) => rules.types[type]?.unsupported === undefined)
      .map((type) => `"${type}"`)
      .join(', ');
    read.problem(`unknown "${typeField.key}" ${quoted(spec.declaredType)}: ${rules.clientName} accepts ${accepted}`, typeField.value);
    return 'unknown';
  }
  // Without `type`, an entry with a command is a stdio server for every client.
  if (read.fields.has('command') || !read.fields.has('url')) return 'stdio';
  if ('transport' in rules.urlWithoutType) return rules.urlWithoutType.transport;
  read.problem(rules.urlWithoutType.problem, read.fields.get('url')!.keyNode);
  return 'unknown';
}

/** The field the entry's transport cannot work without. */
function requireFields(spec: ServerSpec, read: EntryFields, entry: JsonProperty, rules: FormatRules): void {
  const declared = spec.declaredType;
  const rule = declared !== undefined && Object.hasOwn(rules.types, declared) ? rules.types[declared] : undefined;
  const required = declared === undefined ? (spec.transport === 'stdio' ? 'command' : undefined) : rule?.requires;
  if (required === 'command' && !read.fields.has('command')) {
    read.problem(
      `server ${quoted(spec.name)} has no "${spellingOf('command', rules)}": a stdio server needs the program to start`,
      entry.keyNode,
    );
  }
  if (required === 'url' && !read.fields.has('url')) {
    read.problem(
      `server ${quoted(spec.name)} has no "${spellingOf('url', rules)}": a remote server needs the address to connect to`,
      entry.keyNode,
    );
  }
}

/**
 * A `cwd` field: relative paths are relative to the workspace folder. A value starting with a variable or `~` is
 * kept as written and completed by `resolveServer` after expansion.
 */
function cwdFromField(cwd: string, { workspaceFolder, pathApi }: EntryContext): string {
  if (cwd.startsWith('$') || cwd === '~' || cwd.startsWith('~/') || cwd.startsWith('~\\')) return cwd;
  return pathApi.isAbsolute(cwd) ? cwd : pathApi.join(workspaceFolder, cwd);
}

/** Every string value of a spec with its `fieldPositions` key, for scans over all fields. */
export function stringFields(spec: ServerSpec): Array<{ key: string; value: string }> {
  const fields: Array<{ key: string; value: string }> = [];
  if (spec.command !== undefined) fields.push({ key: 'command', value: spec.command });
  for (const [index, value] of spec.args.entries()) fields.push({ key: `args.${index}`, value });
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
