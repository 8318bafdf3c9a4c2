import { defineReader } from './reader.js';

/**
 * Claude Code's project file `.mcp.json` (reference: client-configs.md §1.2).
 * - Strict JSON: Claude Code reports "MCP config is not a valid JSON" for anything `JSON.parse` rejects
 *   (anthropics/claude-code#55966; `claude mcp add-json` rejects trailing commas). A BOM is an error too: its JSON
 *   parser failed on one in ~/.claude.json (anthropics/claude-code#12007), as `JSON.parse` does.
 * - No `type` means stdio; a `url` without `type` is an error ("has a "url" but no "type"").
 * - `ws` and `sdk` are valid types that mcp-preflight does not probe: transport 'unknown' without a schema problem.
 * - The servers start in the project root, the folder that holds `.mcp.json`.
 */
export const claudeCodeReader = defineReader({
  format: 'claude-code',
  client: 'claude-code',
  clientName: 'Claude Code',
  syntax: 'json',
  serversKey: 'mcpServers',
  types: {
    stdio: { transport: 'stdio', requires: 'command' },
    http: { transport: 'http', requires: 'url' },
    'streamable-http': { transport: 'http', requires: 'url' },
    sse: { transport: 'sse', requires: 'url' },
    ws: { transport: 'unknown', requires: 'url' },
    sdk: { transport: 'unknown' },
  },
  urlWithoutType: { problem: 'the entry has a "url" but no "type": add "type": "http" (or "sse") — Claude Code rejects it' },
  lenientEnvValues: false,
  cwdField: false,
  inputs: false,
});
