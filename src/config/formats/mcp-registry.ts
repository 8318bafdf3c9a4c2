import path from 'node:path';
import type { Node } from 'jsonc-parser';
import type { ConfigFile, ServerSpec, SourcePosition, TransportKind } from '../../model/spec.js';
import { describeType, fieldsOf, parseJsonWithPositions, quoted, type JsonProperty } from '../json-with-positions.js';
import type { PathApi } from '../paths.js';
import { emptyConfig, withinBound, type ConfigLocation, type FormatReader } from './reader.js';
import { emptySpec } from './server-entry.js';

const RULES = { format: 'mcp-registry', client: 'mcp-registry' } as const;

/** How a client boots a package of each registry type, when `runtimeHint` / `runtimeArguments` do not say. */
const RUNNERS: Readonly<
  Record<string, { command: string; args: (env: readonly string[]) => string[]; spec: (id: string, version?: string) => string }>
> = {
  npm: { command: 'npx', args: () => ['-y'], spec: (id, version) => (version ? `${id}@${version}` : id) },
  pypi: { command: 'uvx', args: () => [], spec: (id, version) => (version ? `${id}==${version}` : id) },
  // The container sees only the variables named with `-e`.
  oci: { command: 'docker', args: (env) => ['run', '-i', '--rm', ...env.flatMap((name) => ['-e', name])], spec: imageReference },
  nuget: { command: 'dnx', args: () => [], spec: (id, version) => (version ? `${id}@${version}` : id) },
};
/** MCP bundles are installed by the app that opens them; there is no command to boot one with. */
const NOT_BOOTABLE = new Set(['mcpb']);
const TRANSPORTS: Readonly<Record<string, TransportKind>> = { stdio: 'stdio', 'streamable-http': 'http', sse: 'sse' };

/**
 * An MCP Registry `server.json` (reference: client-configs.md §13; schema 2025-09-29 and later, camelCase). Every
 * `packages[]` entry and every `remotes[]` entry becomes a server, booted the way a client installs it:
 * - npm `npx -y <identifier>@<version>`, pypi `uvx <identifier>==<version>`, oci `docker run -i --rm [-e VAR…] <image>`,
 *   nuget `dnx <identifier>@<version> [-- args]`; `runtimeHint` and `runtimeArguments` replace the runner and its
 *   arguments when given; `packageArguments` follow the package.
 * - When the repository is the npm package itself (a `package.json` next to `server.json` whose `name` is the
 *   identifier and which has a `bin`), its local build is run instead: `node <bin>` (`launchedFrom: 'local-build'`),
 *   so the code under review is what gets checked.
 * - `environmentVariables`: a `value` is used as given; a required one or one with a `default` becomes `${NAME}` /
 *   `${NAME:-default}` (from the runner's environment, reported by config-variables when missing); optional ones
 *   without a default are left unset, as a client does when the user leaves them empty. `isSecret` values are masked.
 * - `{name}` placeholders declared in an input's `variables`, and required arguments or headers without a value,
 *   are values the user types at install time: `${input:name}`, taken from `MCP_PREFLIGHT_INPUT_<NAME>`.
 * - Server names: the last segment of `name`, with `-npm`, `-remote`… added when the file declares several.
 */
export const registryReader: FormatReader = {
  format: 'mcp-registry',
  serversKey: 'packages',
  companions: ['package.json'],
  read: (text, location, pathApi = path) => readManifest(text, location, pathApi),
  unreadable: (location, error) => ({ ...emptyConfig(RULES, location, path), error }),
};

interface Produced {
  text: string;
  node: Node;
}

