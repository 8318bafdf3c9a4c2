import { fieldsOf, type JsonProperty } from '../json-with-positions.js';
import { defineReader } from './reader.js';

/** Keys of an entry that only configures an extension-provided server. */
const EXTENSION_KEYS = new Set(['enabled', 'remote', 'settings', 'source']);

/**
 * Zed's project settings `.zed/settings.json`, key `context_servers` (reference: client-configs.md §8; the entry is
 * `ContextServerSettingsContent` in crates/settings_content/src/project.rs).
 * - JSONC (comments and trailing commas), as Zed's settings parser accepts.
 * - No `type`: an entry with `command` (+ `args`, `env`) is stdio, one with `url` (+ `headers`) is remote. The older
 *   form `"command": { "path", "args", "env" }` is read too.
 * - An entry with only `settings` configures a server that a Zed extension provides and starts: not listed.
 * - `enabled: false` turns a server off; `timeout` (seconds, default 60) bounds each tool call.
 * - No variable expansion.
 */
export const zedReader = defineReader({
  format: 'zed',
  client: 'zed',
  clientName: 'Zed',
  syntax: 'jsonc',
  serversKey: 'context_servers',
  types: {},
  urlWithoutType: { transport: 'http' },
  lenientEnvValues: false,
  cwdField: false,
  workspaceDir: '.zed',
  inputs: false,
  // Zed has no `type` field and ignores one.
  fieldNames: { type: [] },
  offSwitch: 'enabled',
  rewriteFields: nestedCommand,
  isClientInternal: (fields) => [...fields.keys()].every((key) => EXTENSION_KEYS.has(key)),
  readExtras: (entry) => entry.timeout('timeout', 's', ['toolTimeoutMs']),
});

/** `"command": { "path": …, "args": …, "env": … }` read as the flat fields (messages name `command.path`). */
function nestedCommand(fields: Map<string, JsonProperty>): Map<string, JsonProperty> {
  const command = fields.get('command');
  if (command?.value.type !== 'object') return fields;
  const nested = fieldsOf(command.value);
  fields.delete('command');
  const path = nested.get('path');
  if (path !== undefined) fields.set('command', { ...path, key: 'command.path' });
  for (const key of ['args', 'env']) {
    const field = nested.get(key);
    if (field !== undefined && !fields.has(key)) fields.set(key, { ...field, key: `command.${key}` });
  }
  return fields;
}
