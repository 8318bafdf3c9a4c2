import type { Check, CheckStatus } from '../model/check.js';
import type { ListKind } from '../model/transcript.js';
import { serverCapabilities } from './util/handshake.js';
import { listProblem } from './util/lists.js';
import { skip, worst } from './util/outcome.js';
import { count, excerpt } from './util/text.js';

/** The list methods behind the capabilities this check judges (tools have their own check, tools-list). */
const judged: Array<{ capability: string; kind: ListKind; optional: boolean }> = [
  { capability: 'prompts', kind: 'prompts', optional: false },
  { capability: 'resources', kind: 'resources', optional: false },
  // Servers that advertise resources often have no templates; a -32601 there is tolerated by clients.
  { capability: 'resources', kind: 'resourceTemplates', optional: true },
];

export const capabilities: Check = {
  id: 'capabilities',
  title: 'Advertised prompts and resources answer',
  remediation:
    'Advertise a capability only when its methods are implemented: `prompts` needs prompts/list, `resources` needs ' +
    'resources/list (and ideally resources/templates/list). Every list answers promptly and its pagination ends.',
  requires: ['handshake'],
  needsTranscript: true,
  run({ transcript, settings }) {
    if (!transcript) return skip('The server was not launched.');
    const caps = serverCapabilities(transcript);
    const advertised = Object.keys(caps);
    const statuses: CheckStatus[] = [];
    const problems: string[] = [];
    const evidence: string[] = [];
    const answered: string[] = [];
    for (const { capability, kind, optional } of judged) {
      if (!(capability in caps)) continue;
      const list = transcript.lists[kind];
      if (!list) {
        problems.push(`"${capability}" is advertised but its list was not requested (the session ended first).`);
        statuses.push('skip');
        continue;
      }
      const problem = listProblem(list, settings);
      if (!problem) {
        answered.push(`${list.method}: ${count(list.itemCount, 'item')}`);
        statuses.push('pass');
        continue;
      }
      const advice = problem.notImplemented ? ` Implement it or stop advertising "${capability}".` : '';
      problems.push(`${problem.text}${advice}`);
      evidence.push(...problem.evidence);
      statuses.push(problem.cutShort ? 'skip' : problem.notImplemented && optional ? 'warn' : 'fail');
    }
    const others = advertised.filter((c) => !judged.some((j) => j.capability === c)).map((c) => excerpt(c, 40));
    const rest =
      others.length > 0
        ? ` Also advertised: ${others.join(', ')}${others.includes('tools') ? ' (tools are judged by tools-list)' : ''}.`
        : '';
    if (statuses.length === 0) return { status: 'pass', message: `No prompts or resources advertised.${rest}` };
    const status = worst(statuses);
    if (problems.length === 0) return { status, message: `${answered.join('; ')}.${rest}` };
    const message = `${problems.join(' ')}${answered.length > 0 ? ` Answered: ${answered.join('; ')}.` : ''}${rest}`;
    return evidence.length > 0 ? { status, message, evidence } : { status, message };
  },
};
