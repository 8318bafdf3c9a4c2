import type { Check, CheckOutcome } from '../model/check.js';
import type { HttpExchange, HttpRecord } from '../model/transcript.js';
import { exchangeEvidence, REMOTE, remoteRecord, urlPosition } from './util/http.js';
import { fail, pass, skip, warn } from './util/outcome.js';
import { excerpt, quoted } from './util/text.js';

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** A 400 whose body talks about the protocol version (the SDK's "Unsupported protocol version"), not the session. */
function aboutVersion(e: HttpExchange): boolean {
  return /protocol.?version/i.test(e.bodyExcerpt ?? '');
}

function isSuccess(e: HttpExchange): boolean {
  return e.status !== undefined && e.status >= 200 && e.status <= 299;
}

/** The Streamable HTTP rules a client depends on, each a finding when broken. */
function streamableFindings(http: HttpRecord): { outcomes: CheckOutcome[]; seen: string[] } {
  const outcomes: CheckOutcome[] = [];
  const seen: string[] = [];
  const messages = http.exchanges.filter((e) => e.purpose === 'message');
  const { sessionId } = http;
  if (sessionId !== undefined) {
    if (!VISIBLE_ASCII.test(sessionId)) {
      outcomes.push(
        fail(
          `The Mcp-Session-Id ${quoted(sessionId, 60)} has characters outside visible ASCII (0x21–0x7E), which the spec ` +
            'forbids: HTTP libraries reject or alter such header values when the client sends it back. Use a UUID or a base64url token.',
        ),
      );
    } else seen.push('a visible-ASCII session id');
    const rejected = messages.find((e) => e.sent.sessionId && (e.status === 404 || (e.status === 400 && !aboutVersion(e))));
    if (rejected) {
      outcomes.push(
        fail(
          `The server assigned a session id at initialize, then answered HTTP ${rejected.status} to ${rejected.rpc ?? 'a request'} ` +
            'that carried it back: clients lose the session right after connecting. Keep the session until it is deleted, and ' +
            'look it up by the Mcp-Session-Id header.',
          { evidence: [exchangeEvidence(rejected)] },
        ),
      );
    } else if (messages.some((e) => e.sent.sessionId && isSuccess(e))) seen.push('the session id honoured');
  }
  const versionRefused = messages.find((e) => e.sent.protocolVersion !== undefined && e.status === 400 && aboutVersion(e));
  if (versionRefused) {
    outcomes.push(
      fail(
        `The server answered HTTP 400 to ${versionRefused.rpc ?? 'a request'} carrying MCP-Protocol-Version: ` +
          `${excerpt(versionRefused.sent.protocolVersion ?? '', 40)}, the version it negotiated itself. Clients send this ` +
          'header on every request after initialize; accept every version the server offers in initialize.',
        { evidence: [exchangeEvidence(versionRefused)] },
      ),
    );
  } else if (messages.some((e) => e.sent.protocolVersion !== undefined && isSuccess(e))) seen.push('MCP-Protocol-Version accepted');
  const requests = messages.filter((e) => !e.noReply && isSuccess(e) && e.status !== 202);
  const badType = requests.find((e) => !/^(?:application\/json|text\/event-stream)/.test(e.contentType ?? ''));
  if (badType) {
    outcomes.push(
      fail(
        `${badType.rpc ?? 'A request'} was answered with Content-Type ${quoted(badType.contentType ?? '(none)', 60)}: clients accept ` +
          'only application/json or text/event-stream and drop the answer.',
        { evidence: [exchangeEvidence(badType)] },
      ),
    );
  } else if (requests.length > 0) {
    const types = [...new Set(requests.map((e) => (e.contentType ?? '').split(';')[0]))];
    seen.push(`answers as ${types.join(' and ')}`);
  }
  const early = messages.find((e) => e.streamEnd === 'closed-early');
  if (early) {
    outcomes.push(
      fail(
        `The SSE stream answering ${early.rpc ?? 'a request'} ended before the answer came (${early.events ?? 0} events): the client ` +
          'waits until its timeout (MCP error -32001: Request timed out). Keep the stream open until the response is sent; a ' +
          'proxy that cuts or buffers text/event-stream does this too.',
        { evidence: [exchangeEvidence(early)] },
      ),
    );
  }
  const notifications = messages.filter((e) => e.noReply && e.status !== undefined);
  const refusedNote = notifications.find((e) => !isSuccess(e));
  const not202 = notifications.find((e) => isSuccess(e) && e.status !== 202);
  if (refusedNote) {
    outcomes.push(
      fail(
        `The server answered HTTP ${refusedNote.status} to the notification ${refusedNote.rpc ?? ''}: SDK clients treat that as a ` +
          'failed send (after initialize the connection fails). Answer notifications with 202 Accepted and no body.',
        { evidence: [exchangeEvidence(refusedNote)] },
      ),
    );
  } else if (not202) {
    outcomes.push(
      warn(
        `The server answered the notification ${not202.rpc ?? ''} with HTTP ${not202.status}, not 202 Accepted as the spec ` +
          'requires: SDK clients accept any 2xx, stricter ones may not.',
        { evidence: [exchangeEvidence(not202)] },
      ),
    );
  } else if (notifications.length > 0) seen.push('202 for notifications');
  const mismatch = http.exchanges.find((e) => e.purpose === 'header-mismatch' && e.status !== undefined);
  if (mismatch) {
    if (mismatch.status === 400 && mismatch.jsonRpcErrorCode === -32020)
      seen.push('a header disagreeing with the body refused with -32020');
    else {
      const accepted = isSuccess(mismatch);
      const said = `HTTP ${mismatch.status}${mismatch.jsonRpcErrorCode === undefined ? '' : ` with error ${mismatch.jsonRpcErrorCode}`}`;
      const finding = `A 2026-07-28 request whose MCP-Protocol-Version header (2025-06-18) disagrees with its body's _meta (2026-07-28) was answered ${said}; the revision requires 400 with -32020 (HeaderMismatch)`;
      outcomes.push(
        accepted
          ? fail(`${finding}: a proxy routing on the headers and the server now disagree about the request.`, {
              evidence: [exchangeEvidence(mismatch)],
            })
          : warn(`${finding}.`, { evidence: [exchangeEvidence(mismatch)] }),
      );
    }
  }
  const deletion = http.exchanges.find((e) => e.purpose === 'delete');
  if (deletion) {
    const tolerated = deletion.status !== undefined && (isSuccess(deletion) || deletion.status === 405 || deletion.status === 404);
    if (!tolerated) {
      outcomes.push(
        warn(
          `DELETE of the session was answered ${deletion.status ?? 'with no answer'}: clients end sessions this way; answer ` +
            '2xx, or 405 when sessions cannot be deleted.',
          { evidence: [exchangeEvidence(deletion)] },
        ),
      );
    } else seen.push(`DELETE → ${deletion.status}`);
  }
  return { outcomes, seen };
}

/** The legacy transport: POSTs to the endpoint are accepted, and the stream stays open for the session. */
function legacyFindings(http: HttpRecord): { outcomes: CheckOutcome[]; seen: string[] } {
  const outcomes: CheckOutcome[] = [];
  const seen: string[] = [];
  const posts = http.exchanges.filter((e) => e.purpose === 'message' && e.toEndpoint);
  const refused = posts.find((e) => e.status !== undefined && !isSuccess(e));
  if (refused) {
    outcomes.push(
      fail(`The endpoint refused a message with HTTP ${refused.status}: the client's requests go unanswered.`, {
        evidence: [exchangeEvidence(refused)],
      }),
    );
  } else if (posts.length > 0) seen.push('messages accepted at the endpoint');
  const stream = http.exchanges.find((e) => e.purpose === 'sse-stream' && e.endpoint !== undefined);
  if (stream?.streamEnd === 'closed-early') {
    outcomes.push(
      fail(
        'The SSE stream ended during the session: every answer after that is lost and clients time out. Keep the stream ' +
          'open (and make proxies in between not buffer or cut text/event-stream).',
        { evidence: [exchangeEvidence(stream)] },
      ),
    );
  } else if (stream) seen.push('the stream kept open');
  return { outcomes, seen };
}

export const httpProtocol: Check = {
  id: 'http-protocol',
  title: 'The HTTP exchange follows the rules clients depend on',
  remediation:
    'Follow the Streamable HTTP transport rules: a visible-ASCII Mcp-Session-Id honoured on every request, ' +
    'MCP-Protocol-Version accepted, answers as application/json or text/event-stream, 202 for notifications, DELETE ' +
    "answered (405 is fine). The SDK's StreamableHTTPServerTransport does all of this.",
  requires: ['http-transport'],
  needsTranscript: true,
  transports: REMOTE,
  run({ server, transcript }) {
    const http = remoteRecord(transcript);
    if (!http?.spoken) return skip('The server speaks no MCP transport the probe could use.');
    const { outcomes, seen } = http.spoken === 'http' ? streamableFindings(http) : legacyFindings(http);
    const position = urlPosition(server.spec);
    if (outcomes.length > 0) return outcomes.map((o) => ({ ...o, position }));
    return pass(`${http.spoken === 'http' ? 'Streamable HTTP' : 'Legacy SSE'}: ${seen.join('; ') || 'nothing to object to'}.`);
  },
};
