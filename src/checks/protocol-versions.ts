import type { Check, CheckOutcome } from '../model/check.js';
import type { ClientProfile } from '../model/profile.js';
import type { ProtocolVersionsReport } from '../model/report.js';
import type { RequestRecord, Transcript } from '../model/transcript.js';
import { declarationOf } from '../profiles/client-declaration.js';
import { selectProfiles } from '../profiles/index.js';
import { discoverOutcome, initializeAnswer, protocolSupport } from '../profiles/protocol-support.js';
import { fail, pass, skip, warn } from './util/outcome.js';
import { excerpt, listSome } from './util/text.js';

/**
 * Whether each selected client can agree on a protocol version with the server. A client sends one version in
 * initialize and disconnects when the answer is not one it supports; the server must answer with the requested version
 * when it supports it. With `--protocol-versions` (or `--client`) every version was offered in a session of its own;
 * otherwise only the MCP SDK's latest (the main probe's) is known.
 */

function answered(record: RequestRecord): string | undefined {
  const version = (record.result as { protocolVersion?: unknown } | undefined)?.protocolVersion;
  return record.outcome === 'result' && typeof version === 'string' ? version : undefined;
}

function noAgreement(profile: ClientProfile, record: RequestRecord): string | undefined {
  const { requests, accepts } = profile.protocol;
  const version = answered(record);
  if (version !== undefined) {
    if (accepts.includes(version)) return undefined;
    return (
      `${profile.name} sends protocolVersion ${requests} and accepts ${accepts.join(', ')}; the server answered ` +
      `${excerpt(version, 40)}, so ${profile.name} disconnects.`
    );
  }
  const how =
    record.outcome === 'error'
      ? `rejected it (error ${record.error?.code ?? '?'}: ${excerpt(record.error?.message ?? '', 120)})`
      : record.outcome === 'timeout'
        ? 'did not answer it in time'
        : 'closed the connection instead of answering';
  return `${profile.name} sends initialize with protocolVersion ${requests}; the server ${how}.`;
}

/** The server accepted (or countered) some initialize offer: it has the legacy handshake. */
function speaksLegacy(support: ProtocolVersionsReport): boolean {
  return support.offers.some((o) => o.method === 'initialize' && (o.outcome === 'accepted' || o.outcome === 'countered'));
}

/**
 * A server of the 2026-07-28 revision only (initialize refused, server/discover answered): each client connects when
 * it speaks that revision, and cannot at all when it knows only initialize — whatever versions it accepts.
 */
function judgeModernOnly(profiles: readonly ClientProfile[], support: ProtocolVersionsReport, transcript: Transcript): CheckOutcome[] {
  const code = transcript.initialize?.error?.code ?? '?';
  const outcomes = profiles.flatMap((profile): CheckOutcome[] => {
    const declared = declarationOf(profile);
    if (declared.generations.speaks.includes('modern')) return [];
    return [
      {
        ...fail(
          `${profile.name} connects only with initialize (protocol ${profile.protocol.requests}): ${excerpt(declared.generations.source, 160)}. ` +
            `This server speaks only the 2026-07-28 revision: it refuses initialize (error ${code}) and answers server/discover, ` +
            `so ${profile.name} cannot connect to it.`,
        ),
        client: profile.id,
      },
    ];
  });
  if (outcomes.length > 0) return outcomes;
  return [pass(`Speaks ${listSome(support.supported, 8)} (the 2026-07-28 revision only); every selected client speaks that revision.`)];
}

export const protocolVersions: Check = {
  id: 'protocol-versions',
  title: 'Speaks a protocol version each selected client accepts',
  remediation:
    'Answer initialize with the version the client asked for when you support it, otherwise with your latest one — ' +
    'never with an error. Supporting every version since 2024-11-05 (the MCP SDKs do) keeps older and newer clients ' +
    'working; a server on a current SDK gets this for free.',
  requires: ['handshake'],
  needsTranscript: true,
  run({ server, transcript, boots, profiles: selected }) {
    if (!transcript) return skip('The server was not launched.');
    const support = protocolSupport(transcript, boots?.versions);
    if (!support) return skip('The server was not launched.');
    const profiles = selected ?? selectProfiles([], server.spec.client);
    if (transcript.generation === 'modern' && !speaksLegacy(support)) return judgeModernOnly(profiles, support, transcript);
    const outcomes: CheckOutcome[] = [];
    for (const profile of profiles) {
      const record = initializeAnswer(profile.protocol.requests, transcript, boots?.versions);
      if (record) {
        const problem = noAgreement(profile, record);
        if (problem) outcomes.push({ ...warn(problem), client: profile.id });
        continue;
      }
      if (!profile.protocol.accepts.some((v) => support.supported.includes(v))) {
        outcomes.push({
          ...warn(
            `${profile.name} accepts ${profile.protocol.accepts.join(', ')}; the server showed only ${support.supported.join(', ') || 'no version'}, ` +
              'none of them.',
          ),
          client: profile.id,
        });
      }
    }
    const discover = boots?.versions?.find((o) => o.method === 'server/discover');
    const fallback = discover && discoverOutcome(discover);
    if (fallback && !fallback.modern && fallback.fallback?.outcome !== 'result') {
      outcomes.push(
        warn(
          'A client of the 2026-07-28 revision first sends server/discover, and falls back to initialize when a legacy server ' +
            `answers anything but a modern error; after that probe this server ${
              fallback.fallback?.outcome === 'timeout' ? 'did not answer initialize' : 'stopped'
            }. ` +
            'Answer unknown requests before initialize with an error (-32601) and keep reading stdin.',
        ),
      );
    }
    if (outcomes.length > 0) return outcomes;
    const offered = support.offers.map((o) => o.offered);
    const scope = support.complete
      ? `offered ${listSome(offered, 8)}`
      : `offered only ${offered.join(', ')} (--protocol-versions or --client offers every version)`;
    return pass(`Supports ${listSome(support.supported, 8) || 'no version it named'} (${scope}); every selected client can agree with it.`);
  },
};
