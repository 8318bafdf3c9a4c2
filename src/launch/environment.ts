/**
 * The environment a stdio server gets: what the MCP SDK's StdioClientTransport passes (a short allow-list of the
 * host's variables) plus the config's `env` block. Nothing else from the host may leak (CI tokens, INPUT_*, GITHUB_*).
 */

/** `DEFAULT_INHERITED_ENV_VARS` of @modelcontextprotocol/sdk (client/stdio.js), per platform family. */
export const SDK_INHERITED_ENV_VARS = {
  posix: ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'],
  win32: [
    'APPDATA',
    'HOMEDRIVE',
    'HOMEPATH',
    'LOCALAPPDATA',
    'PATH',
    'PROCESSOR_ARCHITECTURE',
    'SYSTEMDRIVE',
    'SYSTEMROOT',
    'TEMP',
    'USERNAME',
    'USERPROFILE',
    'PROGRAMFILES',
  ],
} as const;

export interface ServerEnvironmentInput {
  platform: NodeJS.Platform;
  /** The runner's environment (only the allow-list is read from it). */
  hostEnv: NodeJS.ProcessEnv;
  /** The config's resolved `env` block; it wins over inherited values. */
  configEnv: Record<string, string>;
  /** An empty directory to use as HOME (USERPROFILE on Windows), for `--fresh-home`. */
  freshHomeDir?: string;
}

/** Builds the server's environment. Pure: platform and host environment are injected. */
export function buildServerEnvironment(input: ServerEnvironmentInput): Record<string, string> {
  const windows = input.platform === 'win32';
  const env: Record<string, string> = {};
  for (const name of windows ? SDK_INHERITED_ENV_VARS.win32 : SDK_INHERITED_ENV_VARS.posix) {
    const value = lookupEnv(input.hostEnv, name, input.platform);
    // Like the SDK: skip unset values and exported shell functions (`() { …}`), which are a security risk.
    if (value === undefined || value.startsWith('()')) continue;
    env[name] = value;
  }
  if (input.freshHomeDir !== undefined) env[windows ? 'USERPROFILE' : 'HOME'] = input.freshHomeDir;
  for (const [name, value] of Object.entries(input.configEnv)) {
    // Windows names are case-insensitive: a config `Path` must replace the inherited `PATH`, not sit beside it
    // (Node would then pick one of the two by sort order).
    if (windows) {
      for (const existing of Object.keys(env)) {
        if (existing.toUpperCase() === name.toUpperCase()) delete env[existing];
      }
    }
    env[name] = value;
  }
  return env;
}

/** Reads a variable the way the platform does: exact name on POSIX, case-insensitive on Windows. */
export function lookupEnv(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  if (env[name] !== undefined || platform !== 'win32') return env[name];
  // Node sorts Windows environment keys and uses the first case-insensitive match.
  const key = Object.keys(env)
    .sort()
    .find((candidate) => candidate.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

/** The entries of the PATH the server receives, split on the platform's delimiter (empty entries dropped). */
export function pathEntriesOf(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const value = lookupEnv(env, 'PATH', platform) ?? '';
  return value.split(platform === 'win32' ? ';' : ':').filter((entry) => entry !== '');
}
