import { InitializeResultSchema, LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { Check, CheckOutcome, ProbeSettings } from '../model/check.js';
import type { RequestRecord, Transcript } from '../model/transcript.js';
import { stderrEvidence, wireLineEvidence } from './util/evidence.js';
import { idKey, inboundResponses, isPlainObject, outboundRequestIds, showId } from './util/messages.js';
import { fail, pass, skip } from './util/outcome.js';
import { explainRemoteFailure } from './util/stderr-causes.js';
import { count, excerpt, formatMs, jsonExcerpt, listSome } from './util/text.js';

/** Codex CLI's default startup timeout, the shortest among the major clients. */
const SHORTEST_CLIENT_STARTUP_MS = 10_000;

function judgeResult(init: RequestRecord, transcript: Transcript): CheckOutcome {
  const result = init.result;
  const startup = transcript.startupMs ?? (init.endedMs ?? init.startedMs) - transcript.spawn.atMs;
  const evidence = [`initialize result: ${jsonExcerpt(result, 300)}`];
  if (!isPlainObject(result))
    return fail(`initialize was answered with ${jsonExcerpt(result, 60)}, not an InitializeResult object.`, { evidence });
  const version = result['protocolVersion'];
  if (typeof version !== 'string') {
    return fail('The InitializeResult has no "protocolVersion": clients cannot negotiate and disconnect. Return the requested version.', {
      evidence,
    });
  }
  if (!SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
    return fail(
      `The server answered protocolVersion "${excerpt(version, 40)}", which the MCP SDK does not support ` +
        `(${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}): SDK-based clients disconnect with "Server's protocol version is not supported". ` +
        `The client asked for ${LATEST_PROTOCOL_VERSION}; answer that version if the server supports it, else its latest supported one.`,
      { evidence },
    );
  }
  if (!isPlainObject(result['serverInfo'])) {
    return fail(
      'The InitializeResult has no "serverInfo": add { "name": …, "version": … } (the SDK client rejects the result without it).',
      {
        evidence,
      },
    );
  }
  const parsed = InitializeResultSchema.safeParse(result);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return fail(
      `The InitializeResult does not match the MCP schema, so SDK-based clients reject it: ${excerpt(listSome(issues, 3), 300)}.`,
      {
        evidence,
      },
    );
  }
  const info = parsed.data.serverInfo;
  const slow =
    startup > SHORTEST_CLIENT_STARTUP_MS ? ` — slower than Codex's default ${formatMs(SHORTEST_CLIENT_STARTUP_MS)} startup timeout` : '';
  return pass(
    `initialize answered in ${formatMs(startup)}${slow}: protocol ${version}, server "${excerpt(info.name, 60)}" ${excerpt(info.version, 30)}.`,
  );
}

/**
 * A server of the 2026-07-28 revision has no initialize: refusing it and answering server/discover is its handshake.
 * Which selected clients can connect to it is protocol-versions' finding.
 */
function judgeModern(init: RequestRecord, transcript: Transcript): CheckOutcome {
  const discover = transcript.discover;
  const refused = `it refused initialize (error ${init.error?.code ?? '?'})`;
  if (discover?.outcome === 'result') {
    const versions = (discover.result as { supportedVersions?: unknown[] } | undefined)?.supportedVersions ?? [];
    const startup = transcript.startupMs === undefined ? '' : ` in ${formatMs(transcript.startupMs)}`;
    return pass(
      `The server speaks the 2026-07-28 revision: ${refused} and answered server/discover${startup} ` +
        `(versions ${excerpt(versions.map(String).join(', '), 120)}). Whether each selected client can connect is judged by protocol-versions.`,
    );
  }
  const supported = (discover?.error?.data as { supported?: unknown[] } | undefined)?.supported ?? [];
  return fail(
    `The server speaks the 2026-07-28 revision (${refused}) but refused server/discover for 2026-07-28 too (error ` +
      `${discover?.error?.code ?? '?'}), listing ${excerpt(supported.map(String).join(', '), 120) || 'no version'}: no client can connect. ` +
      'Support 2026-07-28 in server/discover, or answer initialize for the versions clients send today.',
    { evidence: stderrEvidence(transcript) },
  );
}

