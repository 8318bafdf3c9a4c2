import { configParse } from '../../src/checks/config-parse.js';
import type { ConfigFile } from '../../src/model/spec.js';
import { testFileCheck } from './check-tester.js';
import { healthySpec } from './transcript-builder.js';

function file(patch: Partial<ConfigFile> = {}): ConfigFile {
  return {
    path: '/work/repo/.mcp.json',
    displayPath: '.mcp.json',
    format: 'claude-code',
    client: 'claude-code',
    workspaceFolder: '/work/repo',
    servers: [healthySpec()],
    inputs: [],
    ...patch,
  };
}

testFileCheck(configParse, {
  valid: [{ name: 'a file with one server', ctx: file(), status: 'pass', message: /parses \(claude-code format, 1 server\)/ }],
  invalid: [
    {
      name: 'a syntax error at line:column',
      ctx: file({ servers: [], error: { message: 'Expected comma', line: 7, column: 3 } }),
      status: 'fail',
      message: [/Expected comma at line 7, column 3/, /none of its servers start/],
      position: { file: '.mcp.json', line: 7, column: 3 },
    },
    {
      name: 'a VS Code file without servers names its key',
      ctx: file({ servers: [], format: 'vscode', client: 'vscode', displayPath: '.vscode/mcp.json' }),
      status: 'warn',
      message: /declares no servers under "servers"/,
    },
  ],
});
