// stdout ending is the server's doing only before the shutdown closed its stdin, however close the two are in time.
import { staysAlive } from '../../src/checks/stays-alive.js';
import { testCheck } from './check-tester.js';
import { context } from './transcript-builder.js';

/** Handshake at 400 ms, a 1 s window: the shutdown closed stdin at `stdinClosedAtMs`, stdout ended at `stdoutClosedAtMs`. */
const closed = (stdinClosedAtMs: number, stdoutClosedAtMs: number) =>
  context({
    transcript: (t) => {
      t.shutdown = { ...t.shutdown!, stdinClosedAtMs };
      t.stdoutClosedAtMs = stdoutClosedAtMs;
    },
  });

testCheck(staysAlive, {
  valid: [
    {
      name: 'stdout ended by the shutdown in the very millisecond the window ended',
      ctx: closed(1400, 1400),
      status: 'pass',
      message: /Still running 1\.0 s after the handshake/,
    },
  ],
  invalid: [
    {
      name: 'stdout ended a millisecond before the shutdown began',
      ctx: closed(1400, 1399),
      status: 'fail',
      message: /closed its stdout 999 ms after the handshake but kept running/,
    },
  ],
});