/** The statuses of the HTTP requests of a remote session. */
function remoteEvidence(transcript: Transcript): string[] {
  return (transcript.http?.exchanges ?? [])
    .slice(0, 5)
    .map(
      (e) =>
        `${e.method} ${e.rpc ?? e.purpose}: ${e.status ?? e.error?.code ?? e.error?.kind ?? 'no answer'}${e.contentType ? ` (${e.contentType})` : ''}`,
    );
}

/** A timeout has three different causes; the transcript tells them apart. */
function judgeTimeout(init: RequestRecord, transcript: Transcript, settings: ProbeSettings): CheckOutcome {
  const requestKey = idKey(init.id);
  const known = outboundRequestIds(transcript);
  const responses = inboundResponses(transcript).filter((m) => m.atMs >= init.startedMs);
  const late = responses.find((m) => idKey(m.message.id) === requestKey);
  const wrong = responses.find((m) => !known.has(idKey(m.message.id)));
  const timeout = formatMs(settings.startupTimeoutMs);
  const stderr = stderrEvidence(transcript);
  if (wrong) {
    return fail(
      `The server answered initialize with id ${showId(wrong.message.id)}, but the request's id was ${showId(init.id)}: ` +
        'the client never matches the answer and fails with MCP error -32001: Request timed out. Copy the request\'s "id" into ' +
        'the response unchanged (same value and type).',
      { evidence: [`response: ${jsonExcerpt(wrong.message, 200)}`] },
    );
  }
  if (late) {
    return fail(
      `The server answered initialize after ${formatMs(late.atMs - init.startedMs)}, later than the startup timeout of ${timeout}: ` +
        "clients give up first (Claude Code's MCP_TIMEOUT defaults to 30 s, Codex waits 10 s). Do slow set-up after the handshake.",
      { evidence: stderr },
    );
  }
  if (transcript.transport !== 'stdio') {
    const streamed = transcript.http?.exchanges.some((e) => e.rpc === 'initialize' && e.contentType?.startsWith('text/event-stream'));
    return fail(
      `The server did not answer initialize within ${timeout} over HTTP (clients show MCP error -32001: Request timed out).` +
        (streamed
          ? ' It opened an SSE stream and sent no answer on it: a proxy in between that buffers text/event-stream does this; ' +
            'disable buffering for the MCP path (nginx: proxy_buffering off; X-Accel-Buffering: no) or answer with application/json.'
          : ' Make the endpoint answer initialize promptly (do slow set-up after the handshake).'),
      { evidence: remoteEvidence(transcript) },
    );
  }
  const badLines = transcript.wire.filter((l) => l.phase === 'startup' && l.kind !== 'message');
  if (badLines.length > 0) {
    return fail(
      `The server did not answer initialize within ${timeout}; it wrote ${count(badLines.length, 'line')} to stdout that ` +
        'were not JSON-RPC messages (see stdout-purity).',
      { evidence: [...badLines.slice(0, 3).map(wireLineEvidence), ...stderr] },
    );
  }
  const remote = explainRemoteFailure(transcript.stderr.tail);
  if (remote) {
    return fail(
      `The server did not answer initialize within ${timeout}, and its stderr shows why: ${remote}. A server that forwards to ` +
        'a remote service (a stdio proxy) or needs one before it answers cannot start without it; clients show MCP error ' +
        '-32001: Request timed out. Make it answer initialize first and report the unreachable service in tool results, or ' +
        'give it the network access and credentials it needs.',
      { evidence: stderr },
    );
  }
  return fail(
    `The server did not answer initialize within ${timeout} and wrote nothing to stdout (clients show MCP error -32001: ` +
      'Request timed out). Check that it reads JSON-RPC from stdin and writes to stdout (stdio transport), not an HTTP port.',
    { evidence: stderr },
  );
}

/**
 * An initialize error about the protocol version: the modern "unsupported version" code, a `supported` list in its
 * data, or a message that talks about the version.
 */
