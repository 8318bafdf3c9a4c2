import { describeType, fieldsOf, quoted } from '../json-with-positions.js';
import type { EntryFields } from './entry-fields.js';
import { defineReader } from './reader.js';

/**
 * The fields of `RawMcpServerConfig` (codex-rs/config/src/mcp_types.rs). It is `deny_unknown_fields`: Codex refuses
 * to load a config whose server entry has any other key. `bearer_token` is known only to be refused.
 */
const KNOWN_FIELDS = new Set([
  'command',
  'args',
  'env',
  'env_vars',
  'cwd',
  'url',
  'bearer_token',
  'bearer_token_env_var',
  'http_headers',
  'env_http_headers',
  'oauth',
  'oauth_resource',
  'scopes',
  'startup_timeout_sec',
  'startup_timeout_ms',
  'tool_timeout_sec',
  'enabled',
  'required',
  'supports_parallel_tool_calls',
  'default_tools_approval_mode',
  'enabled_tools',
  'disabled_tools',
  'tools',
  'experimental_environment',
  'name',
]);
const STDIO_ONLY = ['args', 'env', 'env_vars', 'cwd'];
const HTTP_ONLY = ['url', 'bearer_token_env_var', 'http_headers', 'env_http_headers', 'oauth', 'oauth_resource', 'scopes'];
const SERVER_NAME = /^[a-zA-Z0-9_-]+$/;

/**
 * Codex's `.codex/config.toml` (project scope, trusted projects) and `~/.codex/config.toml` (reference:
 * client-configs.md §7), tables `[mcp_servers.NAME]`.
 * - TOML. Positions come from `toml-with-positions.ts`.
 * - No `type`: `command` makes a stdio server, `url` a Streamable HTTP one; mixing their fields is an error
 *   ("url is not supported for stdio").
 * - `env_vars` names variables copied from Codex's environment when set; `bearer_token_env_var` and
 *   `env_http_headers` name variables sent in headers. No other expansion: values are literal.
 * - `startup_timeout_sec` (seconds, default 10; `startup_timeout_ms` is the older spelling, `_sec` wins) and
 *   `tool_timeout_sec` (default 60); `enabled = false` turns a server off; `enabled_tools` / `disabled_tools` filter.
 * - Relative `cwd` is taken from the workspace folder (the folder that holds `.codex/`) [inferred].
 */
export const codexReader = defineReader({
  format: 'codex',
  client: 'codex',
  clientName: 'Codex',
  syntax: 'toml',
  serversKey: 'mcp_servers',
  types: {},
  urlWithoutType: { transport: 'http' },
  lenientEnvValues: false,
  cwdField: true,
  workspaceDir: '.codex',
  inputs: false,
  // Codex has no `type` (an unknown field, reported below) and calls its headers `http_headers`.
  fieldNames: { type: [], headers: ['http_headers'] },
  offSwitch: 'enabled',
  readExtras: readCodexFields,
});

function readCodexFields(entry: EntryFields): void {
  const { spec, written } = entry;
  entry.rejectUnknown(KNOWN_FIELDS, 'Codex');
  if (!SERVER_NAME.test(spec.name)) {
    spec.schemaProblems.push({
      message: `server name ${quoted(spec.name)} is not accepted by Codex: use only letters, digits, "_" and "-"`,
      position: spec.source,
    });
  }
  const literalToken = written.get('bearer_token');
  if (literalToken !== undefined) {
    entry.problem(
      'Codex refuses "bearer_token": put the token in an environment variable and name it in "bearer_token_env_var"',
      literalToken.keyNode,
    );
  }
  const [transport, foreign] = written.has('command') ? ['stdio', HTTP_ONLY] : written.has('url') ? ['streamable_http', STDIO_ONLY] : [];
  for (const key of foreign ?? []) {
    const field = written.get(key);
    if (field !== undefined) entry.problem(`"${key}" is not supported for ${transport} servers in Codex`, field.keyNode);
  }

  entry.timeout('startup_timeout_sec', 's', ['startupTimeoutMs']);
  entry.timeout('startup_timeout_ms', 'ms', ['startupTimeoutMs']);
  entry.timeout('tool_timeout_sec', 's', ['toolTimeoutMs']);
  const enabled = entry.stringList('enabled_tools', 'includeTools');
  if (enabled !== undefined) spec.includeTools = enabled;
  const disabled = entry.stringList('disabled_tools', 'excludeTools');
  if (disabled !== undefined) spec.excludeTools = disabled;
  const passthrough = readEnvVars(entry);
  if (passthrough !== undefined) spec.envPassthrough = passthrough;
  const bearer = entry.string('bearer_token_env_var', 'bearerTokenEnvVar');
  if (bearer !== undefined) spec.bearerTokenEnvVar = bearer;
  const headerVars = entry.stringMap('env_http_headers', 'headerEnvVars');
  if (headerVars !== undefined) spec.headerEnvVars = headerVars;
}

/** `env_vars`: names, or `{ name = "X", source = "local" | "remote" }` tables. */
function readEnvVars(entry: EntryFields): string[] | undefined {
  const field = entry.fields.get('env_vars');
  if (field === undefined) return undefined;
  entry.record('envPassthrough', field.value);
  if (field.value.type !== 'array') {
    entry.problem(`"env_vars" must be an array of variable names, found ${describeType(field.value)}`, field.value);
    return undefined;
  }
  return (field.value.children ?? []).flatMap((item, index) => {
    const name = item.type === 'object' ? fieldsOf(item).get('name')?.value : item;
    entry.record(`envPassthrough.${index}`, name ?? item);
    if (name?.type === 'string') return [String(name.value)];
    entry.problem(`"env_vars" item ${index} must be a variable name or a table with "name", found ${describeType(item)}`, item);
    return [];
  });
}
