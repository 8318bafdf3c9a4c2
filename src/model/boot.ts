/**
 * Short extra sessions next to the main probe: a server started the way one client starts it, the first (cold) start
 * of a package-runner server, and one start per protocol version offered. Recorded, never judged, like a transcript.
 */
import type { LaunchPolicy } from './profile.js';
import type { ExitRecord, LaunchRecord, RequestRecord, SpawnRecord } from './transcript.js';

/** One short session: spawn, a few requests, shutdown. Every `atMs` is relative to its start. */
export interface BootRecord {
  policy: LaunchPolicy;
  launch: Pick<LaunchRecord, 'command' | 'args' | 'cwd' | 'envKeys' | 'pathEntries' | 'resolvedCommand' | 'spawnedCommand'>;
  spawn: SpawnRecord;
  /** The requests sent, in order, with what answered them (from the wire). */
  requests: RequestRecord[];
  /** ms from the launch to the initialize result (undefined: no result). */
  startupMs?: number;
  /** ms from the launch to the first tools/list answer, when one was asked for. */
  toolsListedMs?: number;
  /** Other sessions of the run that overlapped it (0: measured alone; absent: not counted). */
  concurrentSessions?: number;
  /** Set when the server exited on its own, before the session began to shut it down. */
  exit?: Omit<ExitRecord, 'phase'>;
  stderrTail: string[];
  durationMs: number;
  probeError?: string;
  /** The run was cancelled while this session ran (the server was killed). */
  cancelled?: boolean;
}

/** A protocol version offered in its own session: via initialize (up to 2025-11-25) or server/discover (2026-07-28). */
export interface VersionOffer {
  version: string;
  method: 'initialize' | 'server/discover';
  boot: BootRecord;
}

/** What a launch policy's boot stands for: its own session, or the main probe (whose environment it contains). */
export type PolicyBoot = { kind: 'booted'; boot: BootRecord } | { kind: 'same-as-main'; why: string };

/** Every extra session of one server. */
export interface ClientBoots {
  /**
   * Package runners (`npx -y`, `uvx`…) whose first start was over a selected client's budget or timed out: a second
   * start, so the first (which may have downloaded the package) and a warm one are told apart. `mainWas` says which
   * of the two the main probe was (`warm` when the first start timed out and the main probe was run again).
   */
  restart?: { boot: BootRecord; mainWas: 'cold' | 'warm' };
  /** Keyed by `policyKey(policy)`: launch policies of the selected clients other than the main probe's. */
  policies: Record<string, PolicyBoot>;
  /** Offers beyond the main probe's initialize (undefined: versions were not probed in this run). */
  versions?: VersionOffer[];
  /**
   * The start measured again with nothing else of the run in flight, because the measurement a startup budget was
   * judged on (`contended`) ran beside other sessions and was over a selected client's budget.
   */
  alone?: { boot: BootRecord; contended: { startupMs: number; toolsListedMs?: number; concurrentSessions: number } };
}
