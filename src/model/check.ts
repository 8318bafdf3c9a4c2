import type { ClientBoots } from './boot.js';
import type { ClientProfile } from './profile.js';
import type { ConfigFile, ResolvedServer, SourcePosition, TransportKind } from './spec.js';
import type { Transcript } from './transcript.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface ProbeSettings {
  startupTimeoutMs: number;
  requestTimeoutMs: number;
}

/** Everything a check may read. Checks are pure: no I/O, no clock, no process. */
export interface CheckContext {
  server: ResolvedServer;
  /** Absent when the server was not launched (config problem, remote transport, disabled). */
  transcript?: Transcript;
  /** Why there is no transcript, in words for the skip message (e.g. "disabled in the config"). */
  notLaunchedReason?: string;
  settings: ProbeSettings;
  /** The platform the run happens on (injected so tests can pretend to be Windows). */
  platform: NodeJS.Platform;
  /** Home directory of the runner, for recognising per-user install locations. */
  homeDir: string;
  /** Results of the checks that ran before this one (prerequisites). */
  previous: ReadonlyMap<string, CheckResult[]>;
  /** The clients the server is judged for (absent: the profile of the client whose file declared it). */
  profiles?: readonly ClientProfile[];
  /** Extra sessions: the cold start of a package runner, other clients' launch policies, protocol version offers. */
  boots?: ClientBoots;
}

export interface CheckResult {
  id: string;
  status: CheckStatus;
  /** What was seen and, for warn/fail, how to fix it. Plain text; renderers escape it. */
  message: string;
  /** Raw evidence: offending stdout lines, last stderr lines, exit code. Untrusted text. */
  evidence?: string[];
  /** Where to annotate: a field of the entry, else the entry itself. */
  position?: SourcePosition;
  /** The client profile id the result is about (absent: it concerns every client). */
  client?: string;
}

export type CheckOutcome = Omit<CheckResult, 'id'>;

export interface Check {
  /** Stable kebab-case id; users suppress and search by it. */
  id: string;
  title: string;
  /** General advice, shown with every warn/fail of this check. */
  remediation: string;
  /** Ids that must not have failed or been skipped for this check to run; otherwise it is skipped. */
  requires: string[];
  /** Whether the check needs a transcript (a launched server). */
  needsTranscript: boolean;
  /**
   * The transports the check applies to (absent: every one). On another transport it is skipped as not applicable,
   * and checks that require it are not held back by that.
   */
  transports?: readonly TransportKind[];
  run(ctx: CheckContext): CheckOutcome | CheckOutcome[];
}

/** File-level checks (config-parse) see only the file. */
export interface FileCheck {
  id: string;
  title: string;
  remediation: string;
  run(file: ConfigFile): CheckOutcome;
}
