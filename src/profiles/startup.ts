import type { BootRecord } from '../model/boot.js';
import type { ClientProfile, StartupBudget } from '../model/profile.js';
import type { ServerSpec } from '../model/spec.js';
import type { Transcript } from '../model/transcript.js';
import { handshakeAnswer } from '../checks/util/handshake.js';

/** Time to start, from the launch: to the initialize result, and to the end of the first tools/list. */
export interface StartupTiming {
  initialize: number;
  toolsListed?: number;
}

/** The client's startup budget; the declaring client's own entry may set it (Codex `startup_timeout_sec`…). */
export function budgetFor(profile: ClientProfile, spec: ServerSpec): StartupBudget | undefined {
  if (profile.id !== spec.client || spec.startupTimeoutMs === undefined) return profile.startup;
  return { timeoutMs: spec.startupTimeoutMs, includesToolsList: profile.startup?.includesToolsList ?? false, setting: 'set in this entry' };
}

/** What the budget is measured against: initialize, or initialize plus the first tools/list (Codex). */
export function measuredAgainst(timing: StartupTiming, budget: StartupBudget): number {
  return budget.includesToolsList ? (timing.toolsListed ?? timing.initialize) : timing.initialize;
}

/** The selected clients whose budget the timing exceeds. */
export function overBudget(timing: StartupTiming, profiles: readonly ClientProfile[], spec: ServerSpec): ClientProfile[] {
  return profiles.filter((profile) => {
    const budget = budgetFor(profile, spec);
    return budget !== undefined && measuredAgainst(timing, budget) > budget.timeoutMs;
  });
}

/** The main probe's timing; the list pages' times are on the same clock as initialize's. */
export function transcriptTiming(transcript: Transcript): StartupTiming | undefined {
  const init = handshakeAnswer(transcript);
  if (transcript.startupMs === undefined || init?.endedMs === undefined) return undefined;
  const lastPage = transcript.lists.tools?.pages.filter((p) => p.outcome === 'result').at(-1);
  const launchedAt = init.endedMs - transcript.startupMs;
  return { initialize: transcript.startupMs, ...(lastPage?.endedMs !== undefined && { toolsListed: lastPage.endedMs - launchedAt }) };
}

/** The longest a tools/list page of the session took (0 without one). */
export function slowestToolsPage(transcript: Transcript): number {
  return Math.max(0, ...(transcript.lists.tools?.pages ?? []).map((p) => (p.endedMs ?? p.startedMs) - p.startedMs));
}

export function bootTiming(boot: BootRecord): StartupTiming | undefined {
  if (boot.startupMs === undefined) return undefined;
  return { initialize: boot.startupMs, ...(boot.toolsListedMs !== undefined && { toolsListed: boot.toolsListedMs }) };
}
