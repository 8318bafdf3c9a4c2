import { staysAlive } from '../../src/checks/stays-alive.js';
import { testCheck } from './check-tester.js';
import { context } from './transcript-builder.js';

testCheck(staysAlive, {
  valid: [{ name: 'alive after the grace period', ctx: context(), status: 'pass', message: /Still running 1\.0 s after the handshake/ }],
  invalid: [
    {
      name: 'a clean exit right after the handshake',
      ctx: context({
        transcript: (t) => {
          t.exit = { code: 0, signal: null, atMs: 410, phase: 'operation' };
          t.aliveAfterGrace = false;
          t.shutdown = { endedBy: 'exited-before', descendantsLeft: [], descendantsSurvived: [] };
        },
      }),
      status: 'fail',
      message: [
        /exited with code 0, 10 ms after the handshake, while answering requests \(last request: "tools\/list"\)/,
        /nothing kept it running/,
      ],
      evidence: /exit: code 0 at 410 ms \(operation\)/,
    },
    {
      name: 'a crash during the grace period with a recognised cause',
      ctx: context({
        transcript: (t) => {
          t.exit = { code: 1, signal: null, atMs: 900, phase: 'grace' };
          t.stderr = { tail: ["Error: Cannot find module 'lodash'"], bytes: 40, lines: 1 };
        },
      }),
      status: 'fail',
      message: [/during the grace period/, /could not find the module 'lodash'/],
    },
    {
      name: 'stdout closed while the process kept running',
      ctx: context({ transcript: (t) => void (t.stdoutClosedAtMs = 650) }),
      status: 'fail',
      message: /closed its stdout 250 ms after the handshake but kept running/,
    },
    {
      name: "an exit on the unknown method is jsonrpc's finding: stays-alive points there",
      ctx: context({
        transcript: (t) => {
          t.unknownMethod = { ...t.unknownMethod!, outcome: 'closed', error: undefined, endedMs: undefined };
          t.messages = t.messages.slice(0, -1);
          t.exit = { code: 1, signal: null, atMs: 422, phase: 'operation' };
          t.shutdown = { ...t.shutdown!, endedBy: 'exited-before' };
        },
      }),
      status: 'skip',
      message: /exited with code 1 when it received the unknown method.*\(see jsonrpc\)/,
    },
    {
      name: 'a crash after the unknown method was answered is not blamed on it',
      ctx: context({
        transcript: (t) => {
          t.exit = { code: 1, signal: null, atMs: 800, phase: 'grace' };
          t.shutdown = { ...t.shutdown!, endedBy: 'exited-before' };
          t.stderr = { tail: ['Error: connect ECONNREFUSED 127.0.0.1:5432'], bytes: 44, lines: 1 };
        },
      }),
      status: 'fail',
      message: [/exited with code 1, 400 ms after the handshake/, /The connection to 127\.0\.0\.1:5432 was refused \(ECONNREFUSED\)/],
    },
    {
      name: 'gone without an exit record',
      ctx: context({ transcript: (t) => void (t.aliveAfterGrace = false) }),
      status: 'fail',
      message: /no longer running/,
    },
    {
      name: 'grace period not reached',
      ctx: context({
        transcript: (t) => {
          t.aliveAfterGrace = undefined;
          t.probeError = 'boom';
        },
      }),
      status: 'skip',
      message: /bug in mcp-preflight/,
    },
  ],
});