function aboutProtocolVersion(error: RequestRecord['error']): boolean {
  if (!error) return false;
  if (error.code === -32022) return true;
  if (Array.isArray((error.data as { supported?: unknown } | null | undefined)?.supported)) return true;
  return /protocol.?version|version.*(?:not |un)supported|unsupported.*version/i.test(error.message ?? '');
}

/** The server's own reason for refusing initialize, reported as it said it (a missing setting, a bad argument…). */
function judgeError(init: RequestRecord, transcript: Transcript): CheckOutcome {
  const code = init.error?.code ?? '?';
  const said = excerpt(init.error?.message ?? '', 200);
  if (aboutProtocolVersion(init.error)) {
    return fail(
      `The server rejected initialize with error ${code}: ${said}. The client asked for protocol ${LATEST_PROTOCOL_VERSION}; a ` +
        'server that does not support it must answer with a version it does support, not an error.',
      { evidence: stderrEvidence(transcript) },
    );
  }
  // An upper-case identifier next to "required", "missing" or "not set" is almost always a variable the entry lacks.
  const variable = said.match(
    /\b([A-Z][A-Z0-9_]{2,})\b[^.]*\b(?:required|missing|not set|undefined|must be set)\b|\b(?:missing|requires?|set)\b[^.]*?\b([A-Z][A-Z0-9_]{2,})\b/,
  );
  const candidate = variable?.[1] ?? variable?.[2];
  // DATABASE_URL, API_KEY, TOKEN — not JSON or HTTP.
  const name = candidate && /_|(?:KEY|TOKEN|URL|URI|SECRET|PASSWORD|HOST|PORT|DIR|PATH)$/.test(candidate) ? candidate : undefined;
  const fix = name
    ? `Give it what it asks for: set ${name} in the entry's "env" (as a \${…} reference to a secret where it is one).`
    : 'Give it what it asks for (a variable in "env", an argument in "args"): it refuses to start without it.';
  return fail(`The server refused initialize: error ${code}: ${said}. Clients show this error and never list its tools. ${fix}`, {
    evidence: stderrEvidence(transcript),
  });
}

export const handshake: Check = {
  id: 'handshake',
  title: 'initialize is answered correctly and in time',
  remediation:
    "Answer `initialize` on stdout with a result carrying the request's id, a `protocolVersion` the client supports " +
    "(the requested one when you support it), `capabilities` and `serverInfo { name, version }` — within the client's " +
    "startup timeout. Using the MCP SDK's server classes gets this right.",
  requires: ['spawn', 'http-reachable', 'http-auth'],
  needsTranscript: true,
  run({ transcript, settings }) {
    if (!transcript) return skip('The server was not launched.');
    const init = transcript.initialize;
    if (!init || init.outcome === 'not-sent') {
      const why = transcript.probeError ? `: ${excerpt(transcript.probeError, 200)} (a bug in mcp-preflight, not in the server)` : '';
      return skip(`The probe did not send initialize${why}.`);
    }
    if (transcript.generation === 'modern') return judgeModern(init, transcript);
    switch (init.outcome) {
      case 'result':
        return judgeResult(init, transcript);
      case 'error':
        return judgeError(init, transcript);
      case 'timeout':
        return judgeTimeout(init, transcript, settings);
      case 'closed': {
        if (transcript.transport !== 'stdio') {
          if (transcript.http?.exchanges.some((e) => e.status === 401 || e.status === 403)) {
            return skip('The server asked for credentials before initialize (see http-auth).');
          }
          return fail('The HTTP exchange ended before initialize was answered (see http-protocol for the status the server returned).', {
            evidence: remoteEvidence(transcript),
          });
        }
        const at =
          transcript.stdoutClosedAtMs === undefined
            ? ''
            : ` ${formatMs(Math.max(0, transcript.stdoutClosedAtMs - transcript.spawn.atMs))} after it started`;
        return fail(`The server closed stdout${at}, before answering initialize (clients show MCP error -32000: Connection closed).`, {
          evidence: stderrEvidence(transcript),
        });
      }
    }
  },
};
