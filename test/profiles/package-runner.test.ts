import { describe, expect, it } from 'vitest';
import { packageRunnerOf } from '../../src/probe/package-runner.js';

describe('packageRunnerOf', () => {
  it.each([
    ['npx', ['-y', '@modelcontextprotocol/server-memory'], 'npx'],
    ['uvx', ['mcp-server-git'], 'uvx'],
    ['bunx', ['pkg'], 'bunx'],
    ['C:\\Program Files\\nodejs\\npx.cmd', ['-y', 'pkg'], 'npx'],
    ['pnpm', ['dlx', 'pkg'], 'pnpm dlx'],
    ['yarn', ['dlx', 'pkg'], 'yarn dlx'],
    ['npm', ['exec', '--yes', 'pkg'], 'npm exec'],
    ['pipx', ['run', 'pkg'], 'pipx run'],
    ['uv', ['tool', 'run', 'pkg'], 'uv tool run'],
    ['cmd', ['/c', 'npx', '-y', 'pkg'], 'npx'],
  ])('%s %j runs through %s', (command, args, runner) => {
    expect(packageRunnerOf(command, args)).toBe(runner);
  });

  it.each([
    ['node', ['server.js']],
    ['pnpm', ['start']],
    ['uv', ['run', 'server.py']],
    ['cmd', ['/c', 'node', 'server.js']],
    ['/usr/local/bin/my-server', []],
  ])('%s %j is not a package runner', (command, args) => {
    expect(packageRunnerOf(command, args)).toBeUndefined();
  });

  it('needs a command', () => {
    expect(packageRunnerOf(undefined, [])).toBeUndefined();
  });
});
