import type { Shard } from '../shard.js';
import type { Suppression } from './suppression.js';
import type { HiddenArea, IsolationMode, IsolationSettings, NetworkMode } from './isolation.js';
import type { FailOn, Report, ServerReport } from './report.js';

/** One run of the engine, as both entry points (CLI, action) describe it. */
export interface RunOptions {
  /** Files or directories; empty = discover under `root`. */
  paths: string[];
  /** Directory that discovery starts from and that report paths are relative to. */
  root: string;
  /** Only servers with these names (empty = all). */
  servers: string[];
  /**
   * Start commands for remote entries whose server the repository ships (`--start NAME=COMMAND`): each is started
   * under the run's isolation before its server is checked, and stopped with its process tree afterwards.
   */
  start?: Record<string, string>;
  /**
   * A remote entry whose credentials expand to nothing is checked anyway (and fails http-auth), instead of being
   * skipped as in a pull request from a fork, which gets no secrets.
   */
  requireCredentials?: boolean;
  /** Check only this part of the selected servers (a stable partition by config path and name). */
  shard?: Shard;
  /** The matrix leg's label, recorded in the report for a merge (e.g. `windows-latest`). */
  leg?: string;
  startupTimeoutMs: number;
  requestTimeoutMs: number;
  /** How long after the handshake every server must keep running (default 1000). */
  stayAliveMs?: number;
  concurrency: number;
  /** Config files one run may read (default `SETTINGS.maxConfigs`): past it, nothing is checked and `overLimit` says why. */
  maxConfigs?: number;
  /** Servers one run may check (default `SETTINGS.maxServers`): past it, nothing is checked and `overLimit` says why. */
  maxServers?: number;
  /** Point HOME (USERPROFILE on Windows) at an empty temporary directory. */
  freshHome: boolean;
  failOn: FailOn;
  /**
   * Client profile ids to judge every server for (`all` = every profile); empty or absent = the client whose file
   * declared the server.
   */
  clients?: string[];
  /** Offer every protocol version in its own short session. Absent: only when `clients` is given. */
  protocolVersions?: boolean;
  /** Findings accepted on purpose (the suppressions file and the option/input, validated). */
  suppressions?: Suppression[];
  /** Where servers run (default `auto`: the sandbox where it works, else plain processes, with a notice). */
  isolation?: IsolationMode;
  /** The sandbox's or container's network (default `host`). */
  network?: NetworkMode;
  /** The container image for `docker` (default: one per runtime, see `docker-launcher.ts`). */
  image?: string;
  /** The folder servers may see and write (through a throwaway layer) inside a sandbox; default `root`. */
  workspace?: string;
  /** More paths a sandbox hides, e.g. the action's own folder. */
  hide?: HiddenArea[];
  /** The runner's environment: the source of `${VAR}` values; never passed to servers wholesale. */
  env: NodeJS.ProcessEnv;
  /** Called once, before any server starts, with every value expanded from a variable into env/headers/url. */
  onSecrets?: (values: string[]) => void;
  /** Called once the isolation is chosen, before any server starts (the action logs its notice there). */
  onIsolation?: (isolation: IsolationSettings) => void;
  /** Called as each server's turn comes (progress output): its name and where it is declared, as its report says. */
  onServerStart?: (server: ServerStart) => void;
  /** Called as each server finishes (progress output), with its redacted report. */
  onServerDone?: (server: ServerReport) => void;
  /**
   * Cancels the run (SIGINT, SIGTERM): no server starts after it fired, running ones are killed with what they
   * started, and the report is marked cancelled. Its `reason` names the cause (`SIGINT`).
   */
  signal?: AbortSignal;
}

/** A server whose checks begin; `config` and `line` are those of its `ServerReport`. */
export interface ServerStart {
  name: string;
  config: string;
  line: number;
  /** How many servers the run checks. */
  total: number;
}

export interface RunResult {
  report: Report;
  /** Explicit paths that did not exist. */
  missing: string[];
  /** Discovery stopped at its entry budget: config files in the rest of the tree were not looked for. */
  discoveryTruncated: boolean;
  /** Names in `servers` that no config declares (then no server was launched): a usage error. */
  unknownServers: UnknownServer[];
  /** More config files or servers than the run's bound: nothing was checked (a usage error for the entry points). */
  overLimit?: OverLimit;
}

export interface UnknownServer {
  name: string;
  /** Where the name was given: the server selection or a start command. */
  given: 'servers' | 'start';
  /** Declared names it is probably a typo of, closest first. */
  suggestions: string[];
}

export interface OverLimit {
  what: 'config files' | 'servers';
  /** How many were found (config files: at least this many; discovery stops counting past the bound). */
  found: number;
  limit: number;
  /** The setting that raises the bound, as `--max-configs` / `max-configs` name it (without the prefix). */
  setting: 'max-configs' | 'max-servers';
}
