/**
 * Hand-built transcripts and contexts for check tests: a healthy session that each case bends in one place.
 */
import type { CheckContext, CheckResult } from '../../src/model/check.js';
import type { ResolvedServer, ServerSpec, SourcePosition } from '../../src/model/spec.js';
import type { JsonRpcMessage, MessageRecord, Phase, Transcript, WireLine } from '../../src/model/transcript.js';

export const CONFIG = '.mcp.json';
export const HOME = '/home/dev';

export function at(line: number, column = 5): SourcePosition {
  return { file: CONFIG, line, column };
}

export function healthySpec(): ServerSpec {
  return {
    name: 'demo',
    client: 'claude-code',
    config: CONFIG,
    source: at(3, 5),
    fieldPositions: { command: at(4, 18), 'args.0': at(5, 16), 'args.1': at(5, 22), 'env.LOG_LEVEL': at(7, 20) },
    transport: 'stdio',
    command: 'node',
    args: ['server.js', '--stdio'],
    env: { LOG_LEVEL: 'info' },
    headers: {},
    cwd: '/work/repo',
    schemaProblems: [],
    disabled: false,
  };
}

export function healthyServer(spec: ServerSpec = healthySpec()): ResolvedServer {
  return {
    spec,
    command: spec.command,
    args: [...spec.args],
    env: { ...spec.env },
    url: spec.url,
    headers: { ...spec.headers },
    cwd: spec.cwd,
    variables: [],
    secretValues: [],
  };
}

export const TOOLS = [
  {
    name: 'search',
    description: 'Search the index',
    inputSchema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { query: { type: 'string' } },
      required: ['query'],
      additionalProperties: false,
    },
  },
  { name: 'get_item', inputSchema: { type: 'object', properties: { id: { type: 'integer', format: 'int64' } } } },
];

export const INIT_RESULT = {
  protocolVersion: '2025-11-25',
  capabilities: { tools: { listChanged: true } },
  serverInfo: { name: 'demo', version: '1.0.0' },
};

const record = (direction: 'in' | 'out', atMs: number, phase: Phase, message: JsonRpcMessage): MessageRecord => ({
  direction,
  atMs,
  phase,
  message,
});

/** A stdout line as the probe records it. */
export function wireLine(index: number, text: string, kind: WireLine['kind'] = 'message', phase: Phase = 'startup', atMs = 100): WireLine {
  return { index, atMs, phase, byteLength: Buffer.byteLength(text), text, truncated: false, kind };
}

