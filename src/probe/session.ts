import { createHash } from 'node:crypto';
import {
  ErrorCode,
  InitializeResultSchema,
  LATEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js';
import type { Launcher } from '../launch/launcher.js';
import type { ResolvedServer } from '../model/spec.js';
import type { ListKind, ListRecord, RequestRecord, Transcript } from '../model/transcript.js';
import { MODERN_PROTOCOL_VERSION, UNSUPPORTED_PROTOCOL_VERSION } from '../profiles/shared.js';
import { type ClientPersona, SDK_DEFAULT_PERSONA } from './client-persona.js';
import { CLIENT_INFO, isDiscoverResult, isModernAnswer, modernParams } from './protocol-versions.js';
import type { LoadMeter, RunLoad } from './run-load.js';
import { DEFAULT_PROBE_LIMITS, type ProbeLimits } from './limits.js';
import { runSession, type Session } from './session-engine.js';
import { RemoteChannel } from './http-channel.js';
import { StdioChannel } from './stdio-channel.js';

export interface ProbeOptions {
  startupTimeoutMs: number;
  requestTimeoutMs: number;
  /** Point HOME (USERPROFILE on Windows) at an empty temporary directory. */
  freshHome: boolean;
  /** The runner's environment: only the SDK allow-list is passed on. */
  hostEnv: NodeJS.ProcessEnv;
  /** Platform whose environment rules apply (default: this one). The process itself always runs here. */
  platform?: NodeJS.Platform;
  /**
   * How long after the handshake the server must keep running, watched while the requests run (default 1 s: long enough
   * for a server whose background set-up fails after the handshake, such as a database refusing connections, to exit).
   */
  stayAliveMs?: number;
  /** Wait after closing stdin, and again after SIGTERM (the SDK uses 2000 ms). */
  shutdownWaitMs?: number;
  launcher?: Launcher;
  limits?: Partial<ProbeLimits>;
  /** The client to stand for: its declared capabilities and its answers to the server's requests (default: none). */
  client?: ClientPersona;
  /** The run's load: the session counts as part of it, and records how many others overlapped its start. */
  load?: RunLoad;
  /** The run's cancellation: no launch once it fired; a running server is killed with what it started. */
  signal?: AbortSignal;
}

export const DEFAULT_STAY_ALIVE_MS = 1000;
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

/**
 * Launches one stdio server (or connects to a remote one, over `RemoteChannel`) and records what happens: spawn →
 * initialize → initialized → ping → the list methods of every advertised capability, while the server is watched for
 * the stay-alive window after the handshake → an unknown method once that window is over → shutdown (stdin close,
 * SIGTERM, SIGKILL) → leftover descendants. Decides nothing, never throws: a failure of the probe itself lands in
 * `probeError`.
 */
export async function probeServer(server: ResolvedServer, options: ProbeOptions): Promise<Transcript> {
  const limits: ProbeLimits = { ...DEFAULT_PROBE_LIMITS, ...options.limits };
  const remote = server.spec.transport === 'http' || server.spec.transport === 'sse';
  const channel = remote
    ? new RemoteChannel(server, {
        startupTimeoutMs: options.startupTimeoutMs,
        requestTimeoutMs: options.requestTimeoutMs,
        platform: options.platform ?? process.platform,
        limits,
        ...(options.signal && { signal: options.signal }),
      })
    : new StdioChannel(server, {
        hostEnv: options.hostEnv,
        platform: options.platform ?? process.platform,
        freshHome: options.freshHome,
        ...(options.launcher && { launcher: options.launcher }),
        spawnTimeoutMs: options.startupTimeoutMs,
        shutdownWaitMs: options.shutdownWaitMs ?? DEFAULT_SHUTDOWN_WAIT_MS,
        limits,
        ...(options.signal && { signal: options.signal }),
      });
  const client = options.client ?? SDK_DEFAULT_PERSONA;
  const script = new MainScript(options, limits, client);
  const run = (meter?: LoadMeter) =>
    runSession(channel, (session) => script.run(session), {
      limits,
      cancelOnTimeout: true,
      answer: client.answer,
      // A remote server is not a process the session watches.
      ...(!remote && { stayAliveMs: options.stayAliveMs ?? DEFAULT_STAY_ALIVE_MS }),
      ...(meter && { meter }),
    });
  return options.load ? options.load.shared(run) : run();
}

/** What the main probe asks, in order, within its budgets. */
class MainScript {
  private keptListBytes = 0;
  private keptListItems = 0;
  private operationDeadlineMs = Infinity;
  /** The session is in the 2026-07-28 revision (server/discover answered). */
  private modern = false;

  constructor(
    private readonly options: ProbeOptions,
    private readonly limits: ProbeLimits,
    private readonly client: ClientPersona,
  ) {}

  async run(session: Session): Promise<void> {
    if (this.client.record.profile !== undefined) session.transcript.client = this.client.record;
    if ((await this.initialize(session)) || (await this.discover(session))) await this.operate(session);
  }

  /** initialize + notifications/initialized, accepted the way the SDK client accepts it. */
  private async initialize(session: Session): Promise<boolean> {
    const params = { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: this.client.record.capabilities, clientInfo: CLIENT_INFO };
    const { record } = await session.request('initialize', params, this.options.startupTimeoutMs, { handshake: true });
    session.transcript.initialize = record;
    if (!sdkAccepts(record)) return false;
    session.transcript.generation = 'legacy';
    session.notify('notifications/initialized');
    return true;
  }

  /**
   * The spec's stdio probe the other way round: a server of the 2026-07-28 revision has no initialize and refuses it
   * (-32022 for the version, or -32601 for the method); it is then asked `server/discover`, whose result opens the
   * session in that revision.
   */
  private async discover(session: Session): Promise<boolean> {
    const { transcript } = session;
    if (!refusedForTheModernRevision(transcript.initialize)) return false;
    const params = modernParams(this.client.record.capabilities);
    const { record } = await session.request('server/discover', params, this.options.startupTimeoutMs, { handshake: true });
    transcript.discover = record;
    if (isModernAnswer(record)) transcript.generation = 'modern';
    if (!isDiscoverResult(record)) return false;
    this.modern = true;
    return true;
  }

  /**
   * ping (not in the 2026-07-28 revision), every advertised list, then, after the stay-alive window, one unknown method:
   * sequential, within one overall budget (the wait for the window not counted).
   */
  private async operate(session: Session): Promise<void> {
    this.operationDeadlineMs = session.now() + this.limits.operationBudgetRequests * this.options.requestTimeoutMs;
    const { transcript } = session;
    if (!this.modern) transcript.ping = (await this.request(session, 'ping')).record;
    const capabilities = advertisedCapabilities(this.modern ? transcript.discover : transcript.initialize);
    for (const list of LISTS) {
      if (capabilities[list.capability] === undefined || capabilities[list.capability] === null) continue;
      transcript.lists[list.kind] = await this.list(session, list.kind, list.method, list.itemsKey);
    }
    // Sent once the stay-alive window is over, so that an exit inside the window is never taken for a crash on the
    // unknown method (the server that dies 50 ms after the handshake fails stays-alive on every run, loaded or not).
    const windowStartedMs = session.now();
    await session.stayAliveWindow();
    this.operationDeadlineMs += session.now() - windowStartedMs;
    transcript.unknownMethod = (await this.request(session, UNKNOWN_METHOD)).record;
  }

  /**
   * One request within the operation budget: not sent once the connection ended or the budget is spent. In the
   * 2026-07-28 revision every request carries the protocol version and the client's capabilities in its `_meta`.
   */
  private request(session: Session, method: string, params?: Record<string, unknown>) {
    const timeout = Math.min(this.options.requestTimeoutMs, this.operationDeadlineMs - session.now());
    return session.request(method, this.modern ? modernParams(this.client.record.capabilities, params) : params, timeout);
  }

  private async list(session: Session, kind: ListKind, method: string, itemsKey: string): Promise<ListRecord> {
    const record: ListRecord = { kind, method, pages: [], items: [], itemCount: 0, end: 'complete' };
    const seenCursors = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      if (record.pages.length >= this.limits.maxPages) {
        record.end = 'page-limit';
        return record;
      }
      const { record: page, bytes } = await this.request(session, method, cursor === undefined ? undefined : { cursor });
      if (page.outcome === 'not-sent') {
        record.end = session.closed ? 'closed' : 'timeout';
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
}

/** How a server of the 2026-07-28 revision answers initialize: an unsupported version, or no such method. */
function refusedForTheModernRevision(record: RequestRecord | undefined): boolean {
  const code = record?.outcome === 'error' ? record.error?.code : undefined;
  if (code === UNSUPPORTED_PROTOCOL_VERSION || code === ErrorCode.MethodNotFound) return true;
  const supported = (record?.error?.data as { supported?: unknown } | undefined)?.supported;
  return Array.isArray(supported) && supported.includes(MODERN_PROTOCOL_VERSION);
}

/** The SDK client goes on only with an InitializeResult it can parse, in a protocol version it supports. */
function sdkAccepts(record: RequestRecord): boolean {
  if (record.outcome !== 'result') return false;
  const parsed = InitializeResultSchema.safeParse(record.result);
  return parsed.success && SUPPORTED_PROTOCOL_VERSIONS.includes(parsed.data.protocolVersion);
}

function advertisedCapabilities(initialize: RequestRecord | undefined): Record<string, unknown> {
  const capabilities = (initialize?.result as { capabilities?: unknown } | undefined)?.capabilities;
  return capabilities !== null && typeof capabilities === 'object' ? (capabilities as Record<string, unknown>) : {};
}
