import type { JsonProperty } from '../json-with-positions.js';
import { valueNode } from '../value-nodes.js';
import { defineReader } from './reader.js';

/**
 * Cline's `cline_mcp_settings.json` (reference: client-configs.md §9).
 * - Read with `JSON.parse`: strict JSON.
 * - `type` is "stdio", "sse" or "streamableHttp"; the legacy `transportType` ("stdio", "sse", "http" meaning
 *   streamableHttp) is read when `type` is absent. A `url` without a type is an SSE server.
 * - `cwd` is honoured; `timeout` (seconds, default 60) bounds each tool call; `disabled: true` turns a server off.
 * - Variables: `${env:VAR}` in every string; an unset one stays as written.
 */
export const clineReader = defineReader({
  format: 'cline',
  client: 'cline',
  clientName: 'Cline',
  syntax: 'json',
  serversKey: 'mcpServers',
  types: {
    stdio: { transport: 'stdio', requires: 'command' },
    sse: { transport: 'sse', requires: 'url' },
    streamableHttp: { transport: 'http', requires: 'url' },
  },
  urlWithoutType: { transport: 'sse' },
  lenientEnvValues: false,
  cwdField: true,
  inputs: false,
  rewriteFields: legacyTransportType,
  readExtras: (entry) => entry.timeout('timeout', 's', ['toolTimeoutMs']),
});

function legacyTransportType(fields: Map<string, JsonProperty>): Map<string, JsonProperty> {
  const legacy = fields.get('transportType');
  fields.delete('transportType');
  if (legacy === undefined || fields.has('type')) return fields;
  // The legacy name of Streamable HTTP; the node keeps its offset, so problems still point at the value.
  const value =
    legacy.value.type === 'string' && legacy.value.value === 'http'
      ? valueNode('string', 'streamableHttp', legacy.value.offset)
      : legacy.value;
  fields.set('type', { ...legacy, value });
  return fields;
}
