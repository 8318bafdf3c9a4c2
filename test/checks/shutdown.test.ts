import { shutdown } from '../../src/checks/shutdown.js';
import type { ShutdownRecord } from '../../src/model/transcript.js';
import { testCheck } from './check-tester.js';
import { context } from './transcript-builder.js';

function ended(patch: Partial<ShutdownRecord>) {
  return context({ transcript: (t) => void (t.shutdown = { ...t.shutdown!, ...patch }) });
}

testCheck(shutdown, {
  valid: [{ name: 'exits on stdin close', ctx: context(), status: 'pass', message: /^Exited 25 ms after stdin closed\.$/ }],
  invalid: [
    {
      name: 'only after SIGTERM',
      ctx: ended({ endedBy: 'sigterm', exitAfterMs: 2010 }),
      status: 'warn',
      message: [/ended only on SIGTERM 2\.0 s after stdin closed/, /process\.stdin\.on\("end"/],
    },
    { name: 'only after SIGKILL', ctx: ended({ endedBy: 'sigkill', exitAfterMs: 4020 }), status: 'fail', message: /killed with SIGKILL/ },
    { name: 'never seen exiting', ctx: ended({ endedBy: 'unknown', exitAfterMs: undefined }), status: 'fail' },
    {
      name: 'children left behind',
      ctx: ended({ descendantsLeft: [{ pid: 5001, command: 'node worker.js' }, { pid: 5002 }] }),
      status: 'warn',
      message: [
        /Exited 25 ms after stdin closed/,
        /left 2 child processes running after it exited: 5001 \(node worker\.js\), 5002/,
        /killed them/,
      ],
      evidence: /left running: pid 5001 \(node worker\.js\)/,
    },
    {
      name: 'SIGKILL and children: the worst wins',
      ctx: ended({ endedBy: 'sigkill', descendantsLeft: [{ pid: 7 }], descendantsSurvived: [7] }),
      status: 'fail',
      message: /1 process survived even that: 7/,
    },
    {
      name: 'already gone before shutdown',
      ctx: ended({ endedBy: 'exited-before', exitAfterMs: undefined }),
      status: 'skip',
      message: /see stays-alive/,
    },
    {
      name: 'a helper still running when the grace after the exit ended',
      ctx: ended({ descendantsLeft: [{ pid: 5003, command: 'node …/pkg/helper.js (+2 arguments)' }], leftoverGraceMs: 5000 }),
      status: 'warn',
      message:
        /left 1 child process running after it exited \(still running 5\.0 s later\): 5003 \(node …\/pkg\/helper\.js \(\+2 arguments\)\)/,
    },
    {
      name: 'already gone, but children left',
      ctx: ended({ endedBy: 'exited-before', descendantsLeft: [{ pid: 9, command: 'sleep 1000' }] }),
      status: 'warn',
    },
  ],
});
