/**
 * What a config file declares, normalized across clients. Produced by `src/config`, consumed by every later layer.
 */

/** The client whose file declared a server; it decides variable syntax, cwd and (later) the launch profile. */
export type ClientId = 'claude-code' | 'claude-desktop' | 'cursor' | 'vscode';

/** Which reader parsed a file. One reader per format lives in `src/config/formats/<format>.ts`. */
export type ConfigFormat = 'claude-code' | 'claude-desktop' | 'cursor' | 'vscode';

export type TransportKind = 'stdio' | 'http' | 'sse' | 'unknown';

/** 1-based line and column, as editors and GitHub annotations count. */
export interface SourcePosition {
  /** Path relative to the run's root directory, forward slashes (what annotations need). */
  file: string;
  line: number;
  column: number;
}

export interface ConfigError {
  message: string;
  line: number;
  column: number;
}

export interface ConfigFile {
  /** Absolute path on disk. */
  path: string;
  /** Relative to the run's root directory, forward slashes. */
  displayPath: string;
  format: ConfigFormat;
  client: ClientId;
  /** The folder that `${workspaceFolder}` names and the default cwd of its servers. */
  workspaceFolder: string;
  /** Set when the file could not be read or parsed (then `servers` is empty). */
  error?: ConfigError;
  servers: ServerSpec[];
  /** VS Code `inputs` ids declared in the file. */
  inputs: string[];
}

/** One server entry exactly as declared (before variable expansion). */
export interface ServerSpec {
  name: string;
  client: ClientId;
  /** Display path of the declaring file. */
  config: string;
  /** Where the entry's key is declared. */
  source: SourcePosition;
  /** Positions of individual fields, keyed like `command`, `args.1`, `env.API_KEY`, `url`, `headers.Authorization`. */
  fieldPositions: Record<string, SourcePosition>;
  transport: TransportKind;
  /** The raw `type` value, when one was given. */
  declaredType?: string;
  command?: string;
  args: string[];
  env: Record<string, string>;
  url?: string;
  headers: Record<string, string>;
  /** Absolute working directory the server is launched in (unexpanded template allowed, see resolve). */
  cwd: string;
  /** Problems with the entry's shape found while normalizing (wrong types, unknown type); judged by `config-schema`. */
  schemaProblems: SchemaProblem[];
  /** `disabled: true` and similar: listed, not launched. */
  disabled: boolean;
}

export interface SchemaProblem {
  message: string;
  position: SourcePosition;
}

/** Where a value was expanded. */
export type ExpansionField = 'command' | 'args' | 'env' | 'url' | 'headers' | 'cwd';

export interface VariableUse {
  /** The expression as written, e.g. `${GITHUB_TOKEN}`, `${env:HOME}`, `${input:api-key}`. */
  expression: string;
  /** Variable name (for `${env:X}` and `${X}` the environment variable; for `${input:id}` the id). */
  name: string;
  kind: 'env' | 'input' | 'builtin';
  field: ExpansionField;
  /** Sub-key: the env/headers key or the args index. */
  key?: string;
  position: SourcePosition;
  /** The variable had a value (from the environment, a default, or a builtin). */
  resolved: boolean;
  usedDefault: boolean;
}

/** A server entry after expansion in its client's dialect; what gets launched. */
export interface ResolvedServer {
  spec: ServerSpec;
  command?: string;
  args: string[];
  env: Record<string, string>;
  url?: string;
  headers: Record<string, string>;
  cwd: string;
  variables: VariableUse[];
  /** Values that came from expanding a variable into env, headers or url: never printed. */
  secretValues: string[];
}