function readManifest(text: string, location: ConfigLocation, pathApi: PathApi): ConfigFile {
  const file = emptyConfig(RULES, location, pathApi);
  const parsed = parseJsonWithPositions(text, 'json');
  if (!parsed.ok) return { ...file, error: parsed.error };
  const { root, lines } = parsed;
  const at = (node: Node): SourcePosition => ({ file: location.displayPath, ...lines.position(node.offset) });
  const errorAt = (message: string, node: Node): ConfigFile => ({ ...file, error: { message, ...lines.position(node.offset) } });
  if (root.type !== 'object') return errorAt(`the file must contain an object, found ${describeType(root)}`, root);
  const top = fieldsOf(root);
  const packages = arrayItems(top.get('packages'));
  const remotes = arrayItems(top.get('remotes'));
  if (packages === undefined && remotes === undefined) {
    return errorAt('no "packages" or "remotes": a server.json lists the packages or remote endpoints the server runs from', root);
  }
  for (const key of ['packages', 'remotes']) {
    const field = top.get(key);
    if (field !== undefined && field.value.type !== 'array')
      return errorAt(`"${key}" must be an array, found ${describeType(field.value)}`, field.value);
  }
  const serverName = stringValue(top.get('name')?.value);
  const base = serverName?.split('/').pop() || 'server';
  const localPackage = parsePackageJson(location.companions?.get('package.json'));

  const bootable = (packages ?? []).filter((item) => !NOT_BOOTABLE.has(stringValue(fieldOf(item, 'registryType')) ?? ''));
  const { kept: items, notRead } = withinBound(
    [
      ...bootable.map((item) => ({ item, label: stringValue(fieldOf(item, 'registryType')) ?? 'package' })),
      ...(remotes ?? []).map((item) => ({ item, label: 'remote' })),
    ],
    location,
  );
  if (notRead !== undefined) file.entriesNotRead = notRead;
  const names = entryNames(
    base,
    items.map(({ label }) => label),
  );
  file.servers = items.map(({ item, label }, index) => {
    const spec = emptySpec(names[index]!, 'mcp-registry', location.displayPath, at(item), file.workspaceFolder);
    const entry = new ManifestEntry(spec, at);
    if (item.type !== 'object')
      entry.problem(`${label === 'remote' ? 'a remote' : 'a package'} must be an object, found ${describeType(item)}`, item);
    else if (label === 'remote') readTransport(entry, fieldsOf(item), item, 'the remote');
    else readPackage(entry, fieldsOf(item), item, localPackage);
    return spec;
  });
  return file;
}

/** `weather`, or `weather-npm`, `weather-remote`, `weather-remote-2` when the file declares several entries. */
function entryNames(base: string, labels: readonly string[]): string[] {
  if (labels.length === 1) return [base];
  const total = new Map<string, number>();
  for (const label of labels) total.set(label, (total.get(label) ?? 0) + 1);
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    return total.get(label)! > 1 && count > 1 ? `${base}-${label}-${count}` : `${base}-${label}`;
  });
}

/** Writes one spec, recording positions and problems as the other readers do. */
class ManifestEntry {
  constructor(
    readonly spec: ServerSpec,
    private readonly at: (node: Node) => SourcePosition,
  ) {}

  problem(message: string, node: Node): void {
    this.spec.schemaProblems.push({ message, position: this.at(node) });
  }

  record(key: string, node: Node): void {
    this.spec.fieldPositions[key] = this.at(node);
  }

  /** A string field; a wrong type is a problem. */
  string(fields: ReadonlyMap<string, JsonProperty>, key: string, owner: string): string | undefined {
    const field = fields.get(key);
    if (field === undefined) return undefined;
    if (field.value.type === 'string') return String(field.value.value);
    this.problem(`${owner} "${key}" must be a string, found ${describeType(field.value)}`, field.value);
    return undefined;
  }

  secret(name: string): void {
    (this.spec.secretVariables ??= []).push(name);
  }

  /** `{name}` placeholders declared in the input's `variables` become `${input:name}`; secret ones are masked. */
  template(value: string, input: ReadonlyMap<string, JsonProperty>): string {
    const variables = input.get('variables')?.value;
    if (variables?.type !== 'object') return value;
    const declared = fieldsOf(variables);
    return value.replace(/\{([^{}]+)\}/g, (placeholder, name: string) => {
      const variable = declared.get(name)?.value;
      if (variable === undefined) return placeholder;
      if (variable.type === 'object' && fieldsOf(variable).get('isSecret')?.value.value === true) this.secret(name);
      return `\${input:${name}}`;
    });
  }

  setTransport(type: string | undefined, node: Node, owner: string): void {
    this.record('type', node);
    if (type === undefined) return;
    this.spec.declaredType = type;
    const transport = Object.hasOwn(TRANSPORTS, type) ? TRANSPORTS[type] : undefined;
    if (transport !== undefined) this.spec.transport = transport;
    else this.problem(`unknown type ${quoted(type)} of ${owner}: expected "stdio", "streamable-http" or "sse"`, node);
  }
}

