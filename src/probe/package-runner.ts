/**
 * Package runners fetch the server on its first start (`npx -y pkg`, `uvx pkg`…): that start measures the network
 * and the cache, not the server. Recognised so the first start can be measured apart from a warm one.
 */

/** Runners that are the command itself. */
const RUNNERS = new Set(['npx', 'pnpx', 'bunx', 'uvx']);
/** Package managers whose sub-command runs a package: `pnpm dlx`, `yarn dlx`, `npm exec`, `bun x`, `pipx run`. */
const SUBCOMMANDS: Readonly<Record<string, string>> = { pnpm: 'dlx', yarn: 'dlx', npm: 'exec', bun: 'x', pipx: 'run' };

function baseName(command: string): string {
  return (command.split(/[\\/]/).pop() ?? command).toLowerCase().replace(/\.(?:cmd|bat|exe|ps1)$/, '');
}

/** `cmd /c npx …` runs `npx …`: look through the wrapper. */
function unwrapCmd(command: string, args: readonly string[]): { command: string; args: readonly string[] } {
  if (baseName(command) !== 'cmd') return { command, args };
  const switchAt = args.findIndex((a) => /^\/[ck]$/i.test(a));
  const inner = args[switchAt + 1];
  return switchAt === -1 || inner === undefined ? { command, args } : { command: inner, args: args.slice(switchAt + 2) };
}

/** The runner a server is launched through (`npx`, `pnpm dlx`, `uv tool run`…), or undefined. */
export function packageRunnerOf(command: string | undefined, args: readonly string[]): string | undefined {
  if (command === undefined || command === '') return undefined;
  const unwrapped = unwrapCmd(command, args);
  const base = baseName(unwrapped.command);
  if (RUNNERS.has(base)) return base;
  const words = unwrapped.args.filter((a) => !a.startsWith('-'));
  const sub = SUBCOMMANDS[base];
  if (sub !== undefined && words[0] === sub) return `${base} ${sub}`;
  if (base === 'uv' && words[0] === 'tool' && words[1] === 'run') return 'uv tool run';
  return undefined;
}
