import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { Check, CheckStatus } from '../model/check.js';
import type { JsonRpcMessage, RequestRecord, Transcript } from '../model/transcript.js';
import { describeExit, exitEvidence, stderrEvidence } from './util/evidence.js';
import { exitedOnUnknownMethod, idKey, inboundResponses, isPlainObject, outboundRequestIds, showId } from './util/messages.js';
import { explainStderr } from './util/stderr-causes.js';
import { skip, worst } from './util/outcome.js';
import { excerpt, formatMs, jsonExcerpt } from './util/text.js';

interface Finding {
  status: CheckStatus;
  text: string;
  evidence?: string | string[];
}

/** A request left pending when the connection closed is stays-alive's finding; here it only counts as not judged. */
const cutShort = (record: RequestRecord | undefined) => record?.outcome === 'closed';

/** Shape problems of one inbound message that the line classifier let through. */
function malformed(message: JsonRpcMessage): string | undefined {
  if (message.jsonrpc !== '2.0') return 'has no "jsonrpc": "2.0"';
  if ('result' in message && 'error' in message) return 'has both "result" and "error"';
  if (message.error !== undefined) {
    if (!isPlainObject(message.error)) return '"error" is not an object';
    if (!Number.isInteger(message.error.code)) return 'error "code" is not an integer';
    if (typeof message.error.message !== 'string') return 'error has no "message" string';
  }
  if (message.method !== undefined && message.id === null) return 'is a request with id null';
  return undefined;
}

function judgeMessages(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  const requests = outboundRequestIds(transcript);
  const answered = new Set<string>();
  for (const record of transcript.messages.filter((m) => m.direction === 'in')) {
    const problem = malformed(record.message);
    if (problem) findings.push({ status: 'fail', text: `a message ${problem}`, evidence: jsonExcerpt(record.message, 200) });
  }
  for (const { message } of inboundResponses(transcript)) {
    const key = idKey(message.id);
    if (!requests.has(key)) {
      findings.push({
        status: 'fail',
        text: `a response carries id ${showId(message.id)}, which matches no request`,
        evidence: jsonExcerpt(message, 200),
      });
    } else if (answered.has(key)) {
      findings.push({ status: 'fail', text: `request ${showId(message.id)} was answered twice`, evidence: jsonExcerpt(message, 200) });
    }
    answered.add(key);
  }
  return findings;
}

function judgePing(ping: RequestRecord | undefined, settings: { requestTimeoutMs: number }): Finding[] {
  if (!ping || ping.outcome === 'not-sent') return [];
  switch (ping.outcome) {
    case 'result': {
      const result = ping.result;
      const extra = isPlainObject(result) ? Object.keys(result).filter((k) => k !== '_meta') : null;
      if (extra !== null && extra.length === 0) return [];
      return [
        {
          status: 'warn',
          text: `ping was answered with ${jsonExcerpt(result, 80)} instead of {} (the SDK's ping() rejects anything but an empty result)`,
        },
      ];
    }
    case 'error':
      return [
        {
          status: 'fail',
          text: `ping got error ${ping.error?.code ?? '?'} "${excerpt(ping.error?.message ?? '', 80)}"; the spec says a ping MUST be answered with {}`,
        },
      ];
    case 'timeout':
      return [
        {
          status: 'fail',
          text: `ping got no answer within ${formatMs(settings.requestTimeoutMs)}; clients treat that as a dead connection`,
        },
      ];
    case 'closed':
      return [];
  }
}

function judgeUnknownMethod(transcript: Transcript, settings: { requestTimeoutMs: number }): Finding[] {
  const request = transcript.unknownMethod;
  if (!request || request.outcome === 'not-sent') return [];
  const crash = exitedOnUnknownMethod(transcript);
  if (crash) {
    const cause = explainStderr(transcript.stderr.tail);
    return [
      {
        status: 'fail',
        text:
          `the server ${describeExit(crash.exit)} ${formatMs(crash.afterMs)} after it received the unknown method ` +
          `"${excerpt(request.method, 60)}", without answering it: any request it does not know (a newer client's method, a ` +
          'feature it lacks) ends it, and the client shows MCP error -32000: Connection closed. Answer unknown methods with ' +
          `error -32601 (Method not found) and keep running${cause ? `; its stderr says why it ended: ${cause.replace(/\.$/, '')}` : ''}`,
        evidence: [exitEvidence(crash.exit), ...stderrEvidence(transcript)],
      },
    ];
  }
  const method = `"${excerpt(request.method, 60)}"`;
  switch (request.outcome) {
    case 'error':
      if (request.error?.code === ErrorCode.MethodNotFound) return [];
      return [
        {
          status: 'warn',
          text:
            `the unknown method ${method} got error ${request.error?.code ?? '?'} instead of -32601 (Method not found); clients ` +
            'rely on -32601 to detect a feature the server lacks',
        },
      ];
    case 'result':
      return [{ status: 'warn', text: `the unknown method ${method} got a result; JSON-RPC requires error -32601 (Method not found)` }];
    case 'timeout':
      return [
        {
          status: 'fail',
          text:
            `the unknown method ${method} got no answer within ${formatMs(settings.requestTimeoutMs)}: a client calling a method the ` +
            'server lacks waits until MCP error -32001: Request timed out. Answer unknown methods with error -32601',
        },
      ];
    case 'closed':
      return [];
  }
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

export const jsonrpc: Check = {
  id: 'jsonrpc',
  title: 'JSON-RPC responses, ping and unknown methods',
  remediation:
    'Answer every request exactly once with its own id; answer `ping` with `{}`; answer a method you do not implement with ' +
    "error -32601 (Method not found) and keep running. The MCP SDK's server classes do all three.",
  requires: ['handshake'],
  needsTranscript: true,
  run({ transcript, settings }) {
    if (!transcript) return skip('The server was not launched.');
    const { ping, unknownMethod } = transcript;
    const findings = [...judgeMessages(transcript), ...judgePing(ping, settings), ...judgeUnknownMethod(transcript, settings)];
    const diedOnIt = exitedOnUnknownMethod(transcript) !== undefined;
    const cut = [...(cutShort(ping) ? ['ping'] : []), ...(cutShort(unknownMethod) && !diedOnIt ? ['the unknown method'] : [])];
    const cutNote = cut.length > 0 ? ` Not judged: ${cut.join(' and ')} (the connection closed first, see stays-alive).` : '';
    if (findings.length === 0) {
      const judged = [
        ...(ping?.outcome === 'result' ? ['ping answered {}'] : []),
        ...(unknownMethod?.outcome === 'error' ? ['the unknown method got -32601'] : []),
      ];
      if (judged.length === 0 && cut.length > 0) return skip(cutNote.trim());
      return { status: 'pass', message: sentence(['responses matched their requests', ...judged].join('; ')) + cutNote };
    }
    const status = worst(findings.map((f) => f.status));
    const evidence = findings.flatMap((f) => (f.evidence === undefined ? [] : [f.evidence].flat()));
    const message = sentence(findings.map((f) => f.text).join('; ')) + cutNote;
    return evidence.length > 0 ? { status, message, evidence } : { status, message };
  },
};
