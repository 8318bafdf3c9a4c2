import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError, ResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { withDeadline } from '../launch/deadline.js';
import type { ExitStatus, Launcher, ServerProcess } from '../launch/launcher.js';
import { ProcessLauncher } from '../launch/process-launcher.js';
import type { ResolvedServer } from '../model/spec.js';
import type { LaunchRecord, ListKind, ListRecord, Phase, RequestRecord, ShutdownRecord, Transcript } from '../model/transcript.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { DEFAULT_PROBE_LIMITS, type ProbeLimits } from './limits.js';
import { LineFramer, type Stamp } from './line-framer.js';
import { RecordingTransport, type ResponseSeen } from './recording-transport.js';
import { killOnCancel, prepareLaunch, snapshotWhileShuttingDown, spawnOutcome } from './prepare-launch.js';
import { StderrTail } from './stderr-tail.js';

export interface ProbeOptions {
  startupTimeoutMs: number;
  requestTimeoutMs: number;
  /** Point HOME (USERPROFILE on Windows) at an empty temporary directory. */
  freshHome: boolean;
  /** The runner's environment: only the SDK allow-list is passed on. */
  hostEnv: NodeJS.ProcessEnv;
  /** Platform whose environment rules apply (default: this one). The process itself always runs here. */
  platform?: NodeJS.Platform;
  /** How long after the handshake the server must still be alive (overlaps the list calls). */
  graceMs?: number;
  /** Wait after closing stdin, and again after SIGTERM (the SDK uses 2000 ms). */
  shutdownWaitMs?: number;
  launcher?: Launcher;
  limits?: Partial<ProbeLimits>;
  /** The run's cancellation: no launch once it fired; a running server is killed with what it started. */
  signal?: AbortSignal;
}

export const DEFAULT_GRACE_MS = 25;
export const DEFAULT_SHUTDOWN_WAIT_MS = 2000;

/** The method sent to see a -32601 answer (and a server that survives it). */
export const UNKNOWN_METHOD = 'mcp-preflight/no-such-method';

const LISTS: ReadonlyArray<{ kind: ListKind; method: string; itemsKey: string; capability: string }> = [
  { kind: 'tools', method: 'tools/list', itemsKey: 'tools', capability: 'tools' },
  { kind: 'prompts', method: 'prompts/list', itemsKey: 'prompts', capability: 'prompts' },
  { kind: 'resources', method: 'resources/list', itemsKey: 'resources', capability: 'resources' },
  {
    kind: 'resourceTemplates',
    method: 'resources/templates/list',
    itemsKey: 'resourceTemplates',
    capability: 'resources',
  },
];

/** Cursors are opaque and may be huge; records keep their start. */
const MAX_KEPT_CURSOR_CHARS = 200;

/** Slack on top of the SDK's own request timeout, in case it never fires. */
const SAFETY_MARGIN_MS = 1000;

/**
 * Launches one stdio server and records what happens: spawn → initialize → initialized → ping → the list methods of
 * every advertised capability → an unknown method → grace period → shutdown (stdin close, SIGTERM, SIGKILL) → leftover
 * descendants. Decides nothing, never throws: a failure of the probe itself lands in `probeError`.
 */
export async function probeServer(server: ResolvedServer, options: ProbeOptions): Promise<Transcript> {
  return new ProbeSession(server, options).run();
}

class ProbeSession {
  private readonly t0 = performance.now();
  private readonly limits: ProbeLimits;
  private readonly platform: NodeJS.Platform;
  private readonly graceMs: number;
  private readonly shutdownWaitMs: number;
  private readonly launcher: Launcher;
  private readonly transcript: Transcript;
  private phase: Phase = 'startup';

  private readonly stderr: StderrTail;
  private readonly framer: LineFramer;
  private transport?: RecordingTransport;
  private client?: Client;
  private server?: ServerProcess;
  private homeDir?: string;

  private launchedAtMs = 0;
  private initializeId?: number;
  private handshakeAtMs?: number;
  private exitStatus?: ExitStatus & { atMs: number };
  private exitRecorded?: Promise<void>;
  private lastStdoutAtMs = 0;
  private keptListBytes = 0;
  private keptListItems = 0;
  private operationDeadlineMs = Infinity;
  private snapshotted = false;
  private stdoutAtEof = false;

