import path from 'node:path';
import { fieldsOf } from '../json-with-positions.js';
import type { EntryFields } from './entry-fields.js';
import { defineReader, type FormatReader } from './reader.js';
import type { FormatRules } from './rules.js';

const common = {
  format: 'continue',
  client: 'continue',
  clientName: 'Continue',
  urlWithoutType: { transport: 'http' },
  lenientEnvValues: false,
  workspaceDir: '.continue/mcpServers',
  inputs: false,
} as const satisfies Partial<FormatRules>;

/**
 * A Continue block file `.continue/mcpServers/*.yaml` (reference: client-configs.md §10; schema
 * packages/config-yaml/src/schemas/mcp/index.ts): a YAML list `mcpServers` of entries with a `name`.
 * - `type` is "stdio", "sse" or "streamable-http"; a `url` without type is Streamable HTTP (SSE fallback).
 * - `cwd` is honoured (relative to the workspace folder, which holds `.continue/`); `connectionTimeout` (ms,
 *   default 20 000) bounds the connection; headers are `requestOptions.headers`.
 * - Variables: `${{ secrets.NAME }}` / `${{ inputs.NAME }}` (see variables/continue.ts).
 */
const blockReader = defineReader({
  ...common,
  syntax: 'yaml',
  serversKey: 'mcpServers',
  serversShape: 'list',
  types: {
    stdio: { transport: 'stdio', requires: 'command' },
    sse: { transport: 'sse', requires: 'url' },
    'streamable-http': { transport: 'http', requires: 'url' },
  },
  cwdField: true,
  // Continue reads headers from `requestOptions`; a top-level `headers` is not part of its schema.
  fieldNames: { headers: [] },
  readExtras: (entry) => {
    entry.timeout('connectionTimeout', 'ms', ['startupTimeoutMs']);
    const options = entry.fields.get('requestOptions');
    const headers = options?.value.type === 'object' ? fieldsOf(options.value).get('headers') : undefined;
    if (headers !== undefined) entry.spec.headers = entry.stringMapOf({ ...headers, key: 'requestOptions.headers' }, 'headers');
  },
});

/**
 * A Claude Desktop / Cursor style JSON file dropped into `.continue/mcpServers/` (schema
 * packages/config-yaml/src/schemas/mcp/json.ts, converted by convertJson.ts): `mcpServers` map, `type` "stdio",
 * "sse" or "http"; `cwd` is dropped by the conversion; `${VAR}` in `env` becomes `${{ secrets.VAR }}`.
 */
const jsonReader = defineReader({
  ...common,
  syntax: 'json',
  serversKey: 'mcpServers',
  types: {
    stdio: { transport: 'stdio', requires: 'command' },
    sse: { transport: 'sse', requires: 'url' },
    http: { transport: 'http', requires: 'url' },
  },
  cwdField: false,
  readExtras: secretsInEnv,
});

// `[^{}]` instead of Continue's `[^}]`: the same on real values, and linear on hostile text.
const JSON_ENV_VARIABLE = /\$\{([^{}]+)\}/g;

/** Continue's conversion of a JSON entry: `${VAR}` in env values is read as `${{ secrets.VAR }}`. */
function secretsInEnv({ spec }: EntryFields): void {
  for (const [key, value] of Object.entries(spec.env)) spec.env[key] = value.replace(JSON_ENV_VARIABLE, '$${{ secrets.$1 }}');
}

/** One reader for both kinds of file in `.continue/mcpServers/`, chosen by extension. */
export const continueReader: FormatReader = {
  format: 'continue',
  serversKey: 'mcpServers',
  read: (text, location, pathApi = path) => (isJson(location.path) ? jsonReader : blockReader).read(text, location, pathApi),
  unreadable: (location, error) => blockReader.unreadable(location, error),
};

function isJson(file: string): boolean {
  return file.toLowerCase().endsWith('.json');
}
