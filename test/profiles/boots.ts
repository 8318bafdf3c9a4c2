/**
 * Hand-built boot records for check tests: a short session that started and answered, bent per case.
 */
import type { BootRecord, VersionOffer } from '../../src/model/boot.js';
import type { LaunchPolicy } from '../../src/model/profile.js';
import type { RequestRecord } from '../../src/model/transcript.js';
import { MAIN_POLICY } from '../../src/profiles/launch-plan.js';

export function request(method: string, outcome: RequestRecord['outcome'], extra: Partial<RequestRecord> = {}): RequestRecord {
  return { method, id: 0, phase: 'startup', startedMs: 5, endedMs: 120, outcome, ...extra };
}

export function initializeResult(version: string): RequestRecord {
  return request('initialize', 'result', {
    result: { protocolVersion: version, capabilities: { tools: {} }, serverInfo: { name: 'demo', version: '1' } },
  });
}

/** A boot that answered initialize (with `version`) after `startupMs`. */
export function startedBoot(policy: LaunchPolicy = MAIN_POLICY, startupMs = 150, version = '2025-11-25'): BootRecord {
  return {
    policy,
    launch: {
      command: 'node',
      args: ['server.js'],
      cwd: '/work/repo',
      envKeys: ['HOME', 'PATH'],
      pathEntries: ['/usr/bin', '/bin'],
      resolvedCommand: '/usr/bin/node',
      spawnedCommand: 'node',
    },
    spawn: { ok: true, pid: 77, atMs: 2 },
    requests: [initializeResult(version)],
    startupMs,
    stderrTail: [],
    durationMs: startupMs + 20,
  };
}

/** A boot whose command was not found on its PATH. */
export function notFoundBoot(policy: LaunchPolicy, command = 'node'): BootRecord {
  const boot = startedBoot(policy);
  delete boot.startupMs;
  delete boot.launch.resolvedCommand;
  boot.launch.command = command;
  boot.launch.pathEntries = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  boot.spawn = { ok: false, errorCode: 'ENOENT', errorMessage: `spawn ${command} ENOENT`, atMs: 3 };
  boot.requests = [request('initialize', 'not-sent')];
  return boot;
}

/** A boot whose server exited before answering (e.g. a missing variable or a relative path). */
export function crashedBoot(policy: LaunchPolicy, stderr: string[]): BootRecord {
  const boot = startedBoot(policy);
  delete boot.startupMs;
  boot.requests = [request('initialize', 'closed')];
  boot.exit = { code: 1, signal: null, atMs: 60 };
  boot.stderrTail = stderr;
  return boot;
}

export function initializeOffer(version: string, answer: RequestRecord): VersionOffer {
  const boot = startedBoot();
  boot.requests = [answer];
  return { version, method: 'initialize', boot };
}

export function discoverOffer(...requests: RequestRecord[]): VersionOffer {
  const boot = startedBoot();
  boot.requests = requests;
  return { version: '2026-07-28', method: 'server/discover', boot };
}
