import { quoted } from '../json-with-positions.js';
import { inputReferences } from '../variables/vscode.js';
import { defineReader } from './reader.js';
import { problemAt, stringFields } from './server-entry.js';

/**
 * VS Code's `.vscode/mcp.json`, and any explicitly passed file whose servers are under `servers`
 * (reference: client-configs.md §4).
 * - JSONC: comments and trailing commas are allowed (VS Code's own examples use them), and a BOM is skipped.
 * - Types `stdio`, `http`, `sse`; no `type` means stdio with a `command`, and http with only a `url` [inferred].
 * - `env` values may be numbers (used as strings) or null (the variable is unset) — see server-entry.ts.
 * - `cwd` is honoured, relative to the workspace folder (the folder that contains `.vscode/`).
 * - `${input:id}` must name an entry of the file's `inputs`; VS Code fails the server otherwise.
 */
export const vscodeReader = defineReader({
  format: 'vscode',
  client: 'vscode',
  clientName: 'VS Code',
  syntax: 'jsonc',
  serversKey: 'servers',
  types: {
    stdio: { transport: 'stdio', requires: 'command' },
    http: { transport: 'http', requires: 'url' },
    sse: { transport: 'sse', requires: 'url' },
  },
  urlWithoutType: { transport: 'http' },
  lenientEnvValues: true,
  cwdField: true,
  workspaceDir: '.vscode',
  inputs: true,
  entryProblems: (spec, declaredInputs) =>
    stringFields(spec).flatMap(({ key, value }) =>
      inputReferences(value)
        .filter((id) => !declaredInputs.has(id))
        .map((id) => problemAt(spec, key, `${quoted(`\${input:${id}}`)} has no entry with "id": ${quoted(id)} in the file's "inputs"`)),
    ),
});
