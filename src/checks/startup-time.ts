import type { Check, CheckOutcome } from '../model/check.js';
import type { ClientProfile, StartupBudget } from '../model/profile.js';
import { selectProfiles } from '../profiles/index.js';
import { budgetFor, bootTiming, measuredAgainst, slowestToolsPage, transcriptTiming, type StartupTiming } from '../profiles/startup.js';
import { packageRunnerOf } from '../probe/package-runner.js';
import { fail, pass, skip, warn } from './util/outcome.js';
import { fieldPosition } from './util/position.js';
import { count, excerpt, formatMs, listSome } from './util/text.js';

/**
 * Time to start against each selected client's startup budget. For a server launched through a package runner
 * (`npx -y`, `uvx`…) whose first start was over a budget or timed out, a second start ran: the first one, which may
 * have downloaded the package, is reported apart from the warm one, so a cold cache does not read as a slow server
 * and a slow server is not excused by the cache.
 */

function what(budget: StartupBudget): string {
  return budget.includesToolsList ? 'to answer initialize and the first tools/list' : 'to answer initialize';
}

function budgetText(profile: ClientProfile, budget: StartupBudget): string {
  return `${profile.name} waits ${formatMs(budget.timeoutMs)} (${budget.setting})`;
}

export const startupTime: Check = {
  id: 'startup-time',
  title: "Starts within each selected client's startup timeout",
  remediation:
    'Answer `initialize` first and do slow set-up (indexes, logins, downloads) afterwards or lazily, on the first tool ' +
    'call. For a package-runner server, pin and pre-install the package (a dependency, `npm i -g`, `uv tool install`) ' +
    "so the first start does not download it; the client's timeout setting is the last resort.",
  requires: ['handshake'],
  needsTranscript: true,
  run({ server, transcript, boots, profiles: selected, settings }) {
    if (!transcript) return skip('The server was not launched.');
    const main = transcriptTiming(transcript);
    if (!main) return pass('No startup time was recorded.');
    const profiles = selected ?? selectProfiles([], server.spec.client);
    const runner = packageRunnerOf(server.command, server.args) ?? 'the package runner';
    const restart = boots?.restart;
    const other = restart && bootTiming(restart.boot);
    // Without a second start, the main probe's is the only (first) one.
    const judged: StartupTiming = restart?.mainWas === 'cold' ? (other ?? main) : main;
    // A start the run's own parallel sessions slowed down was measured again alone: that measurement is the one judged.
    const alone = boots?.alone;
    const aloneTiming = alone && bootTiming(alone.boot);
    const warm: StartupTiming = aloneTiming ?? judged;
    const which = (budget: StartupBudget) => {
      if (!alone) return '';
      const beside = `beside ${count(alone.contended.concurrentSessions, 'other session')} of this run`;
      const contended = measuredAgainst({ initialize: alone.contended.startupMs, toolsListed: alone.contended.toolsListedMs }, budget);
      return aloneTiming
        ? ` (measured alone, with nothing else of this run in flight; ${beside} it had taken ${formatMs(contended)})`
        : ` (measured ${beside}; started again alone, it did not answer initialize)`;
    };
    const cold: StartupTiming | 'no answer' | undefined = !restart ? undefined : restart.mainWas === 'cold' ? main : (other ?? 'no answer');
    const position = fieldPosition(server.spec, 'command');
    const outcomes: CheckOutcome[] = [];

    for (const profile of profiles) {
      const budget = budgetFor(profile, server.spec);
      if (budget && measuredAgainst(warm, budget) > budget.timeoutMs) {
        const warmly = restart ? ' on a warm start (the package already fetched)' : '';
        outcomes.push({
          ...fail(
            `${profile.name}: the server took ${formatMs(measuredAgainst(warm, budget))} ${what(budget)}${warmly}${which(budget)}; ` +
              `${budgetText(profile, budget)} and then gives up (the server never appears there).`,
            { position },
          ),
          client: profile.id,
        });
      } else if (budget && cold !== undefined && (cold === 'no answer' || measuredAgainst(cold, budget) > budget.timeoutMs)) {
        const took =
          cold === 'no answer'
            ? `did not answer initialize within ${formatMs(settings.startupTimeoutMs)}`
            : `took ${formatMs(measuredAgainst(cold, budget))} ${what(budget)}`;
        outcomes.push({
          ...warn(
            `${profile.name}: the first start through ${excerpt(runner, 30)} (fetching the package) ${took}; ${budgetText(profile, budget)}, ` +
              `so a user's first start fails until the cache is warm. A warm start took ${formatMs(measuredAgainst(warm, budget))}.`,
            { position },
          ),
          client: profile.id,
        });
      }
      const listBudget = profile.listTimeoutMs;
      const aloneList = alone?.boot.requests.find((r) => r.method === 'tools/list' && r.outcome === 'result');
      const slowest = aloneList?.endedMs !== undefined ? aloneList.endedMs - aloneList.startedMs : slowestToolsPage(transcript);
      if (listBudget !== undefined && slowest > listBudget) {
        outcomes.push({
          ...fail(
            `${profile.name}: a tools/list page took ${formatMs(slowest)}${aloneList ? ' (measured alone, with nothing else of this run in flight)' : ''}; ${profile.name} waits ${formatMs(listBudget)} ` +
              'for list requests, so it shows no tools.',
            { position },
          ),
          client: profile.id,
        });
      }
    }
    if (outcomes.length > 0) return outcomes;

    const budgets = profiles.flatMap((p) => {
      const budget = budgetFor(p, server.spec);
      return budget ? [`${p.name} ${formatMs(budget.timeoutMs)}`] : [];
    });
    const within = budgets.length > 0 ? `within ${listSome(budgets, 12)}` : 'no selected client documents a startup timeout';
    const first =
      cold === undefined
        ? ''
        : cold === 'no answer'
          ? '; the first start timed out'
          : `; the first start through ${excerpt(runner, 30)} took ${formatMs(cold.initialize)}`;
    const measuredAlone = aloneTiming
      ? ` (measured alone, with nothing else of this run in flight; beside ${count(alone!.contended.concurrentSessions, 'other session')} of this run it had taken ${formatMs(alone!.contended.startupMs)})`
      : '';
    return pass(`initialize answered in ${formatMs(warm.initialize)}${restart ? ' (warm start)' : ''}${measuredAlone}${first}: ${within}.`);
  },
};
