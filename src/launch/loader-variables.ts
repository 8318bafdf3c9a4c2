/**
 * Variables that change how a dynamically linked program loads before its first line runs: every `LD_*`, and the rest
 * of glibc's list of variables it ignores for setuid programs. A config's `env` may set them for its server, but they
 * must never reach a program mcp-preflight starts on the host to build the boundary (bwrap, docker): an
 * `LD_PRELOAD` of a library in the workspace would run the pull request's code outside the sandbox, before it exists.
 * Such variables travel to the server another way, and their values are masked in the recorded command line.
 */
const LOADER_VARIABLE =
  /^(?:LD_[A-Z0-9_]+|GCONV_PATH|GETCONF_DIR|GLIBC_TUNABLES|HOSTALIASES|LOCALDOMAIN|LOCPATH|MALLOC_[A-Z0-9_]+|NIS_PATH|NLSPATH|RESOLV_HOST_CONF|RES_OPTIONS|TZDIR)$/;

export function isLoaderVariable(name: string): boolean {
  return LOADER_VARIABLE.test(name);
}

/** The environment split into what a host-side program may get, and the loader variables to carry separately. */
export function splitLoaderVariables(env: Record<string, string>): { safe: Record<string, string>; loader: Record<string, string> } {
  const safe: Record<string, string> = {};
  const loader: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) (isLoaderVariable(name) ? loader : safe)[name] = value;
  return { safe, loader };
}

/** What the records show instead of a value passed on a command line. */
export const MASKED = '***';
