import { jsonrpc } from '../../src/checks/jsonrpc.js';
import type { JsonRpcMessage, RequestRecord, Transcript } from '../../src/model/transcript.js';
import { testCheck } from './check-tester.js';
import { context } from './transcript-builder.js';

const inbound = (message: JsonRpcMessage) => (t: Transcript) =>
  void t.messages.push({ direction: 'in', atMs: 500, phase: 'operation', message });

function unknownMethod(patch: Partial<RequestRecord>) {
  return context({ transcript: (t) => void (t.unknownMethod = { ...t.unknownMethod!, ...patch }) });
}

/** The server died while the unknown method was pending: the last request it got. */
const diedOnUnknownMethod = (stderr: string[] = []) =>
  context({
    transcript: (t) => {
      t.unknownMethod = { ...t.unknownMethod!, outcome: 'closed', error: undefined, endedMs: undefined };
      t.messages = t.messages.slice(0, -1);
      t.exit = { code: 1, signal: null, atMs: 424, phase: 'operation' };
      t.shutdown = { ...t.shutdown!, endedBy: 'exited-before' };
      t.stderr = { tail: stderr, bytes: 0, lines: stderr.length };
    },
  });

function ping(patch: Partial<RequestRecord>) {
  return context({ transcript: (t) => void (t.ping = { ...t.ping!, ...patch }) });
}

testCheck(jsonrpc, {
  valid: [
    {
      name: 'a server that answered -32601 and died later is not blamed for the unknown method',
      ctx: context({
        transcript: (t) => {
          t.exit = { code: 1, signal: null, atMs: 800, phase: 'grace' };
          t.shutdown = { ...t.shutdown!, endedBy: 'exited-before' };
        },
      }),
      status: 'pass',
      message: /the unknown method got -32601/,
    },
    {
      name: 'a healthy session',
      ctx: context(),
      status: 'pass',
      message: /Responses matched their requests; ping answered \{\}; the unknown method got -32601/,
    },
    { name: 'ping with only _meta', ctx: ping({ result: { _meta: { trace: 'x' } } }), status: 'pass' },
    {
      name: 'a request cut short by an exit is left to stays-alive',
      ctx: unknownMethod({ outcome: 'closed', error: undefined }),
      status: 'pass',
      message: /ping answered \{\}\. Not judged: the unknown method \(the connection closed first, see stays-alive\)/,
    },
    {
      name: 'an unknown method that never reached the server (its stdin was gone) is not blamed for the exit after it',
      ctx: context({
        transcript: (t) => {
          t.unknownMethod = { ...t.unknownMethod!, outcome: 'closed', error: undefined, id: undefined, endedMs: 421 };
          t.messages = t.messages.slice(0, -2);
          t.exit = { code: 1, signal: null, atMs: 424, phase: 'operation' };
          t.shutdown = { ...t.shutdown!, endedBy: 'exited-before' };
        },
      }),
      status: 'pass',
      message: /Not judged: the unknown method \(the connection closed first, see stays-alive\)/,
    },
    {
      name: 'nothing judged when the connection closed before ping',
      ctx: context({
        transcript: (t) => {
          t.ping = { ...t.ping!, outcome: 'closed', result: undefined };
          t.unknownMethod = undefined;
        },
      }),
      status: 'skip',
      message: /Not judged: ping/,
    },
    {
      name: 'notifications from the server are fine',
      ctx: context({ transcript: inbound({ jsonrpc: '2.0', method: 'notifications/message', params: {} }) }),
      status: 'pass',
    },
  ],
  invalid: [
    {
      name: 'a response to no request',
      ctx: context({ transcript: inbound({ jsonrpc: '2.0', id: 99, result: {} }) }),
      status: 'fail',
      message: /A response carries id 99, which matches no request/,
      evidence: /"id":99/,
    },
    {
      name: 'a request answered twice',
      ctx: context({ transcript: inbound({ jsonrpc: '2.0', id: 1, result: {} }) }),
      status: 'fail',
      message: /Request 1 was answered twice/,
    },
    {
      name: 'a response with both result and error',
      ctx: context({ transcript: inbound({ jsonrpc: '2.0', id: 50, result: {}, error: { code: 1, message: 'x' } }) }),
      status: 'fail',
      message: /has both "result" and "error"/,
    },
    {
      name: 'a non-integer error code',
      ctx: context({ transcript: inbound({ jsonrpc: '2.0', id: 3, error: { code: 1.5, message: 'x' } }) }),
      status: 'fail',
      message: /error "code" is not an integer/,
    },
    {
      name: 'ping returns an error',
      ctx: ping({ outcome: 'error', result: undefined, error: { code: -32601, message: 'Method not found' } }),
      status: 'fail',
      message: /MUST be answered with \{\}/,
    },
    {
      name: 'ping is never answered',
      ctx: ping({ outcome: 'timeout', result: undefined }),
      status: 'fail',
      message: /no answer within 10\.0 s/,
    },
    { name: 'ping answers with data', ctx: ping({ result: { pong: true } }), status: 'warn', message: /\{"pong":true\} instead of \{\}/ },
    {
      name: 'another error code instead of -32601',
      ctx: unknownMethod({ error: { code: -32603, message: 'Internal error' } }),
      status: 'warn',
      message: /got error -32603 instead of -32601/,
    },
    {
      name: 'a result for an unknown method',
      ctx: unknownMethod({ outcome: 'result', error: undefined, result: {} }),
      status: 'warn',
      message: /got a result/,
    },
    {
      name: 'a server that exits on the unknown method fails here, the cause, with its exit and stderr',
      ctx: diedOnUnknownMethod(['TypeError: handlers[method] is not a function']),
      status: 'fail',
      message: [
        /exited with code 1 3 ms after it received the unknown method "mcp-preflight\/unknown-method", without answering it/,
        /Answer unknown methods with error -32601/,
      ],
      evidence: [/exit: code 1 at 424 ms \(operation\)/, /stderr: TypeError: handlers\[method\] is not a function/],
    },
    {
      name: 'an unknown method hangs',
      ctx: unknownMethod({ outcome: 'timeout', error: undefined }),
      status: 'fail',
      message: /Request timed out/,
    },

    {
      name: 'several findings are combined, worst status wins',
      ctx: context({
        transcript: (t) => {
          t.ping = { ...t.ping!, result: { pong: true } };
          t.unknownMethod = { ...t.unknownMethod!, outcome: 'timeout', error: undefined };
        },
      }),
      status: 'fail',
      message: /instead of \{\}.*; the unknown method/,
    },
  ],
});
