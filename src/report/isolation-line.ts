import type { IsolationSettings } from '../model/isolation.js';

/**
 * The run's isolation in one sentence, for the terminal and the job summary: the mode, what builds it, its network,
 * and what it means. Followed by the notice of a fallback and the limits of this boundary, one line each.
 */
export function describeIsolation(isolation: IsolationSettings): string[] {
  const details = [isolation.tool, isolation.image && `image ${isolation.image}`, `network ${isolation.network}`].filter(Boolean);
  const meaning: Record<IsolationSettings['effective'], string> = {
    sandbox: "servers cannot see the runner's files, environment or processes, and nothing they start outlives them",
    docker: 'servers run in throwaway containers that see the image and the workspace only',
    process: "servers run as plain processes of the runner's user: a convenience, not a security boundary",
  };
  const requested = isolation.requested !== isolation.effective ? ` (${isolation.requested})` : '';
  return [
    `Isolation: ${isolation.effective}${requested}, ${details.join(', ')}: ${meaning[isolation.effective]}.`,
    ...(isolation.notice ? [isolation.notice] : []),
    ...isolation.limits.filter((limit) => isolation.effective !== 'process' || !limit.startsWith('Servers run as plain')),
  ];
}
