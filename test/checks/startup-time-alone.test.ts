// startup-time judged on the start measured alone when the one taken beside the run's other sessions was over a budget.
import { startupTime } from '../../src/checks/startup-time.js';
import type { ClientBoots } from '../../src/model/boot.js';
import type { CheckContext } from '../../src/model/check.js';
import type { Transcript } from '../../src/model/transcript.js';
import { codex } from '../../src/profiles/codex.js';
import { startedBoot } from '../profiles/boots.js';
import { testCheck } from './check-tester.js';
import { context } from './transcript-builder.js';

/** The main probe took 11.4 s to initialize beside 6 other sessions (MongoDB under `--client all`). */
function contended(t: Transcript): void {
  t.startupMs = 11_400;
  t.initialize = { ...t.initialize!, startedMs: 5, endedMs: 11_405 };
  t.lists.tools!.pages = [{ ...t.lists.tools!.pages[0]!, startedMs: 11_410, endedMs: 11_430 }];
  t.concurrentSessions = 6;
}

/** Started again alone: initialize after `startupMs`, the first tools/list 30 ms later. */
function alone(startupMs: number | undefined): ClientBoots {
  const boot = startedBoot(undefined, startupMs ?? 100);
  if (startupMs === undefined) {
    delete boot.startupMs;
    boot.requests = [{ ...boot.requests[0]!, outcome: 'timeout' }];
  } else boot.toolsListedMs = startupMs + 30;
  return { policies: {}, alone: { boot, contended: { startupMs: 11_400, toolsListedMs: 11_425, concurrentSessions: 6 } } };
}

const judged = (boots?: ClientBoots): CheckContext => ({
  ...context({ transcript: contended }),
  profiles: [codex],
  ...(boots && { boots }),
});

testCheck(startupTime, {
  valid: [
    {
      name: 'slow only beside the run’s own sessions: 4 s alone',
      ctx: judged(alone(4_000)),
      status: 'pass',
      message:
        /initialize answered in 4\.0 s \(measured alone, with nothing else of this run in flight; beside 6 other sessions of this run it had taken 11\.4 s\)/,
    },
  ],
  invalid: [
    {
      name: 'slow alone too',
      ctx: judged(alone(10_500)),
      status: 'fail',
      message:
        /Codex: the server took 10\.5 s to answer initialize and the first tools\/list \(measured alone, with nothing else of this run in flight; beside 6 other sessions of this run it had taken 11\.4 s\); Codex waits 10\.0 s/,
    },
    {
      name: 'started again alone, it did not answer: judged on the contended start, said so',
      ctx: judged(alone(undefined)),
      status: 'fail',
      message:
        /took 11\.4 s to answer initialize and the first tools\/list \(measured beside 6 other sessions of this run; started again alone, it did not answer initialize\)/,
    },
  ],
});
