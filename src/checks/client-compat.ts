import type { BootRecord } from '../model/boot.js';
import type { Check, CheckContext, CheckOutcome } from '../model/check.js';
import type { ClientOs, ClientProfile } from '../model/profile.js';
import type { SourcePosition } from '../model/spec.js';
import { bootStarted, osName, policyDifferences } from '../profiles/describe.js';
import { selectProfiles } from '../profiles/index.js';
import { describePolicy, MAIN_POLICY, policyKey, reproducibleLaunches, runnerOs, type ClientLaunch } from '../profiles/launch-plan.js';
import { describeExit } from './util/evidence.js';
import { handshakeAnswer } from './util/handshake.js';
import { fail, pass, skip, warn } from './util/outcome.js';
import { fieldPosition } from './util/position.js';
import { excerpt, formatMs, listSome, quoted } from './util/text.js';
import { listedTools, offeredBy, toolNameList } from './util/tools.js';

/**
 * One finding per selected client the server will not (fully) work in, naming the client, the OS, the reason and the
 * fix. Only what is specific to a client is reported here — its own launch (environment, PATH, working directory),
 * Windows shims, its tool-count and server-name rules; tool names and schemas per client are tool-names' and
 * tool-schemas' findings, and what breaks every client is the other checks'. A problem on the runner's OS is an error; one that only concerns another OS is a warning here
 * (and an error on that OS).
 */

/** Launchers Windows installs as batch files (`npx.cmd`), which a spawn without a shell cannot run. */
const WINDOWS_SHIMS = new Set(['npx', 'npm', 'pnpm', 'pnpx', 'yarn', 'bunx', 'uvx']);

/** Runtimes macOS does not ship in /usr/bin:/bin:/usr/sbin:/sbin: a GUI app never finds them by name. */
const NOT_ON_MACOS_GUI_PATH = new Set([
  'node',
  'npx',
  'npm',
  'pnpm',
  'pnpx',
  'yarn',
  'bun',
  'bunx',
  'deno',
  'uv',
  'uvx',
  'docker',
  'podman',
]);

interface Problem {
  severity: 'error' | 'warning';
  /** `on macOS`, `on Windows`, `on every OS`. */
  where: string;
  reason: string;
  fix: string;
  evidence?: string[];
  position?: SourcePosition;
}

export const clientCompat: Check = {
  id: 'client-compat',
  title: 'Works in each selected client, on each OS it runs on',
  remediation:
    "Each finding names the client, the OS and the fix. Most come down to not relying on the developer's shell: use " +
    'absolute paths in "command" and "args", declare every variable the server needs in "env", and keep server and ' +
    'tool names short. `--client all` judges every client; `--client NAME` one of them.',
  requires: [],
  needsTranscript: false,
  run(ctx) {
    const profiles = ctx.profiles ?? selectProfiles([], ctx.server.spec.client);
    const outcomes: CheckOutcome[] = [];
    const clean: string[] = [];
    for (const profile of profiles) {
      const problems = [
        ...launchProblems(ctx, profile),
        ...staticLaunchProblems(ctx, profile),
        ...nameProblems(ctx, profile),
        ...toolProblems(ctx, profile),
      ];
      if (problems.length > 0) {
        outcomes.push(problemOutcome(profile, problems, ctx));
        continue;
      }
      const worksAlone = ownLaunchWorks(ctx, profile);
      if (worksAlone) outcomes.push({ ...pass(`${profile.name}: ${worksAlone}`), client: profile.id });
      else clean.push(profile.name);
    }
    if (clean.length > 0) {
      const judged = ctx.transcript ? '' : ` from the config alone (the server was not launched: ${ctx.notLaunchedReason ?? 'see spawn'})`;
      const summary = `No client-specific problem in ${listSome(clean, 12)}${judged}.`;
      outcomes.push(ctx.transcript ? pass(summary) : skip(summary));
    }
    return outcomes;
  },
};

function problemOutcome(profile: ClientProfile, problems: Problem[], ctx: CheckContext): CheckOutcome {
  const error = problems.some((p) => p.severity === 'error');
  const text = problems.map((p) => `${profile.name} ${p.where}: ${p.reason} Fix: ${p.fix}`).join(' ');
  const outcome = (error ? fail : warn)(text, {
    evidence: problems.flatMap((p) => p.evidence ?? []),
    position: problems.find((p) => p.position)?.position ?? ctx.server.spec.source,
  });
  return { ...outcome, client: profile.id };
}

