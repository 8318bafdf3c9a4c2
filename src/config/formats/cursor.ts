import { quoted } from '../json-with-positions.js';
import { inputReferences } from '../variables/vscode.js';
import { defineReader } from './reader.js';
import { problemAt, stringFields } from './server-entry.js';

/**
 * Cursor's `.cursor/mcp.json` (reference: client-configs.md §3).
 * - Strict JSON: Cursor's parser strictness is not documented; a trailing comma broke a real Cursor config
 *   (upstash/context7#563), so comments and trailing commas are errors here. Valid strict JSON works in every client.
 * - No `type` means stdio when there is a `command`, and a remote server when there is only a `url`.
 * - Variables are VS Code's minus `${input:…}`: Cursor has no `inputs`, so such text is passed on literally.
 * - The workspace folder is the folder that contains `.cursor/`.
 */
export const cursorReader = defineReader({
  format: 'cursor',
  client: 'cursor',
  clientName: 'Cursor',
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
  workspaceDir: '.cursor',
  inputs: false,
  entryProblems: (spec) =>
    stringFields(spec).flatMap(({ key, value }) =>
      inputReferences(value).map((id) =>
        problemAt(spec, key, `${quoted(`\${input:${id}}`)} is not expanded by Cursor, which has no "inputs": use "\${env:NAME}"`),
      ),
    ),
});
