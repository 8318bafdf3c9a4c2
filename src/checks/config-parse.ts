import { READERS } from '../config/load.js';
import type { FileCheck } from '../model/check.js';
import type { ConfigFile } from '../model/spec.js';
import { fail, pass, warn } from './util/outcome.js';
import { count, excerpt } from './util/text.js';

const serversKey = (file: ConfigFile) => READERS[file.format].serversKey;

export const configParse: FileCheck = {
  id: 'config-parse',
  title: 'Config file parses',
  remediation:
    'Fix the syntax at the reported line and column. `.mcp.json` and Claude Desktop files are strict JSON (no comments, ' +
    'no trailing commas); `.vscode/mcp.json` is JSONC. A file that does not parse is ignored as a whole by the client.',
  run(file) {
    const position = { file: file.displayPath, line: file.error?.line ?? 1, column: file.error?.column ?? 1 };
    if (file.error) {
      return fail(
        `${file.displayPath} does not parse: ${excerpt(file.error.message, 200)} at line ${file.error.line}, column ` +
          `${file.error.column}. The client ignores the whole file, so none of its servers start.`,
        { position },
      );
    }
    if (file.servers.length === 0) {
      return warn(
        `${file.displayPath} parses but declares no servers under "${serversKey(file)}" — ` +
          `is the top-level key right for this client (${file.client} reads "${serversKey(file)}")?`,
        { position },
      );
    }
    return pass(`${file.displayPath} parses (${file.format} format, ${count(file.servers.length, 'server')}).`);
  },
};
