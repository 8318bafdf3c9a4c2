import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import type { VersionOffer } from '../model/boot.js';
import type { ResolvedServer } from '../model/spec.js';
import type { RequestRecord } from '../model/transcript.js';
import { MAIN_POLICY } from '../profiles/launch-plan.js';
import { LEGACY_PROTOCOL_VERSIONS, MODERN_PROTOCOL_VERSION, UNSUPPORTED_PROTOCOL_VERSION } from '../profiles/shared.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { bootServer, type BootChannel, type BootOptions } from './boot.js';
import type { Schedule } from './limiter.js';

/**
 * Offers each protocol version in a short session of its own (the MCP SDK client only ever sends its latest, which
 * the main probe already did). Legacy versions go through `initialize`; 2026-07-28 first through `server/discover`,
 * the way the spec's dual-era stdio client probes, falling back to `initialize` unless the answer is a modern one.
 */

export interface VersionProbeOptions extends Omit<BootOptions, 'policy'> {
  /** The main probe's time to answer initialize: it scales how long an unanswered server/discover is waited for. */
  mainStartupMs?: number;
  /** Runs the sessions (default: all at once). */
  schedule?: Schedule;
}

export const CLIENT_INFO = { name: TOOL_NAME, version: TOOL_VERSION };

/** What the main probe does not cover: every legacy version but the SDK's latest, and the modern revision. */
function versionsToOffer(): string[] {
  return [...LEGACY_PROTOCOL_VERSIONS.filter((v) => v !== LATEST_PROTOCOL_VERSION), MODERN_PROTOCOL_VERSION];
}

export async function probeProtocolVersions(server: ResolvedServer, options: VersionProbeOptions): Promise<VersionOffer[]> {
  const boot = { ...options, policy: MAIN_POLICY };
  const schedule: Schedule = options.schedule ?? ((task) => task());
  return Promise.all(
    versionsToOffer().map((version) =>
      schedule(async (): Promise<VersionOffer> => {
        if (version === MODERN_PROTOCOL_VERSION) {
          return { version, method: 'server/discover', boot: await bootServer(server, boot, (channel) => discover(channel, options)) };
        }
        const record = await bootServer(server, boot, async (channel) => {
          await channel.request('initialize', initializeParams(version, channel.capabilities), options.startupTimeoutMs);
        });
        return { version, method: 'initialize', boot: record };
      }),
    ),
  );
}

function initializeParams(version: string, capabilities: Record<string, unknown>): Record<string, unknown> {
  return { protocolVersion: version, capabilities, clientInfo: CLIENT_INFO };
}

/** The spec's stdio probe: server/discover first, and initialize after any answer that is not a modern one. */
async function discover(channel: BootChannel, options: VersionProbeOptions): Promise<void> {
  const answer = await channel.request('server/discover', modernParams(channel.capabilities), discoverTimeoutMs(options));
  if (isModernAnswer(answer)) return;
  // "The fallback MUST NOT be keyed to one specific error code": anything else means legacy, as does silence.
  await channel.request('initialize', initializeParams(LATEST_PROTOCOL_VERSION, channel.capabilities), options.startupTimeoutMs);
}

/**
 * Params carrying what every 2026-07-28 request must carry in its `_meta`: the protocol version and the client's
 * capabilities (mcp-spec-and-sdk.md §2.13), plus the client's info.
 */
export function modernParams(capabilities: Record<string, unknown>, params: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...params,
    _meta: {
      'io.modelcontextprotocol/protocolVersion': MODERN_PROTOCOL_VERSION,
      'io.modelcontextprotocol/clientCapabilities': capabilities,
      'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
    },
  };
}

/** A DiscoverResult (it lists `supportedVersions`) or an UnsupportedProtocolVersionError. */
export function isModernAnswer(record: Pick<RequestRecord, 'outcome' | 'result' | 'error'>): boolean {
  if (record.outcome === 'error') return record.error?.code === UNSUPPORTED_PROTOCOL_VERSION;
  return isDiscoverResult(record);
}

export function isDiscoverResult(record: Pick<RequestRecord, 'outcome' | 'result'>): boolean {
  return record.outcome === 'result' && Array.isArray((record.result as { supportedVersions?: unknown } | undefined)?.supportedVersions);
}

/**
 * "A reasonable timeout" for a legacy server that ignores requests before initialize: long enough for a server that is
 * still starting (twice the main probe's startup, plus a second), bounded by the startup timeout.
 */
function discoverTimeoutMs(options: Pick<VersionProbeOptions, 'startupTimeoutMs' | 'mainStartupMs'>): number {
  return Math.min(options.startupTimeoutMs, Math.max(2000, 2 * (options.mainStartupMs ?? options.startupTimeoutMs) + 1000));
}