  constructor(
    private readonly resolved: ResolvedServer,
    private readonly options: ProbeOptions,
  ) {
    this.limits = { ...DEFAULT_PROBE_LIMITS, ...options.limits };
    this.platform = options.platform ?? process.platform;
    this.graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    this.shutdownWaitMs = options.shutdownWaitMs ?? DEFAULT_SHUTDOWN_WAIT_MS;
    this.launcher = options.launcher ?? new ProcessLauncher(this.limits);
    this.stderr = new StderrTail(this.limits);
    this.framer = new LineFramer(
      () => this.stamp(),
      (message, bytes, stamp) => this.transport?.receive(message, bytes, stamp),
      this.limits,
    );
    this.transcript = {
      startedAt: Date.now(),
      transport: 'stdio',
      launch: this.emptyLaunchRecord(),
      spawn: { ok: false, atMs: 0 },
      wire: [],
      wireStats: this.framer.stats,
      messages: [],
      droppedMessages: 0,
      stderr: { tail: [], bytes: 0, lines: 0 },
      lists: {},
      graceMs: this.graceMs,
      durationMs: 0,
    };
  }

  async run(): Promise<Transcript> {
    try {
      await this.drive();
    } catch (error) {
      this.transcript.probeError = describeError(error);
    }
    try {
      await this.finish();
    } catch (error) {
      this.transcript.probeError ??= describeError(error);
    }
    this.transcript.durationMs = this.now();
    return this.transcript;
  }

  private now(): number {
    return Math.round(performance.now() - this.t0);
  }

  private stamp(): Stamp {
    return { atMs: this.now(), phase: this.phase };
  }

  private emptyLaunchRecord(): LaunchRecord {
    return {
      launcher: this.launcher.name,
      command: this.resolved.command ?? '',
      args: this.resolved.args,
      spawnedCommand: this.resolved.command ?? '',
      spawnedArgs: this.resolved.args,
      cwd: this.resolved.cwd,
      envKeys: [],
      pathEntries: [],
      resolvedCandidates: [],
      platform: this.platform,
      freshHome: this.options.freshHome,
    };
  }

  private async drive(): Promise<void> {
    const { command, args, cwd } = this.resolved;
    if (command === undefined || command === '') throw new Error('the server has no command to launch');
    if (this.options.freshHome) this.homeDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-home-'));
    const prepared = prepareLaunch(command, cwd, {
      platform: this.platform,
      hostEnv: this.options.hostEnv,
      configEnv: this.resolved.env,
      ...(this.resolved.spec.unsetEnv && { unset: this.resolved.spec.unsetEnv }),
      ...(this.homeDir !== undefined && { freshHomeDir: this.homeDir }),
    });
    const launch = this.transcript.launch;
    launch.envKeys = prepared.envKeys;
    launch.pathEntries = prepared.pathEntries;
    launch.resolvedCandidates = prepared.resolution.candidates;
    if (prepared.resolution.resolved !== undefined) launch.resolvedCommand = prepared.resolution.resolved;
    if (prepared.refusal) {
      this.transcript.spawn = { ...prepared.refusal, atMs: this.now() };
      return;
    }

    if (this.options.signal?.aborted) {
      this.transcript.cancelled = true;
      return;
    }
    this.launchedAtMs = this.now();
    const attempt = this.launcher.launch({ command, args, cwd, env: prepared.env });
    launch.spawnedCommand = attempt.spawnedCommand;
    launch.spawnedArgs = attempt.spawnedArgs;
    if (!attempt.ok) {
      this.transcript.spawn = { ok: false, errorCode: attempt.errorCode, errorMessage: attempt.errorMessage, atMs: this.now() };
      return;
    }
    const server = attempt.server;
    this.server = server;
    killOnCancel(server, this.options.signal, () => {
      this.transcript.cancelled = true;
    });
    const transport = new RecordingTransport(server.stdin, () => this.stamp(), this.limits);
    this.transport = transport;
    const stdoutEnded = this.attachStdio(server, transport);

    const spawned = await spawnOutcome(server, this.options.startupTimeoutMs);
    if (!spawned.ok) {
      this.transcript.spawn = { ok: false, errorCode: spawned.errorCode, errorMessage: spawned.errorMessage, atMs: this.now() };
      return;
    }
    this.transcript.spawn = { ok: true, pid: spawned.pid, atMs: this.now() };
    this.exitRecorded = server.exited.then((status) => this.recordExit(status, stdoutEnded, transport));

    const connected = await this.initialize(transport);
    if (this.handshakeAtMs === undefined) return;

    // Snapshots of the tree while the server is alive (right away, and again before shutdown), off the critical path.
    this.snapshotted = true;
    const snapshots: Array<Promise<void>> = [server.snapshotDescendants()];
    if (connected) await this.operate();
    snapshots.push(server.snapshotDescendants());
    await Promise.all([this.graceEnd(server), ...snapshots]);
    this.transcript.aliveAfterGrace = this.exitStatus === undefined;
  }

