// The list of files discovery looks for is written in one place (src/config/paths.ts); what users read about it is
// generated from it (the CLI's "no config found" message) or checked against it here (action.yml, the README).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DISCOVERED_FILES, formatFromFileName } from '../../src/config/paths.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const readme = await readFile(path.join(root, 'README.md'), 'utf8');
const actionYml = await readFile(path.join(root, 'action.yml'), 'utf8');

describe('the discovered files', () => {
  it('are files discovery gives a format to', () => {
    for (const file of DISCOVERED_FILES) {
      expect(formatFromFileName(path.join('/repo', file.replace('*.{yaml,yml,json}', 'servers.yaml'))), file).toBeDefined();
    }
  });

  it("are listed in action.yml's config input", () => {
    const description = /^ {2}config:\n {4}description: '(.*)'$/m.exec(actionYml)?.[1];
    expect(description).toContain(`Empty: discover ${DISCOVERED_FILES.join(', ')}.`);
  });

  it("are listed in the README's action section", () => {
    expect(readme).toContain(`in the workspace: ${DISCOVERED_FILES.map((f) => `\`${f}\``).join(', ')}`);
  });

  it("are the files of the README's client table, no more and no fewer", () => {
    const table = readme.slice(readme.indexOf('| Client | File |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const files = rows.map((row) => /^\| [^|]+ \| `([^`]+)` \|/.exec(row)?.[1]);
    expect(files.sort()).toEqual([...DISCOVERED_FILES].sort());
  });
});
