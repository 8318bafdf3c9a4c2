/**
 * Where servers run: as plain processes of the runner's user, in a bubblewrap sandbox, or in a Docker container.
 * Shared by the launch layer (which builds the boundary), the checks (which read what it saw) and the report.
 */

/** What the user asks for; `auto` is the strongest mode this machine offers. */
export type IsolationMode = 'auto' | 'sandbox' | 'docker' | 'process';

/** The mode a server actually ran in. */
export type Isolation = Exclude<IsolationMode, 'auto'>;

export type NetworkMode = 'host' | 'none';

export const ISOLATION_MODES: readonly IsolationMode[] = ['auto', 'sandbox', 'docker', 'process'];
export const NETWORK_MODES: readonly NetworkMode[] = ['host', 'none'];

/** A path the boundary hides from the server, and what it is (for the explanations). */
export interface HiddenArea {
  path: string;
  /** E.g. "the runner's home directory". */
  what: string;
}

/** How the workspace is visible inside the boundary. */
export type WorkspaceAccess = 'throwaway' | 'read-only';

/** The boundary one launch ran in, as recorded in its transcript. */
export interface LaunchIsolation {
  mode: Isolation;
  network: NetworkMode;
  /** The container image (docker). */
  image?: string;
  /** The workspace (and the server's working directory when it lies elsewhere) and how the server may write there. */
  workspace?: { paths: string[]; access: WorkspaceAccess };
  /** Paths the server cannot see. */
  hidden: HiddenArea[];
  /** HOME inside the boundary: a private, empty, throwaway folder at the path HOME names. */
  home?: string;
  /** How what the server tried outside the boundary is observed: its failed system calls, or its stderr only. */
  tracer: 'strace' | 'none';
}

/** One access the boundary stopped, seen as a failed system call. */
export interface BlockedAccess {
  /** The system call (`openat`, `mkdir`, `connect`…). */
  syscall: string;
  /** Absolute path, as the server asked for it. */
  path: string;
  /** The errno name (`ENOENT`, `EROFS`…). */
  error: string;
  /** The hidden area or the read-only part it lies in. */
  where: string;
}

export interface BlockedConnection {
  syscall: string;
  /** `1.2.3.4:443`, `[2606:…]:443`. */
  address: string;
  /** A DNS query (port 53): the server tried to resolve a host name. */
  dns: boolean;
  error: string;
}

/** What a sandboxed server did at or beyond its boundary. Recorded by the launcher, judged by `side-effects`. */
export interface BoundaryRecord {
  tracer: 'strace' | 'none';
  /** Reads of files the runner has but the sandbox hides (a file that exists nowhere is not a dependency). */
  hiddenReads: BlockedAccess[];
  /** Writes that failed because the place is read-only or hidden. */
  blockedWrites: BlockedAccess[];
  /** Connections that failed because the network is `none`. */
  blockedConnections: BlockedConnection[];
  /** Files the server wrote into its private HOME that the runner's own HOME also has (`~/.bashrc`). */
  homeFilesWritten: string[];
  /** Records not kept (each list keeps its first few). */
  dropped: number;
}

/** The run's isolation, as the report's settings record it. */
export interface IsolationSettings {
  requested: IsolationMode;
  effective: Isolation;
  network: NetworkMode;
  /** The image asked for (docker); servers without one use the default for their command. */
  image?: string;
  /** The tool that builds the boundary, e.g. `bubblewrap 0.8.0`, `Docker 27.1.1`. */
  tool?: string;
  /** The one notice of the run: what a fallback loses, and how to get the stronger mode. */
  notice?: string;
  /** What this boundary does not do here (a read-only workspace, no system-call tracing…). */
  limits: string[];
}