function isStdio(ctx: CheckContext): boolean {
  return ctx.server.spec.transport === 'stdio' && ctx.server.command !== undefined && ctx.server.command !== '';
}

function mainStarted(ctx: CheckContext): boolean {
  return ctx.transcript !== undefined && handshakeAnswer(ctx.transcript)?.outcome === 'result';
}

/** The client's launches that had a boot of their own, with that boot. */
function bootedLaunches(ctx: CheckContext, profile: ClientProfile): Array<{ launch: ClientLaunch; boot: BootRecord }> {
  if (!ctx.transcript || !isStdio(ctx)) return [];
  return reproducibleLaunches(profile, runnerOs(ctx.platform)).flatMap((launch) => {
    const key = policyKey(launch.policy);
    const booted = key === policyKey(MAIN_POLICY) ? undefined : ctx.boots?.policies[key];
    return booted?.kind === 'booted' ? [{ launch, boot: booted.boot }] : [];
  });
}

/** The main probe worked and this client's own launch did not. */
function launchProblems(ctx: CheckContext, profile: ClientProfile): Problem[] {
  if (!mainStarted(ctx)) return [];
  return bootedLaunches(ctx, profile)
    .filter(({ boot }) => !bootStarted(boot))
    .map(({ launch, boot }) => ({
      severity: launch.simulated ? 'warning' : 'error',
      where: `on ${osName(launch.os)}${launch.simulated ? ` (reproduced on this ${osName(runnerOs(ctx.platform))} runner)` : ''}`,
      reason: `launched the way ${launch.profile.name} does (${describePolicy(launch.policy)}), the server ${bootFailure(boot)}.`,
      fix: launchFix(ctx, launch, boot),
      evidence: bootEvidence(boot),
      position: fieldPosition(ctx.server.spec, 'command'),
    }));
}

/** The main probe failed, and this client's own launch worked: the server works there. */
function ownLaunchWorks(ctx: CheckContext, profile: ClientProfile): string | undefined {
  if (!ctx.transcript || mainStarted(ctx)) return undefined;
  const working = bootedLaunches(ctx, profile).find(({ launch, boot }) => !launch.simulated && bootStarted(boot));
  if (!working) return undefined;
  return (
    `works on ${osName(working.launch.os)}: it starts the server with ${describePolicy(working.launch.policy)}, and the server ` +
    `answered initialize in ${formatMs(working.boot.startupMs ?? 0)} — although it fails under the MCP SDK's allow-list (see spawn), ` +
    'which other clients use.'
  );
}

/** The command was not found on the boot's PATH. */
function isNotFound(boot: BootRecord): boolean {
  return !boot.spawn.ok && boot.launch.resolvedCommand === undefined && !/[\\/]/.test(boot.launch.command);
}

function bootFailure(boot: BootRecord): string {
  const cmd = excerpt(boot.launch.command, 60);
  if (!boot.spawn.ok) {
    if (boot.spawn.errorMessage?.startsWith('the working directory')) return `could not start: ${excerpt(boot.spawn.errorMessage, 160)}`;
    if (isNotFound(boot)) {
      return `did not start: "${cmd}" is not on that PATH (\`spawn ${cmd} ${boot.spawn.errorCode ?? 'ENOENT'}\`)`;
    }
    return `did not start (\`${excerpt(boot.spawn.errorMessage ?? boot.spawn.errorCode ?? 'unknown error', 120)}\`)`;
  }
  if (boot.exit) {
    const telling = tellingStderr(boot);
    const said = telling.find((line) => /error|not found|no such|cannot|denied|missing|not set/i.test(line)) ?? telling.at(-1);
    const stderr = said ? ` (stderr: ${quoted(said, 120)})` : '';
    return `${describeExit(boot.exit)} ${formatMs(boot.exit.atMs)} after it started, before answering initialize${stderr}`;
  }
  const init = boot.requests.find((r) => r.method === 'initialize');
  if (init?.outcome === 'error')
    return `rejected initialize (error ${init.error?.code ?? '?'}: ${excerpt(init.error?.message ?? '', 100)})`;
  return 'did not answer initialize in time';
}

