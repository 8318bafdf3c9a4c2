import { quoted } from '../json-with-positions.js';
import type { EntryFields } from './entry-fields.js';
import { defineReader } from './reader.js';

/** Extension types Goose runs inside itself (crates/goose/src/agents/extension.rs): nothing to start or connect to. */
const INTERNAL_TYPES = new Set(['builtin', 'platform', 'frontend', 'inline_python']);

/**
 * `envs` keys Goose refuses to set (`Envs::DISALLOWED_KEYS`, compared case-insensitively): `validate()` fails the
 * extension with "environment variable X not allowed to be overwritten".
 */
const DISALLOWED_ENV = new Set(
  [
    'PATH',
    'PATHEXT',
    'SystemRoot',
    'windir',
    'LD_LIBRARY_PATH',
    'LD_PRELOAD',
    'LD_AUDIT',
    'LD_DEBUG',
    'LD_BIND_NOW',
    'LD_ASSUME_KERNEL',
    'DYLD_LIBRARY_PATH',
    'DYLD_INSERT_LIBRARIES',
    'DYLD_FRAMEWORK_PATH',
    'PYTHONPATH',
    'PYTHONHOME',
    'NODE_OPTIONS',
    'RUBYOPT',
    'GEM_PATH',
    'GEM_HOME',
    'CLASSPATH',
    'GO111MODULE',
    'GOROOT',
    'APPINIT_DLLS',
    'SESSIONNAME',
    'ComSpec',
    'TEMP',
    'TMP',
    'LOCALAPPDATA',
    'USERPROFILE',
    'HOMEDRIVE',
    'HOMEPATH',
  ].map((key) => key.toUpperCase()),
);

/**
 * Goose's `config.yaml`, top-level `extensions:` map (reference: client-configs.md §11; `ExtensionConfig` in
 * crates/goose/src/agents/extension.rs). Read at `.goose/config.yaml`, or wherever it is passed explicitly.
 * - `type` is required: "stdio" (`cmd`, `args` — required, may be empty — `envs`, `env_keys`) or "streamable_http"
 *   (`uri`, `headers`); "sse" is still parsed but no longer started. builtin/platform/frontend/inline_python
 *   extensions run inside Goose and are not listed.
 * - `enabled: false` turns an extension off; `timeout` (seconds, default 300) bounds start-up and requests;
 *   `available_tools` limits the tools (empty: all). No variable expansion; `env_keys` are fetched from Goose's
 *   secret store or the environment.
 */
export const gooseReader = defineReader({
  format: 'goose',
  client: 'goose',
  clientName: 'Goose',
  syntax: 'yaml',
  serversKey: 'extensions',
  types: {
    stdio: { transport: 'stdio', requires: 'command' },
    streamable_http: { transport: 'http', requires: 'url' },
    sse: {
      transport: 'sse',
      requires: 'url',
      unsupported: 'Goose no longer starts "type": "sse" extensions (the type is only kept so old files load): use "streamable_http"',
    },
  },
  urlWithoutType: { transport: 'http' },
  lenientEnvValues: false,
  cwdField: false,
  workspaceDir: '.goose',
  inputs: false,
  fieldNames: { command: ['cmd'], env: ['envs'], url: ['uri'] },
  offSwitch: 'enabled',
  isClientInternal: (fields) => INTERNAL_TYPES.has(String(fields.get('type')?.value.value)),
  readExtras: readGooseFields,
});

function readGooseFields(entry: EntryFields): void {
  const { spec, written } = entry;
  if (!written.has('type')) {
    spec.schemaProblems.push({
      message: `extension ${quoted(spec.name)} has no "type": Goose needs "type": stdio (with "cmd") or streamable_http (with "uri")`,
      position: spec.source,
    });
  }
  if (spec.declaredType === 'stdio' && !written.has('args')) {
    spec.schemaProblems.push({
      message: 'Goose requires "args" for a stdio extension (write "args: []" when there are none)',
      position: spec.source,
    });
  }
  for (const key of Object.keys(spec.env)) {
    if (DISALLOWED_ENV.has(key.toUpperCase())) {
      spec.schemaProblems.push({
        message: `Goose refuses to set ${quoted(key)} from "envs" ("not allowed to be overwritten"): remove it`,
        position: spec.fieldPositions[`env.${key}`] ?? spec.source,
      });
    }
  }
  entry.timeout('timeout', 's', ['startupTimeoutMs', 'toolTimeoutMs']);
  const available = entry.stringList('available_tools', 'includeTools');
  if (available !== undefined && available.length > 0) spec.includeTools = available;
  const keys = entry.stringList('env_keys', 'envPassthrough');
  if (keys !== undefined) spec.envPassthrough = keys;
}
