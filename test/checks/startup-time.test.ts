import { startupTime } from '../../src/checks/startup-time.js';
import type { ClientBoots } from '../../src/model/boot.js';
import type { CheckContext } from '../../src/model/check.js';
import type { ClientProfile } from '../../src/model/profile.js';
import type { ResolvedServer } from '../../src/model/spec.js';
import type { Transcript } from '../../src/model/transcript.js';
import { claudeCode } from '../../src/profiles/claude-code.js';
import { cline } from '../../src/profiles/cline.js';
import { codex } from '../../src/profiles/codex.js';
import { continueDev } from '../../src/profiles/continue.js';
import { cursor } from '../../src/profiles/cursor.js';
import { zed } from '../../src/profiles/zed.js';
import { startedBoot } from '../profiles/boots.js';
import { testCheck } from './check-tester.js';
import { context, type ContextOptions } from './transcript-builder.js';

function judged(profiles: readonly ClientProfile[], options: ContextOptions & { boots?: ClientBoots } = {}): CheckContext {
  const { boots, ...rest } = options;
  return { ...context(rest), profiles, ...(boots && { boots }) };
}

/** The warm start answered initialize after `startupMs`, and tools/list `listMs` later (one page). */
function timed(startupMs: number, listMs = 14) {
  return (t: Transcript) => {
    t.startupMs = startupMs;
    t.initialize = { ...t.initialize!, startedMs: 5, endedMs: 5 + startupMs };
    const page = t.lists.tools!.pages[0]!;
    t.lists.tools!.pages = [{ ...page, startedMs: 10 + startupMs, endedMs: 10 + startupMs + listMs }];
  };
}

const npx = (s: ResolvedServer) => {
  Object.assign(s, { command: 'npx', args: ['-y', '@acme/mcp-server'] });
};

/** The main probe was the first start; a second, warm one took `startupMs`. */
const warmAfter = (startupMs: number, toolsListedMs = startupMs + 30): ClientBoots => ({
  policies: {},
  restart: { boot: { ...startedBoot(undefined, startupMs), toolsListedMs }, mainWas: 'cold' },
});

testCheck(startupTime, {
  valid: [
    {
      name: "fast, within Claude Code's 30 s",
      ctx: context({ transcript: timed(398) }),
      status: 'pass',
      message: /initialize answered in 398 ms: within Claude Code 30\.0 s/,
    },
    {
      name: 'a first start through npx within the budget needs no second start',
      ctx: judged([claudeCode], { server: npx, transcript: timed(12_000) }),
      status: 'pass',
      message: /initialize answered in 12\.0 s: within Claude Code 30\.0 s/,
    },
    {
      name: 'a slow first start through npx does not make a fast server slow',
      ctx: judged([claudeCode], { server: npx, transcript: timed(12_000), boots: warmAfter(800) }),
      status: 'pass',
      message: /800 ms \(warm start\); the first start through npx took 12\.0 s: within Claude Code 30\.0 s/,
    },
    {
      name: 'a client without a documented budget',
      ctx: judged([cursor], { transcript: timed(45_000) }),
      status: 'pass',
      message: /no selected client documents a startup timeout/,
    },
    { name: "50 s is within Zed's 60 s", ctx: judged([zed], { transcript: timed(50_000) }), status: 'pass' },
    {
      name: "the declaring client's entry raises its budget (Codex startup_timeout_sec = 30)",
      ctx: judged([codex], {
        transcript: timed(20_000),
        server: (s) => {
          s.spec.client = 'codex';
          s.spec.startupTimeoutMs = 30_000;
        },
      }),
      status: 'pass',
      message: /within Codex 30\.0 s/,
    },
  ],
  invalid: [
    {
      name: "slower than Codex's 10 s, counting the first tools/list",
      ctx: judged([claudeCode, codex], { transcript: timed(9_000, 1_500) }),
      status: 'fail',
      message: /Codex: the server took 10\.5 s to answer initialize and the first tools\/list; Codex waits 10\.0 s \(startup_timeout_sec\)/,
      outcomes: 1,
      position: { line: 4, column: 18 },
    },
    {
      name: 'a slow warm start through npx is not hidden behind the cache',
      ctx: judged([continueDev], { server: npx, transcript: timed(40_000), boots: warmAfter(25_000) }),
      status: 'fail',
      message:
        /Continue: the server took 25\.0 s to answer initialize on a warm start \(the package already fetched\); Continue waits 20\.0 s/,
    },
    {
      name: 'a first start that downloads for longer than Codex waits',
      ctx: judged([codex], { server: npx, transcript: timed(14_000, 30), boots: warmAfter(700) }),
      status: 'warn',
      message: [/Codex: the first start through npx \(fetching the package\) took 14\.0 s/, /A warm start took 7\d\d ms/],
    },
    {
      name: 'a first start that timed out, and a warm main probe',
      ctx: judged([claudeCode], {
        server: npx,
        transcript: timed(700),
        boots: { policies: {}, restart: { boot: { ...startedBoot(), startupMs: undefined } as never, mainWas: 'warm' } },
      }),
      status: 'warn',
      message: /did not answer initialize within 30\.0 s/,
    },
    {
      name: 'a tools/list page slower than Cline waits',
      ctx: judged([cline], { transcript: timed(300, 6_000) }),
      status: 'fail',
      message: /Cline: a tools\/list page took 6\.0 s; Cline waits 5\.0 s for list requests/,
    },
  ],
});