/** The fixes for what in the client's launch differs from the main probe's, narrowed to the cause when it shows. */
function launchFix(ctx: CheckContext, launch: ClientLaunch, boot: BootRecord): string {
  const name = launch.profile.name;
  const fixes = {
    path:
      `${name} opened from the Dock does not read your shell's PATH: put an absolute path in "command" (e.g. ` +
      '/opt/homebrew/bin/npx) or set "env": { "PATH": … } in the entry.',
    cwd: `${name} does not start servers in the project folder: use absolute paths in "command" and "args".`,
    env:
      launch.policy.env === 'codex'
        ? 'Declare every variable the server needs in "env" (or list host variables in Codex\'s "env_vars").'
        : 'Declare every variable the server needs in "env".',
  };
  const differences = policyDifferences(launch.policy);
  if (isNotFound(boot)) {
    if (differences.includes('path')) return fixes.path;
    return `Install "${excerpt(ctx.server.command ?? '', 40)}" where ${name} finds it, or use an absolute path.`;
  }
  const missingFile = /Cannot find module|MODULE_NOT_FOUND|No such file or directory|ENOENT|can't open file/.test(
    boot.stderrTail.join('\n'),
  );
  if (missingFile && differences.includes('cwd')) return fixes.cwd;
  return differences.map((d) => fixes[d]).join(' ');
}

/** Stderr lines that say something: no blank lines or stack frames; the first error line first. */
function tellingStderr(boot: BootRecord): string[] {
  return boot.stderrTail.filter((line) => line.trim() !== '' && !/^\s+at\s/.test(line) && !/^\s*[\^~{}]+\s*$/.test(line));
}

function bootEvidence(boot: BootRecord): string[] {
  const evidence = [`cwd: ${excerpt(boot.launch.cwd, 200)}`, `PATH: ${excerpt(boot.launch.pathEntries.join(':'), 300)}`];
  if (!boot.spawn.ok) evidence.push(`error: ${excerpt(boot.spawn.errorMessage ?? boot.spawn.errorCode ?? '', 200)}`);
  return [
    ...evidence,
    ...tellingStderr(boot)
      .slice(-4)
      .map((line) => `stderr: ${excerpt(line, 200)}`),
  ];
}

function baseName(command: string): string {
  return (command.split(/[\\/]/).pop() ?? command).toLowerCase();
}

function isCmdWrapper(command: string, args: readonly string[]): boolean {
  return /^cmd(?:\.exe)?$/.test(baseName(command)) && args.some((a) => /^\/[ck]$/i.test(a));
}

/** Launch problems judged from the config: OSes no boot on this runner reproduces. */
function staticLaunchProblems(ctx: CheckContext, profile: ClientProfile): Problem[] {
  if (!isStdio(ctx)) return [];
  const command = ctx.server.command ?? '';
  const base = baseName(command);
  const shown = excerpt(command, 60);
  const runner = runnerOs(ctx.platform);
  const position = fieldPosition(ctx.server.spec, 'command');
  const severityOn = (os: ClientOs) => (os === runner ? 'error' : 'warning');
  const problems: Problem[] = [];

  const shim = WINDOWS_SHIMS.has(base.replace(/\.(?:cmd|bat)$/, '')) || /\.(?:cmd|bat)$/.test(base);
  if (profile.oses.includes('win32') && profile.windowsShims === 'fails' && shim && !isCmdWrapper(command, ctx.server.args)) {
    problems.push({
      severity: severityOn('win32'),
      where: 'on Windows',
      reason: `"${shown}" is a batch file there, and ${profile.name} spawns without a shell: \`spawn ${shown} ENOENT\` (EINVAL for a .cmd path).`,
      fix: `Use "command": "cmd", "args": ["/c", "${shown}", …] in a Windows-only config, or run the runtime with the package's entry file.`,
      position,
    });
  }

  if (isCmdWrapper(command, ctx.server.args)) {
    const unix = profile.oses.filter((os): os is ClientOs => os !== 'win32' && os !== runner);
    if (unix.length > 0) {
      problems.push({
        severity: 'warning',
        where: `on ${unix.map(osName).join(' and ')}`,
        reason: '"cmd /c" exists only on Windows: the server does not start.',
        fix: 'Keep the cmd /c form in a Windows-only config, and run the launcher directly (e.g. "command": "npx") elsewhere.',
        position,
      });
    }
  }

  const macGui = profile.oses.includes('darwin') && profile.launch('darwin').path === 'macos-gui';
  const notFoundOnMac = bootedLaunches(ctx, profile).some(({ launch, boot }) => launch.os === 'darwin' && isNotFound(boot));
  const bare = !/[\\/]/.test(command);
  if (macGui && runner !== 'darwin' && !notFoundOnMac && bare && NOT_ON_MACOS_GUI_PATH.has(base)) {
    problems.push({
      severity: 'warning',
      where: 'on macOS',
      reason:
        `${profile.name} opened from the Dock has PATH /usr/bin:/bin:/usr/sbin:/sbin, and macOS does not ship "${shown}" there ` +
        `(Homebrew, nvm, Volta and uv install elsewhere): \`spawn ${shown} ENOENT\`.`,
      fix:
        `Use an absolute path in "command" (e.g. /opt/homebrew/bin/npx, or the output of \`which ${shown}\`), ` +
        'or set "env": { "PATH": … } in the entry.',
      position,
    });
  }
  return problems;
}

