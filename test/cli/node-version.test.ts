// Below the minimum Node.js the bundled CLI prints one plain line and exits 2, before any other module runs.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MIN_NODE_MAJOR, unsupportedNodeMessage } from '../../src/node-version-guard.js';

const cli = path.resolve(fileURLToPath(import.meta.url), '../../../dist/cli.js');

describe('the Node.js version guard', () => {
  it.each(['v20.0.0', 'v20.20.2', 'v22.12.0', 'v24.22.3', 'v26.1.0'])('accepts %s', (version) => {
    expect(unsupportedNodeMessage(version)).toBeUndefined();
  });

  it.each(['v18.20.4', 'v19.9.0', 'v16.0.0'])('names the version needed on %s', (version) => {
    expect(unsupportedNodeMessage(version)).toBe(`mcp-preflight needs Node.js ${MIN_NODE_MAJOR} or newer; this is Node.js ${version}.`);
  });

  it('stops the bundled CLI with that one line and exit code 2', () => {
    // The running Node pretends to be 18 before dist/cli.js loads.
    const pretend = `data:text/javascript,Object.defineProperty(process, "version", { value: "v18.20.4" })`;
    const run = spawnSync(process.execPath, ['--import', pretend, cli, '--version'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('mcp-preflight needs Node.js 20 or newer; this is Node.js v18.20.4.\n');
  });
});
