import { DEFAULT_TREE_LIMITS, type TreeLimits } from '../launch/process-tree.js';
import { DEFAULT_FRAMER_LIMITS, type FramerLimits } from './line-framer.js';
import { DEFAULT_MESSAGE_LIMITS, type MessageLimits } from './exchange.js';
import { DEFAULT_STDERR_LIMITS, type StderrLimits } from './stderr-tail.js';

/** Every cap and bound of one probe session: what is kept per server, and how long each wait may last. */
export interface ProbeLimits extends FramerLimits, MessageLimits, StderrLimits, TreeLimits {
  /** Pages requested per list method before giving up ('page-limit'). */
  maxPages: number;
  /** List items kept across all lists (the rest are counted). */
  maxListItems: number;
  /** Wire bytes of the list pages whose items are kept. */
  maxListBytes: number;
  /** Whole operation phase (ping, lists, unknown method), as a multiple of the request timeout. */
  operationBudgetRequests: number;
  /** After the exit event, how long stdout may still deliver what the server wrote before exiting. */
  exitDrainMs: number;
  /** Wait for the exit after SIGKILL. */
  killWaitMs: number;
}

export const DEFAULT_PROBE_LIMITS: ProbeLimits = {
  ...DEFAULT_FRAMER_LIMITS,
  ...DEFAULT_MESSAGE_LIMITS,
  ...DEFAULT_STDERR_LIMITS,
  ...DEFAULT_TREE_LIMITS,
  maxPages: 100,
  maxListItems: 10_000,
  maxListBytes: 16 * 1024 * 1024,
  operationBudgetRequests: 3,
  exitDrainMs: 200,
  killWaitMs: 2000,
};
