// Live progress through the CLI: on a terminal (stderr a TTY) the status line and each server's result line go to
// stderr while the report goes to stdout; when stderr is not a terminal nothing is printed before the report.
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function run(stderrIsTty: boolean): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const err = Object.assign(new PassThrough(), { isTTY: stderrIsTty, columns: 80 });
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await runCli(
    {
      run: {
        // Two servers: one launched, one judged from its config (it needs a VS Code input).
        paths: ['examples/.vscode/mcp.json'],
        root: repo,
        servers: [],
        startupTimeoutMs: 10_000,
        requestTimeoutMs: 5000,
        concurrency: 2,
        freshHome: false,
        failOn: 'never',
        // The fixture server is the same in any isolation; plain processes keep the test quick.
        isolation: 'process',
      },
      verbose: false,
      color: false,
    },
    { stdout: out, stderr: err, env: process.env },
  );
  return { stdout, stderr };
}

describe('progress in the CLI', () => {
  it('shows progress and result lines on a terminal, on stderr only', async () => {
    const { stdout, stderr } = await run(true);
    expect(stderr).toContain('/2 servers checked · running: ');
    expect(stderr).toMatch(/\r\u001b\[2K✔ notes examples\/\.vscode\/mcp\.json:8 {2}startup/);
    expect(stderr).toMatch(/⚠ notes-with-token examples\/\.vscode\/mcp\.json:13\n/);
    // Cleared at the end: the last thing written is a result line or the clearing itself.
    expect(stderr.endsWith('\n') || stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect(stdout).not.toContain('servers checked');
    expect(stdout).not.toContain('\u001b');
    expect(stdout).toContain('2 servers in 1 config:');
  });

  it('prints nothing before the report when stderr is not a terminal', async () => {
    const { stderr, stdout } = await run(false);
    expect(stderr).toBe('');
    expect(stdout).toContain('2 servers in 1 config:');
  });
});
