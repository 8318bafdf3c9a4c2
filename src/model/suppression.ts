/**
 * A finding accepted on purpose: a check id, optionally narrowed to one server and/or one client, with a reason. Read
 * from `.mcp-preflight.yml` and from the CLI's `--suppress` / the action's `suppress` input (src/config/suppressions.ts).
 */
export interface Suppression {
  /** A server check id. */
  check: string;
  /** Only the server with this name (absent: every server). */
  server?: string;
  /**
   * Only findings about this client profile id: a finding's own client, else the client whose config declares the
   * server (absent: every client).
   */
  client?: string;
  /** Why the finding is accepted; shown wherever the suppressed finding is. */
  reason: string;
  /** Where it is written, for people: `.mcp-preflight.yml:4`, `--suppress #2`, `input "suppress" line 1`. */
  source: string;
  /** The suppressions file, relative to the run's root with forward slashes, and the line of the entry. */
  file?: string;
  line?: number;
}
