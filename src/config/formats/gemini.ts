import type { JsonProperty } from '../json-with-positions.js';
import { defineReader } from './reader.js';

/**
 * Gemini CLI's project file `.gemini/settings.json` (reference: client-configs.md §6).
 * - Comments are stripped and the rest goes to `JSON.parse` (settings.ts): comments are fine, trailing commas and a
 *   BOM are errors.
 * - A server is remote when it has `httpUrl` (Streamable HTTP, whatever `type` says) or `url` (`type` "http" or
 *   "sse"; no type: Streamable HTTP first); the URL wins over `command` when both are set, as in Gemini.
 * - `cwd` is honoured; `timeout` (ms, default 10 minutes) bounds the connection and every request, tool calls
 *   included; `includeTools` / `excludeTools` filter the tools (exclude wins).
 * - Variables: `$VAR`, `${VAR}`, `${VAR:-default}` everywhere, `%VAR%` in env too (see variables/gemini.ts).
 */
export const geminiReader = defineReader({
  format: 'gemini',
  client: 'gemini',
  clientName: 'Gemini CLI',
  syntax: 'json-with-comments',
  serversKey: 'mcpServers',
  types: {
    stdio: { transport: 'stdio', requires: 'command' },
    http: { transport: 'http', requires: 'url' },
    sse: { transport: 'sse', requires: 'url' },
  },
  urlWithoutType: { transport: 'http' },
  lenientEnvValues: false,
  cwdField: true,
  workspaceDir: '.gemini',
  inputs: false,
  rewriteFields: remoteFirst,
  readExtras: (entry) => {
    entry.timeout('timeout', 'ms', ['startupTimeoutMs', 'toolTimeoutMs']);
    const include = entry.stringList('includeTools', 'includeTools');
    if (include !== undefined) entry.spec.includeTools = include;
    const exclude = entry.stringList('excludeTools', 'excludeTools');
    if (exclude !== undefined) entry.spec.excludeTools = exclude;
  },
});

/** Gemini's precedence: `httpUrl` > `url` > `command`. */
function remoteFirst(fields: Map<string, JsonProperty>): Map<string, JsonProperty> {
  const httpUrl = fields.get('httpUrl');
  if (httpUrl !== undefined) {
    fields.delete('type');
    fields.set('url', httpUrl);
  }
  if (fields.has('url')) fields.delete('command');
  fields.delete('httpUrl');
  return fields;
}