function readPackage(entry: ManifestEntry, fields: Map<string, JsonProperty>, item: Node, localPackage: LocalPackage | undefined): void {
  const { spec } = entry;
  const registryType = entry.string(fields, 'registryType', 'the package');
  const identifier = entry.string(fields, 'identifier', 'the package');
  const version = entry.string(fields, 'version', 'the package');
  const runtimeHint = entry.string(fields, 'runtimeHint', 'the package');
  if (registryType === undefined && !fields.has('registryType')) {
    const legacy = fields.has('registry_type') ? ' (this file uses the 2025-07-09 snake_case schema: update it to the current one)' : '';
    entry.problem(`the package has no "registryType"${legacy}`, item);
  }
  if (identifier === undefined && !fields.has('identifier')) entry.problem('the package has no "identifier"', item);
  if (version === 'latest')
    entry.problem('"version" must be an exact version, not "latest" (the registry rejects it)', fields.get('version')!.value);

  const transport = fields.get('transport');
  if (transport === undefined)
    entry.problem('the package has no "transport": add { "type": "stdio" } (or the HTTP transport it serves)', item);
  else if (transport.value.type !== 'object')
    entry.problem(`"transport" must be an object, found ${describeType(transport.value)}`, transport.value);
  else readTransport(entry, fieldsOf(transport.value), transport.value, 'the transport');

  const env = readInputs(entry, fields.get('environmentVariables'), 'env', 'environmentVariables');
  const runner = registryType !== undefined && Object.hasOwn(RUNNERS, registryType) ? RUNNERS[registryType] : undefined;
  if (registryType !== undefined && runner === undefined) {
    entry.problem(
      `unknown "registryType" ${quoted(registryType)}: mcp-preflight boots npm, pypi, oci and nuget packages`,
      fields.get('registryType')!.value,
    );
  }
  if (runner === undefined || identifier === undefined) return;
  const identifierNode = fields.get('identifier')!.value;
  const packageArgs = readArguments(entry, fields.get('packageArguments'));

  const bin = registryType === 'npm' && localPackage?.name === identifier ? localPackage.bin : undefined;
  let args: Produced[];
  if (bin !== undefined) {
    spec.launchedFrom = 'local-build';
    spec.command = 'node';
    entry.record('command', identifierNode);
    args = [{ text: bin, node: identifierNode }, ...packageArgs];
  } else {
    spec.launchedFrom = 'package';
    spec.command = runtimeHint ?? runner.command;
    entry.record('command', fields.get('runtimeHint')?.value ?? identifierNode);
    const runtimeArgs = fields.has('runtimeArguments')
      ? readArguments(entry, fields.get('runtimeArguments'))
      : runner.args(Object.keys(env)).map((text) => ({ text, node: fields.get('runtimeHint')?.value ?? identifierNode }));
    const separator = registryType === 'nuget' && packageArgs.length > 0 ? [{ text: '--', node: identifierNode }] : [];
    args = [...runtimeArgs, { text: runner.spec(identifier, version), node: identifierNode }, ...separator, ...packageArgs];
  }
  spec.args = args.map(({ text, node }, index) => {
    entry.record(`args.${index}`, node);
    return text;
  });
}

/** A package's `transport` or a `remotes[]` entry: the type, and for HTTP its `url` and `headers`. */
function readTransport(entry: ManifestEntry, fields: Map<string, JsonProperty>, node: Node, owner: 'the transport' | 'the remote'): void {
  const type = entry.string(fields, 'type', owner);
  const typeField = fields.get('type');
  if (typeField === undefined) entry.problem(`${owner} has no "type"`, node);
  else entry.setTransport(type, typeField.value, owner);
  if (owner === 'the remote' && type === 'stdio') {
    entry.spec.transport = 'unknown';
    entry.problem('a remote cannot be "stdio": use "streamable-http" or "sse"', typeField!.value);
  }
  if (owner === 'the transport' && type === 'stdio') return;
  const urlField = fields.get('url');
  const url = entry.string(fields, 'url', owner);
  if (urlField === undefined) entry.problem(`${owner} has no "url": a remote server needs the address to connect to`, node);
  if (url !== undefined) {
    entry.spec.url = entry.template(url, fields);
    entry.record('url', urlField!.value);
  }
  readInputs(entry, fields.get('headers'), 'headers', 'headers');
}

/** `environmentVariables` or `headers`: a list of `{ name, value?, default?, isRequired?, isSecret?, variables? }`. */
function readInputs(entry: ManifestEntry, field: JsonProperty | undefined, target: 'env' | 'headers', key: string): Record<string, string> {
  const values = entry.spec[target];
  if (field === undefined) return values;
  if (field.value.type !== 'array') {
    entry.problem(`"${key}" must be an array, found ${describeType(field.value)}`, field.value);
    return values;
  }
  for (const item of field.value.children ?? []) {
    const input = item.type === 'object' ? fieldsOf(item) : undefined;
    const name = input === undefined ? undefined : entry.string(input, 'name', `each of "${key}"`);
    if (input === undefined || name === undefined) {
      if (input === undefined || !input.has('name')) entry.problem(`each of "${key}" needs a "name"`, item);
      continue;
    }
    const value = entry.string(input, 'value', name);
    const fallback = entry.string(input, 'default', name);
    const required = input.get('isRequired')?.value.value === true;
    const secret = input.get('isSecret')?.value.value === true;
    const produced = value !== undefined ? entry.template(value, input) : unfilledValue(target, name, fallback, required);
    if (produced === undefined) continue;
    values[name] = produced;
    entry.record(`${target}.${name}`, input.get('name')!.value);
    if (secret) entry.secret(name);
  }
  return values;
}