  /** Wires stdout to the framer and stderr to the tail; resolves when stdout ends (or fails). */
  private attachStdio(server: ServerProcess, transport: RecordingTransport): Promise<void> {
    server.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    server.stderr.on('error', () => undefined);
    server.stdout.on('data', (chunk: Buffer) => {
      this.lastStdoutAtMs = this.now();
      this.framer.push(chunk);
    });
    return new Promise((resolve) => {
      // Once stdout is over no answer can arrive: pending requests fail as closed instead of waiting for a timeout.
      const ended = () => {
        this.framer.end();
        transport.markClosed();
        resolve();
      };
      server.stdout.once('end', () => {
        this.stdoutAtEof = true;
        this.transcript.stdoutClosedAtMs = this.now();
        ended();
      });
      server.stdout.once('close', ended);
      server.stdout.once('error', ended);
    });
  }

  /** Records the exit once stdout delivered what the server wrote before exiting (bounded: a child may hold it). */
  private async recordExit(status: ExitStatus, stdoutEnded: Promise<void>, transport: RecordingTransport): Promise<void> {
    const exitedAtMs = this.now();
    const phaseAtExit = this.phase;
    this.exitStatus = { ...status, atMs: exitedAtMs };
    await withDeadline(stdoutEnded, this.limits.exitDrainMs, undefined);
    this.transcript.exit = {
      code: status.code,
      signal: status.signal,
      atMs: Math.max(exitedAtMs, this.lastStdoutAtMs),
      // An initialize result that was still in the pipe when the exit event came means the exit followed the handshake.
      phase: phaseAtExit === 'startup' && this.handshakeAtMs !== undefined ? 'operation' : phaseAtExit,
    };
    transport.markClosed();
  }

  /** initialize + notifications/initialized through the SDK; the record comes from the wire. */
  private async initialize(transport: RecordingTransport): Promise<boolean> {
    const record: RequestRecord = { method: 'initialize', phase: 'startup', startedMs: this.now(), outcome: 'not-sent' };
    this.transcript.initialize = record;
    transport.onRequestSent = (id, method) => {
      if (method === 'initialize' && this.initializeId === undefined) this.initializeId = Number(id);
    };
    transport.onResponse = (id, seen) => {
      // The operation phase starts when a result arrives on the wire, whatever the SDK makes of it.
      if (id === this.initializeId && 'result' in seen.message && this.handshakeAtMs === undefined) {
        this.handshakeAtMs = seen.atMs;
        this.transcript.startupMs = seen.atMs - this.launchedAtMs;
        this.phase = 'operation';
      }
    };
    const client = new Client({ name: TOOL_NAME, version: TOOL_VERSION }, { capabilities: {} });
    this.client = client;
    const timeout = this.options.startupTimeoutMs;
    const outcome = await withDeadline(
      client.connect(transport, { timeout }).then(
        () => undefined,
        (error: unknown) => error,
      ),
      timeout + SAFETY_MARGIN_MS,
      new McpError(ErrorCode.RequestTimeout, 'Request timed out'),
    );
    transport.onRequestSent = undefined;
    this.settle(record, this.initializeId, outcome);
    return outcome === undefined;
  }

  /** ping, every advertised list, one unknown method: sequential, within one overall budget. */
  private async operate(): Promise<void> {
    this.operationDeadlineMs = this.now() + this.limits.operationBudgetRequests * this.options.requestTimeoutMs;
    this.transcript.ping = (await this.request('ping')).record;
    const capabilities = this.advertisedCapabilities();
    for (const list of LISTS) {
      if (capabilities[list.capability] === undefined || capabilities[list.capability] === null) continue;
      this.transcript.lists[list.kind] = await this.list(list.kind, list.method, list.itemsKey);
    }
    this.transcript.unknownMethod = (await this.request(UNKNOWN_METHOD)).record;
  }

