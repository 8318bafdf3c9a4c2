import { defineReader } from './reader.js';

/**
 * Windsurf's `mcp_config.json` (reference: client-configs.md §5), read when a repository commits one.
 * - Parser strictness is not documented; as for Cursor, comments and trailing commas are errors here (valid strict
 *   JSON works in every client).
 * - Remote servers use `serverUrl` (Windsurf also reads `url`; `serverUrl` wins), with `headers`. A `type` is not
 *   documented; the usual values are accepted.
 * - `disabled: true` turns a server off. Variables: `${env:VAR}` (unset: empty) and `${file:/path}` in every string.
 */
export const windsurfReader = defineReader({
  format: 'windsurf',
  client: 'windsurf',
  clientName: 'Windsurf',
  syntax: 'json',
  serversKey: 'mcpServers',
  types: {
    stdio: { transport: 'stdio', requires: 'command' },
    http: { transport: 'http', requires: 'url' },
    'streamable-http': { transport: 'http', requires: 'url' },
    sse: { transport: 'sse', requires: 'url' },
  },
  urlWithoutType: { transport: 'http' },
  lenientEnvValues: false,
  cwdField: false,
  inputs: false,
  fieldNames: { url: ['serverUrl', 'url'] },
});
