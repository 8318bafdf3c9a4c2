import type { Readable, Writable } from 'node:stream';
import type { BoundaryRecord, LaunchIsolation } from '../model/isolation.js';

/**
 * The seam between the probe and whatever runs a server: a plain process, a bubblewrap sandbox or a Docker container.
 * A launcher starts the server with exactly the given argv and environment, exposes its stdio, and can end it and
 * everything it started. The sessions that drive a server never know which one they use.
 */
export interface Launcher {
  /** Recorded in `LaunchRecord.launcher`: 'process', 'sandbox' or 'docker'. */
  readonly name: string;
  /** Starts the server. Synchronous so the caller can attach to stdio before any data flows; never throws. */
  launch(request: LaunchRequest): LaunchAttempt;
}

export interface LaunchRequest {
  command: string;
  args: string[];
  cwd: string;
  /** The complete environment (nothing is inherited). */
  env: Record<string, string>;
}

/**
 * The argv actually handed to the OS (differs from the declared one on Windows when a shim is wrapped by cmd.exe, and
 * is the bwrap or docker command line in a sandbox or container), and the boundary the server runs in.
 */
export interface SpawnedArgv {
  spawnedCommand: string;
  spawnedArgs: string[];
  /** Absent for a plain process. */
  isolation?: LaunchIsolation;
}

export type LaunchAttempt =
  | ({ ok: true; server: ServerProcess } & SpawnedArgv)
  /** Refused before any process existed (invalid arguments). */
  | ({ ok: false; errorCode: string; errorMessage: string } & SpawnedArgv);

export type SpawnOutcome = { ok: true; pid: number } | { ok: false; errorCode: string; errorMessage: string };

export interface ExitStatus {
  code: number | null;
  signal: string | null;
}

export interface Descendant {
  pid: number;
  command?: string;
}

export interface ReapResult {
  /** Descendants found alive after the server ended (they were then killed). */
  left: Descendant[];
  /** Pids still alive after the kill deadline. */
  survived: number[];
  /** What a sandboxed server tried beyond its boundary (sandbox launcher only). */
  boundary?: BoundaryRecord;
}

export interface ServerProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Settles when the OS started the process or refused to (ENOENT, EACCES…). */
  readonly spawned: Promise<SpawnOutcome>;
  /** Settles when the server process itself exits (not when its stdio closes). Never rejects. */
  readonly exited: Promise<ExitStatus>;
  /** Signals the server process only, as MCP clients do (descendants are handled by `reap`). */
  signal(signal: 'SIGTERM' | 'SIGKILL'): void;
  /** Remembers the server's current descendants, so they can still be found once re-parented. */
  snapshotDescendants(): Promise<void>;
  /** After the server exited: finds descendants still alive, kills them, and reports both. */
  reap(): Promise<ReapResult>;
  /** Stops reading the server's stdio and drops every handle, so nothing left (even a survivor) keeps the runner alive. */
  release(): void;
}