  private advertisedCapabilities(): Record<string, unknown> {
    const result = this.transcript.initialize?.result as { capabilities?: unknown } | undefined;
    const capabilities = result?.capabilities;
    return capabilities !== null && typeof capabilities === 'object' ? (capabilities as Record<string, unknown>) : {};
  }

  private async list(kind: ListKind, method: string, itemsKey: string): Promise<ListRecord> {
    const record: ListRecord = { kind, method, pages: [], items: [], itemCount: 0, end: 'complete' };
    const seenCursors = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      if (record.pages.length >= this.limits.maxPages) {
        record.end = 'page-limit';
        return record;
      }
      const { record: page, bytes } = await this.request(method, cursor === undefined ? undefined : { cursor });
      if (page.outcome === 'not-sent') {
        record.end = this.transport?.isClosed ? 'closed' : 'timeout';
        return record;
      }
      record.pages.push(page);
      if (page.outcome !== 'result') {
        record.end = page.outcome === 'error' ? 'error' : page.outcome === 'timeout' ? 'timeout' : 'closed';
        return record;
      }
      const result = page.result as Record<string, unknown>;
      const items = result[itemsKey];
      const next = result.nextCursor;
      if (!Array.isArray(items) || (next !== undefined && next !== null && typeof next !== 'string')) {
        record.end = 'invalid-result';
        return record;
      }
      record.itemCount += items.length;
      this.keepItems(record, items, bytes);
      // The items live in `record.items`; the page keeps a bounded summary.
      page.result = {
        [itemsKey]: `[${items.length} items]`,
        ...(typeof next === 'string' && { nextCursor: next.slice(0, MAX_KEPT_CURSOR_CHARS) }),
      };
      // Clients loop while the cursor is truthy, so an empty string ends the list as an absent one does.
      if (next === undefined || next === null || next === '') return record;
      const digest = createHash('sha256').update(next).digest('hex');
      if (seenCursors.has(digest)) {
        record.end = 'repeated-cursor';
        record.repeatedCursor = next.slice(0, MAX_KEPT_CURSOR_CHARS);
        return record;
      }
      seenCursors.add(digest);
      cursor = next;
    }
  }

  /** Keeps a page's items while the count and byte budgets allow; `itemCount` counts them all. */
  private keepItems(record: ListRecord, items: unknown[], pageBytes: number): void {
    if (this.keptListBytes + pageBytes > this.limits.maxListBytes) return;
    const room = this.limits.maxListItems - this.keptListItems;
    if (room <= 0) return;
    const kept = items.length <= room ? items : items.slice(0, room);
    this.keptListBytes += pageBytes;
    this.keptListItems += kept.length;
    record.items.push(...kept);
  }

  /**
   * One request through the SDK with a permissive result schema (the SDK's typed helpers would reject what the checks
   * must see, e.g. a non-object inputSchema); the record comes from the wire. Not sent once the connection ended or the
   * operation budget is spent.
   */
  private async request(method: string, params?: Record<string, unknown>): Promise<{ record: RequestRecord; bytes: number }> {
    const record: RequestRecord = { method, phase: this.phase, startedMs: this.now(), outcome: 'not-sent' };
    const client = this.client;
    const transport = this.transport;
    const timeout = Math.min(this.options.requestTimeoutMs, this.operationDeadlineMs - this.now());
    if (!client || !transport || transport.isClosed || timeout <= 0) return { record, bytes: 0 };
    let id: number | undefined;
    transport.onRequestSent = (sentId, sentMethod) => {
      if (sentMethod === method && id === undefined) id = Number(sentId);
    };
    const outcome = await withDeadline(
      client.request({ method, ...(params && { params }) }, ResultSchema, { timeout }).then(
        () => undefined,
        (error: unknown) => error,
      ),
      timeout + SAFETY_MARGIN_MS,
      new McpError(ErrorCode.RequestTimeout, 'Request timed out'),
    );
    transport.onRequestSent = undefined;
    const bytes = this.settle(record, id, outcome);
    return { record, bytes };
  }

  /**
   * Fills a request record: what the wire carried wins over whatever error the SDK raised. Returns the wire size of
   * the response (0 without one).
   */
  private settle(record: RequestRecord, id: number | undefined, sdkOutcome: unknown): number {
    if (id === undefined) return 0;
    record.id = id;
    const seen: ResponseSeen | undefined = this.transport?.takeResponse(id);
    if (seen) {
      record.endedMs = seen.atMs;
      const { error } = seen.message;
      if (error) {
        record.outcome = 'error';
        record.error = { code: error.code, message: error.message };
      } else {
        record.outcome = 'result';
        record.result = seen.message.result;
      }
      return seen.byteLength;
    }
    record.endedMs = this.now();
    const timedOut = sdkOutcome instanceof McpError && sdkOutcome.code === ErrorCode.RequestTimeout;
    record.outcome = timedOut ? 'timeout' : 'closed';
    return 0;
  }

  /** Waits for the end of the grace period (or the exit, which settles the question early). */
  private async graceEnd(server: ServerProcess): Promise<void> {
    await this.settleExit(server);
    const remaining = (this.handshakeAtMs ?? 0) + this.graceMs - this.now();
    if (remaining <= 0 || this.exitStatus !== undefined) return;
    this.phase = 'grace';
    await withDeadline(server.exited, remaining, undefined);
  }

  /**
   * stdout at EOF usually means the process is on its way out and the exit event is a moment behind: wait for it
   * (bounded) before moving to the next phase, so the exit is recorded in the phase it happened in.
   */
  private async settleExit(server: ServerProcess): Promise<void> {
    if (this.stdoutAtEof && this.exitStatus === undefined) {
      await withDeadline(server.exited, this.limits.exitDrainMs, undefined);
    }
  }

  /** Shutdown ladder, leftover descendants, and the records of everything the streams carried. */
  private async finish(): Promise<void> {
    const server = this.server;
    if (server && this.transcript.spawn.ok) {
      await this.settleExit(server);
      this.phase = 'shutdown';
      this.transcript.shutdown = await this.shutdown(server);
      if (this.exitStatus !== undefined) await this.exitRecorded;
      const reaped = await server.reap();
      this.transcript.shutdown.descendantsLeft = reaped.left;
      this.transcript.shutdown.descendantsSurvived = reaped.survived;
    } else {
      // Refused or never reported as started: if a process exists after all, it must not run on.
      server?.signal('SIGKILL');
    }
    // Closing the client settles anything the SDK still waits for (and clears its timers).
    await this.client?.close().catch(() => undefined);
    server?.release();
    this.framer.end();
    this.transcript.wire = this.framer.lines;
    this.transcript.stderr = this.stderr.finish();
    if (this.transport) {
      this.transcript.messages = this.transport.messages;
      this.transcript.droppedMessages = this.transport.droppedMessages;
    }
    if (this.homeDir !== undefined) await fs.promises.rm(this.homeDir, { recursive: true, force: true }).catch(() => undefined);
  }

  private exitedAtMs(): number {
    return this.exitStatus?.atMs ?? this.now();
  }

  /** The spec's ladder, as the SDK runs it: close stdin, wait, SIGTERM, wait, SIGKILL. */
  private async shutdown(server: ServerProcess): Promise<ShutdownRecord> {
    const record: ShutdownRecord = { endedBy: 'unknown', descendantsLeft: [], descendantsSurvived: [] };
    if (this.exitStatus !== undefined) {
      record.endedBy = 'exited-before';
      return record;
    }
    // Without a handshake no snapshot was taken yet: take one before the tree comes apart (re-parented children).
    if (!this.snapshotted) await server.snapshotDescendants();
    if (this.exitStatus !== undefined) {
      record.endedBy = 'exited-before';
      return record;
    }
    const closedAt = this.now();
    server.stdin.end();
    const kill = { endedBy: 'sigkill', before: 'SIGKILL', waitMs: this.limits.killWaitMs } as const;
    // A cancelled run does not wait for the server: straight to SIGKILL.
    const steps: Array<{ endedBy: ShutdownRecord['endedBy']; before?: 'SIGTERM' | 'SIGKILL'; waitMs: number }> = this.transcript.cancelled
      ? [kill]
      : [
          { endedBy: 'stdin-close', waitMs: this.shutdownWaitMs },
          { endedBy: 'sigterm', before: 'SIGTERM', waitMs: this.shutdownWaitMs },
          kill,
        ];
    const stopSnapshots = snapshotWhileShuttingDown(server);
    try {
      for (const step of steps) {
        if (step.before) server.signal(step.before);
        const status = await withDeadline(server.exited, step.waitMs, undefined);
        if (status !== undefined) {
          record.endedBy = step.endedBy;
          record.exitAfterMs = this.exitedAtMs() - closedAt;
          return record;
        }
      }
      return record;
    } finally {
      await stopSnapshots();
    }
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
