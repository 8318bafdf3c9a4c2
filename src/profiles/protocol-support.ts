import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import type { VersionOffer } from '../model/boot.js';
import type { ProtocolOffer, ProtocolVersionsReport } from '../model/report.js';
import type { RequestRecord, Transcript } from '../model/transcript.js';
import { excerpt } from '../checks/util/text.js';
import { MODERN_PROTOCOL_VERSION, UNSUPPORTED_PROTOCOL_VERSION } from './shared.js';

/**
 * What the protocol version offers showed: per offer what came back, and the versions the server speaks. The main
 * probe's initialize (the MCP SDK's latest version) is always the first offer; the others exist when versions were
 * probed. Pure: used by the `protocol-versions` check and by the report.
 */

export interface DiscoverOutcome {
  /** The answer to server/discover was a modern one (a DiscoverResult or -32022). */
  modern: boolean;
  /** Versions a DiscoverResult or a -32022 error listed. */
  listed: string[];
  /** The initialize sent after a legacy answer, as a dual-era client falls back. */
  fallback?: RequestRecord;
}

export function discoverOutcome(offer: VersionOffer): DiscoverOutcome {
  return discoverOutcomeOf(
    offer.boot.requests.find((r) => r.method === 'server/discover'),
    offer.boot.requests.find((r) => r.method === 'initialize'),
  );
}

function discoverOutcomeOf(probe: RequestRecord | undefined, fallback: RequestRecord | undefined): DiscoverOutcome {
  const result = probe?.outcome === 'result' ? (probe.result as { supportedVersions?: unknown } | undefined) : undefined;
  if (result && Array.isArray(result.supportedVersions)) return { modern: true, listed: strings(result.supportedVersions) };
  if (probe?.outcome === 'error' && probe.error?.code === UNSUPPORTED_PROTOCOL_VERSION) {
    return { modern: true, listed: supportedIn(probe.error.data) };
  }
  return { modern: false, listed: [], ...(fallback && { fallback }) };
}

/** The record of what the server answered when offered `version` via initialize, from the main probe or an offer. */
export function initializeAnswer(
  version: string,
  main: Transcript,
  offers: readonly VersionOffer[] | undefined,
): RequestRecord | undefined {
  if (version === LATEST_PROTOCOL_VERSION) return main.initialize;
  const offer = offers?.find((o) => o.version === version && o.method === 'initialize');
  return offer?.boot.requests.find((r) => r.method === 'initialize');
}

export function protocolSupport(main: Transcript | undefined, offers: readonly VersionOffer[] | undefined): ProtocolVersionsReport | null {
  if (!main) return null;
  const supported = new Set<string>();
  const described: ProtocolOffer[] = [describeInitialize(LATEST_PROTOCOL_VERSION, main.initialize, supported)];
  let era: ProtocolVersionsReport['era'] = 'unknown';
  for (const offer of offers ?? []) {
    if (offer.method === 'initialize') {
      described.push(
        describeInitialize(
          offer.version,
          offer.boot.requests.find((r) => r.method === 'initialize'),
          supported,
        ),
      );
      continue;
    }
    const probe = offer.boot.requests.find((r) => r.method === 'server/discover');
    era = addDiscover(offer.version, probe, discoverOutcome(offer), described, supported);
  }
  // The main probe asks server/discover itself when initialize was refused the 2026-07-28 way.
  if (main.generation === 'modern' && main.discover && !described.some((d) => d.method === 'server/discover')) {
    era = addDiscover(MODERN_PROTOCOL_VERSION, main.discover, discoverOutcomeOf(main.discover, undefined), described, supported);
  }
  return { supported: [...supported].sort(), offers: described, era, complete: offers !== undefined };
}

/** Adds a server/discover offer; returns the era it shows next to the initialize offers before it. */
function addDiscover(
  version: string,
  probe: RequestRecord | undefined,
  outcome: DiscoverOutcome,
  described: ProtocolOffer[],
  supported: Set<string>,
): ProtocolVersionsReport['era'] {
  for (const listed of outcome.listed) supported.add(listed);
  described.push(describeDiscover(version, probe, outcome));
  const legacy = described.some((d) => d.method === 'initialize' && (d.outcome === 'accepted' || d.outcome === 'countered'));
  return outcome.modern ? (legacy ? 'dual-era' : 'modern') : 'legacy';
}

function describeInitialize(offered: string, record: RequestRecord | undefined, supported: Set<string>): ProtocolOffer {
  const base = { offered, method: 'initialize' as const };
  if (!record) return { ...base, outcome: 'no-answer', detail: 'initialize was not sent' };
  for (const version of supportedIn(record.error?.data)) supported.add(version);
  switch (record.outcome) {
    case 'result': {
      const answered = (record.result as { protocolVersion?: unknown } | undefined)?.protocolVersion;
      if (typeof answered !== 'string') return { ...base, outcome: 'error', detail: 'the result has no protocolVersion' };
      supported.add(answered);
      return { ...base, outcome: answered === offered ? 'accepted' : 'countered', answered };
    }
    case 'error':
      return { ...base, outcome: 'error', detail: `error ${record.error?.code ?? '?'}: ${excerpt(record.error?.message ?? '', 160)}` };
    default:
      return { ...base, outcome: 'no-answer', detail: noAnswer(record) };
  }
}

function describeDiscover(version: string, probe: RequestRecord | undefined, outcome: DiscoverOutcome): ProtocolOffer {
  const base = { offered: version, method: 'server/discover' as const };
  if (outcome.modern) {
    if (outcome.listed.includes(version)) return { ...base, outcome: 'accepted', answered: version };
    return { ...base, outcome: 'countered', detail: `supports ${outcome.listed.join(', ') || 'no listed version'}` };
  }
  const what = probe?.outcome === 'error' ? `error ${probe.error?.code ?? '?'}` : noAnswer(probe);
  const fallback = outcome.fallback;
  const after =
    fallback?.outcome === 'result'
      ? 'initialize afterwards was answered'
      : `initialize afterwards: ${fallback ? noAnswer(fallback) : 'not sent'}`;
  return { ...base, outcome: probe?.outcome === 'error' ? 'error' : 'no-answer', detail: `legacy server (${what}); ${after}` };
}

function noAnswer(record: RequestRecord | undefined): string {
  switch (record?.outcome) {
    case 'timeout':
      return 'no answer in time';
    case 'closed':
      return 'the server closed the connection';
    case 'error':
      return `error ${record.error?.code ?? '?'}`;
    case 'result':
      return 'answered';
    default:
      return 'the server did not start';
  }
}

function supportedIn(data: unknown): string[] {
  const list = (data as { supported?: unknown } | null | undefined)?.supported;
  return Array.isArray(list) ? strings(list) : [];
}

function strings(values: unknown[]): string[] {
  return values.filter((v): v is string => typeof v === 'string').map((v) => v.slice(0, 40));
}
