import { defineReader } from './reader.js';

/**
 * Claude Desktop's `claude_desktop_config.json`, and any explicitly passed file with `mcpServers` and a name no client
 * owns (reference: client-configs.md §2).
 * - Strict JSON: the app reads it with `JSON.parse` ("There was an error reading or parsing claude_desktop_config.json").
 * - Only stdio servers (`command`, `args`, `env`) are launched from this file; remote servers are added in
 *   Settings → Connectors, so a remote entry is a schema problem.
 * - No variable expansion is documented: values are used literally (see resolve.ts).
 * - The documented working directory is undefined (`/` on macOS); the file's folder is used so that a run is
 *   reproducible, and relative paths in args are left to the `command-path`/`spawn` checks.
 */
export const claudeDesktopReader = defineReader({
  format: 'claude-desktop',
  client: 'claude-desktop',
  clientName: 'Claude Desktop',
  syntax: 'json',
  serversKey: 'mcpServers',
  types: {
    stdio: { transport: 'stdio', requires: 'command' },
  },
  urlWithoutType: {
    problem: 'Claude Desktop only starts servers with a "command" from this file; add remote servers in Settings → Connectors',
  },
  lenientEnvValues: false,
  cwdField: false,
  inputs: false,
});
