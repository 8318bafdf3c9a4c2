import type { Check, CheckOutcome } from '../model/check.js';
import type { ShutdownRecord } from '../model/transcript.js';
import { fail, pass, skip, warn, worst } from './util/outcome.js';
import { count, excerpt, formatMs, listSome } from './util/text.js';

const EXIT_ON_EOF =
  'Exit when stdin ends: in Node, `process.stdin.on("end", () => process.exit(0))` or close the server in ' +
  '`transport.onclose`; make sure no timer, socket or child process keeps the event loop alive.';

function judgeExit(shutdown: ShutdownRecord): CheckOutcome {
  const after = shutdown.exitAfterMs === undefined ? '' : ` ${formatMs(shutdown.exitAfterMs)} after stdin closed`;
  const onClose = shutdown.exitAfterMs === undefined ? ' when stdin closed' : after;
  switch (shutdown.endedBy) {
    case 'exited-before':
      return skip('The process had already exited before shutdown (see stays-alive).');
    case 'stdin-close':
      return pass(`Exited${onClose}.`);
    case 'sigterm':
      return warn(
        `The server did not exit when stdin closed; it ended only on SIGTERM${after}. Clients wait for it (the SDK waits 2 s ` +
          `before SIGTERM), and stdin closing is the only portable shutdown signal (on Windows, SIGTERM is a hard kill). ${EXIT_ON_EOF}`,
      );
    case 'sigkill':
      return fail(
        `The server ignored both stdin closing and SIGTERM and had to be killed with SIGKILL${after}: it cannot clean up, and ` +
          `clients that do not escalate leave it running. ${EXIT_ON_EOF} Do not trap SIGTERM without exiting.`,
      );
    case 'unknown':
      return fail('The process was not seen exiting, even after SIGKILL.');
  }
}

function judgeDescendants(shutdown: ShutdownRecord): CheckOutcome | undefined {
  const left = shutdown.descendantsLeft;
  if (left.length === 0 && shutdown.descendantsSurvived.length === 0) return undefined;
  const names = left.map((d) => `${d.pid}${d.command ? ` (${excerpt(d.command, 80)})` : ''}`);
  const survived =
    shutdown.descendantsSurvived.length > 0
      ? ` ${count(shutdown.descendantsSurvived.length, 'process', 'processes')} survived even that: ${listSome(shutdown.descendantsSurvived.map(String))}.`
      : '';
  const grace = shutdown.leftoverGraceMs ? ` (still running ${formatMs(shutdown.leftoverGraceMs)} later)` : '';
  return warn(
    `The server left ${count(left.length, 'child process', 'child processes')} running after it exited${grace}: ${listSome(names)}. ` +
      `mcp-preflight killed ${left.length === 1 ? 'it' : 'them'}; in a client they leak each time the server restarts.${survived} End child processes when the ` +
      'server exits (kill them in an exit handler, or run them in the same process group and signal the group).',
    { evidence: names.map((n) => `left running: pid ${n}`) },
  );
}

export const shutdown: Check = {
  id: 'shutdown',
  title: 'Exits when stdin closes, leaving no processes behind',
  remediation:
    'Clients shut a stdio server down by closing its stdin, then SIGTERM, then SIGKILL. Exit promptly when stdin ends and ' +
    'stop every child process you started.',
  requires: ['spawn'],
  needsTranscript: true,
  transports: ['stdio'],
  run({ transcript }) {
    if (!transcript) return skip('The server was not launched.');
    const record = transcript.shutdown;
    if (!record) return skip('The probe did not run the shutdown sequence.');
    const exit = judgeExit(record);
    const descendants = judgeDescendants(record);
    if (!descendants) return exit;
    if (exit.status === 'skip') return descendants;
    const status = worst([exit.status, descendants.status]);
    return { status, message: `${exit.message} ${descendants.message}`, ...(descendants.evidence && { evidence: descendants.evidence }) };
  },
};