/**
 * An input without a `value`: an environment variable comes from the runner's environment (with its default), a
 * header is typed in by the user. Optional and without a default: the client leaves it unset unless the user fills
 * it in.
 */
function unfilledValue(target: 'env' | 'headers', name: string, fallback: string | undefined, required: boolean): string | undefined {
  if (target === 'headers') return fallback ?? (required ? `\${input:${name}}` : undefined);
  if (fallback !== undefined) return `\${${name}:-${fallback}}`;
  return required ? `\${${name}}` : undefined;
}

/** `runtimeArguments` / `packageArguments`: positional values and named flags, with placeholders and required inputs. */
function readArguments(entry: ManifestEntry, field: JsonProperty | undefined): Produced[] {
  if (field === undefined) return [];
  if (field.value.type !== 'array') {
    entry.problem(`"${field.key}" must be an array, found ${describeType(field.value)}`, field.value);
    return [];
  }
  return (field.value.children ?? []).flatMap((item, index): Produced[] => {
    if (item.type !== 'object') {
      entry.problem(`"${field.key}" item ${index} must be an object, found ${describeType(item)}`, item);
      return [];
    }
    const argument = fieldsOf(item);
    const owner = `"${field.key}" item ${index}`;
    const type = entry.string(argument, 'type', owner);
    const name = entry.string(argument, 'name', owner);
    const hint = entry.string(argument, 'valueHint', owner);
    const given = entry.string(argument, 'value', owner) ?? entry.string(argument, 'default', owner);
    const required = argument.get('isRequired')?.value.value === true;
    if (argument.get('isSecret')?.value.value === true && hint !== undefined) entry.secret(hint);
    // A required value the file does not give is typed in by the user; `valueHint` names it.
    const value = given !== undefined ? entry.template(given, argument) : required && hint !== undefined ? `\${input:${hint}}` : undefined;
    const produce = (...texts: string[]): Produced[] => texts.map((text) => ({ text, node: item }));
    if (type === 'named') {
      if (name === undefined) {
        entry.problem(`${owner} is "named" but has no "name"`, item);
        return [];
      }
      // A required flag without a value is passed alone (`--verbose`); an optional one is left out.
      return value !== undefined ? produce(name, value) : required ? produce(name) : [];
    }
    if (type !== 'positional') {
      entry.problem(
        `${owner} has ${type === undefined ? 'no "type"' : `the unknown type ${quoted(type)}`}: expected "positional" or "named"`,
        item,
      );
      return [];
    }
    if (value === undefined && required) entry.problem(`${owner} is required but has no "value", "default" or "valueHint"`, item);
    return value === undefined ? [] : produce(value);
  });
}

interface LocalPackage {
  name: string;
  bin: string;
}

/** The package a repository builds, when it has a `bin` to run. Unreadable or unusable: undefined. */
function parsePackageJson(text: string | undefined): LocalPackage | undefined {
  if (text === undefined) return undefined;
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof manifest !== 'object' || manifest === null) return undefined;
  const { name, bin } = manifest as { name?: unknown; bin?: unknown };
  if (typeof name !== 'string') return undefined;
  if (typeof bin === 'string') return { name, bin };
  if (typeof bin !== 'object' || bin === null) return undefined;
  // npm links each `bin` entry under its key; `npx <package>` runs the one named like the package (without scope).
  const entries = Object.entries(bin).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const unscoped = name.replace(/^@[^/]+\//, '');
  const chosen = entries.find(([command]) => command === unscoped) ?? entries[0];
  return chosen === undefined ? undefined : { name, bin: chosen[1] };
}

/** `name:tag` or `name@digest` as given, else the image with `version` as its tag. */
function imageReference(identifier: string, version?: string): string {
  const lastSegment = identifier.split('/').pop() ?? identifier;
  return version === undefined || lastSegment.includes(':') || identifier.includes('@') ? identifier : `${identifier}:${version}`;
}

function arrayItems(field: JsonProperty | undefined): Node[] | undefined {
  return field?.value.type === 'array' ? (field.value.children ?? []) : field === undefined ? undefined : [];
}

function fieldOf(node: Node, key: string): Node | undefined {
  return node.type === 'object' ? fieldsOf(node).get(key)?.value : undefined;
}

function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? String(node.value) : undefined;
}
