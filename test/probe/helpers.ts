import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedServer } from '../../src/model/spec.js';
import type { ProbeOptions } from '../../src/probe/session.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const examplesDir = path.join(repoRoot, 'examples');
export const hostileDir = path.join(repoRoot, 'test/fixtures/servers');

/** A stdio server entry as the config layer would resolve it. */
export function stdioServer(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; name?: string } = {},
): ResolvedServer {
  const cwd = options.cwd ?? repoRoot;
  const source = { file: 'test/.mcp.json', line: 1, column: 1 };
  return {
    spec: {
      name: options.name ?? 'test',
      client: 'claude-code',
      config: 'test/.mcp.json',
      source,
      fieldPositions: {},
      transport: 'stdio',
      command,
      args,
      env: options.env ?? {},
      headers: {},
      cwd,
      schemaProblems: [],
      disabled: false,
    },
    command,
    args,
    env: options.env ?? {},
    headers: {},
    cwd,
    variables: [],
    secretValues: [],
  };
}

/** A Node script run by the current Node binary (what `"command": "node"` gives on a runner). */
export function nodeServer(
  script: string,
  args: string[] = [],
  options: { env?: Record<string, string>; cwd?: string } = {},
): ResolvedServer {
  return stdioServer(process.execPath, [script, ...args], options);
}

export function probeOptions(overrides: Partial<ProbeOptions> = {}): ProbeOptions {
  return {
    startupTimeoutMs: 10_000,
    requestTimeoutMs: 5_000,
    freshHome: false,
    hostEnv: process.env,
    ...overrides,
  };
}

/** Whether a pid still runs (a zombie does not count). */
export { isRunning } from '../../src/launch/process-tree.js';