/**
 * The server name against the client's rules. A name in another client's file is the user's to pick again when they
 * add the server to this client, so what this client's config would refuse is a warning there and an error only in
 * the client's own file.
 */
function nameProblems(ctx: CheckContext, profile: ClientProfile): Problem[] {
  const rules = profile.serverNames;
  if (!rules) return [];
  const name = ctx.server.spec.name;
  const shown = quoted(name, 60);
  const position = ctx.server.spec.source;
  const where = 'on every OS';
  if (rules.reserved?.names.includes(name)) {
    const reason = `the server name ${shown} is reserved by ${profile.name} (${rules.reserved.source}).`;
    return [{ severity: 'error', where, reason, fix: 'Rename the server.', position }];
  }
  const problems: Problem[] = [];
  if (rules.refused && !rules.refused.regex.test(name)) {
    const own = ctx.server.spec.client === profile.id;
    problems.push({
      severity: own ? 'error' : 'warning',
      where,
      reason:
        `${profile.name} accepts server names of ${rules.refused.text} only, else ${rules.refused.where}; ${shown} is not one ` +
        `(${rules.refused.source}).`,
      fix: own ? 'Rename the server (e.g. replace other characters with "-").' : `Give it another name in ${profile.name}'s config.`,
      position,
    });
  }
  if (rules.rewritten && !rules.rewritten.regex.test(name)) {
    const rewritten = rules.rewritten.rewrite(name);
    problems.push({
      severity: 'warning',
      where,
      reason:
        `${profile.name} accepts the server name ${shown} and shows its tools as ${quoted(rules.rewritten.shownAs(rewritten), 90)} ` +
        `(every character outside letters, digits, "_" and "-" becomes "_"); ${rules.rewritten.note} (${rules.rewritten.source}).`,
      fix: 'Rename the server with letters, digits, "-" and "_" only if you manage it with `claude mcp` or refer to its tools by name.',
      position,
    });
  }
  if (rules.avoid?.regex.test(name)) {
    const reason = `the server name ${shown} is risky in ${profile.name}: ${rules.avoid.why} (${rules.avoid.source}).`;
    problems.push({ severity: 'warning', where, reason, fix: 'Rename the server with letters, digits and "-".', position });
  }
  return problems;
}

/** The tool count against the client's cap; names are tool-names' finding, schemas tool-schemas'. */
function toolProblems(ctx: CheckContext, profile: ClientProfile): Problem[] {
  const transcript = ctx.transcript;
  const list = transcript?.lists.tools;
  if (!transcript || !list || list.end !== 'complete') return [];
  const problems: Problem[] = [];
  const all = toolNameList(listedTools(transcript).tools);
  const offered = offeredBy(profile, ctx.server.spec);
  const cap = profile.tools.maxTools;
  // Counted from all the server lists (only the kept ones can be filtered by the entry's tool selection).
  const offeredCount = list.itemCount - (all.length - all.filter(offered).length);
  if (cap && offeredCount > cap.limit) {
    problems.push({
      severity: 'warning',
      where: 'on every OS',
      reason: `the server offers ${offeredCount} tools: ${cap.note}${cap.effect === 'rejected' ? ' (requests with more fail)' : ''}.`,
      fix: 'Split the server, or let users enable a subset of tools (a toolset option or environment variable).',
    });
  }
  return problems;
}