/** A session of a well-behaved server: starts, answers everything, stays up, exits on stdin close. */
export function healthyTranscript(): Transcript {
  const messages: MessageRecord[] = [
    record('out', 5, 'startup', { jsonrpc: '2.0', id: 0, method: 'initialize', params: {} }),
    record('in', 400, 'startup', { jsonrpc: '2.0', id: 0, result: INIT_RESULT }),
    record('out', 401, 'operation', { jsonrpc: '2.0', method: 'notifications/initialized' }),
    record('out', 402, 'operation', { jsonrpc: '2.0', id: 1, method: 'ping' }),
    record('in', 405, 'operation', { jsonrpc: '2.0', id: 1, result: {} }),
    record('out', 406, 'operation', { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }),
    record('in', 420, 'operation', { jsonrpc: '2.0', id: 2, result: { tools: TOOLS } }),
    record('out', 421, 'operation', { jsonrpc: '2.0', id: 3, method: 'mcp-preflight/unknown-method' }),
    record('in', 423, 'operation', { jsonrpc: '2.0', id: 3, error: { code: -32601, message: 'Method not found' } }),
  ];
  const inbound = messages.filter((m) => m.direction === 'in');
  const wire = inbound.map((m, i) => wireLine(i + 1, JSON.stringify(m.message), 'message', m.phase, m.atMs));
  return {
    startedAt: 1_700_000_000_000,
    transport: 'stdio',
    launch: {
      launcher: 'process',
      command: 'node',
      args: ['server.js', '--stdio'],
      spawnedCommand: 'node',
      spawnedArgs: ['server.js', '--stdio'],
      cwd: '/work/repo',
      envKeys: ['HOME', 'PATH', 'LOG_LEVEL'],
      pathEntries: ['/usr/local/bin', '/usr/bin', '/bin'],
      resolvedCommand: '/usr/bin/node',
      resolvedCandidates: ['/usr/bin/node'],
      platform: 'linux',
      freshHome: false,
    },
    spawn: { ok: true, pid: 4242, atMs: 2 },
    wire,
    wireStats: {
      bytes: wire.reduce((n, l) => n + l.byteLength + 1, 0),
      lines: wire.length,
      badLines: 0,
      keptLines: wire.length,
      unterminatedBytes: 0,
    },
    messages,
    droppedMessages: 0,
    stderr: { tail: ['demo server listening on stdio'], bytes: 31, lines: 1 },
    initialize: { method: 'initialize', id: 0, phase: 'startup', startedMs: 5, endedMs: 400, outcome: 'result', result: INIT_RESULT },
    startupMs: 398,
    ping: { method: 'ping', id: 1, phase: 'operation', startedMs: 402, endedMs: 405, outcome: 'result', result: {} },
    lists: {
      tools: {
        kind: 'tools',
        method: 'tools/list',
        pages: [
          { method: 'tools/list', id: 2, phase: 'operation', startedMs: 406, endedMs: 420, outcome: 'result', result: { tools: TOOLS } },
        ],
        items: structuredClone(TOOLS),
        itemCount: TOOLS.length,
        end: 'complete',
      },
    },
    unknownMethod: {
      method: 'mcp-preflight/unknown-method',
      id: 3,
      phase: 'operation',
      startedMs: 421,
      endedMs: 423,
      outcome: 'error',
      error: { code: -32601, message: 'Method not found' },
    },
    aliveAfterGrace: true,
    graceMs: 1000,
    exit: { code: 0, signal: null, atMs: 1450, phase: 'shutdown' },
    stdoutClosedAtMs: 1449,
    shutdown: { endedBy: 'stdin-close', exitAfterMs: 25, descendantsLeft: [], descendantsSurvived: [] },
    durationMs: 1460,
  };
}

export interface ContextOptions {
  /** Bends the healthy transcript; return nothing (mutate) or a replacement. `null` = not launched. */
  transcript?: ((t: Transcript) => Transcript | void) | null;
  /** Bends the healthy server (spec and resolved values). */
  server?: (s: ResolvedServer) => ResolvedServer | void;
  platform?: NodeJS.Platform;
  homeDir?: string;
  previous?: ReadonlyMap<string, CheckResult[]>;
  notLaunchedReason?: string;
}

export function context(options: ContextOptions = {}): CheckContext {
  const server = healthyServer();
  const bentServer = options.server?.(server) ?? server;
  let transcript: Transcript | undefined;
  if (options.transcript !== null) {
    const t = healthyTranscript();
    transcript = options.transcript?.(t) ?? t;
  }
  return {
    server: bentServer,
    ...(transcript && { transcript }),
    ...(options.notLaunchedReason !== undefined && { notLaunchedReason: options.notLaunchedReason }),
    settings: { startupTimeoutMs: 30_000, requestTimeoutMs: 10_000 },
    platform: options.platform ?? 'linux',
    homeDir: options.homeDir ?? HOME,
    previous: options.previous ?? new Map(),
  };
}

/** Adds a stdout line and keeps the stats consistent with it. */
export function addWireLine(t: Transcript, line: Omit<WireLine, 'index'>): void {
  const index = t.wire.length + 1;
  t.wire.push({ ...line, index });
  t.wireStats.lines += 1;
  t.wireStats.keptLines += 1;
  t.wireStats.bytes += line.byteLength + 1;
  if (line.kind !== 'message') t.wireStats.badLines += 1;
}

export function badLine(text: string, kind: WireLine['kind'], phase: Phase = 'startup'): Omit<WireLine, 'index'> {
  return { atMs: 50, phase, byteLength: Buffer.byteLength(text), text, truncated: false, kind };
}
