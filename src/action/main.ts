/**
 * The GitHub Action: inputs → the engine the CLI uses → secrets masked, progress, annotations, job summary, JSON
 * report, outputs, optional PR comment → the step's verdict. The only layer that talks to `@actions/*`.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { cancelOnSignals } from '../cancellation.js';
import { suppressionVocabulary } from '../checks/registry.js';
import { didYouMean } from '../closest-names.js';
import { DISCOVERED_FILES } from '../config/paths.js';
import { loadSuppressions } from '../config/suppressions.js';
import { runPreflight } from '../engine.js';
import { type IsolationHost, systemIsolationHost } from '../launch/isolation.js';
import type { HiddenArea, IsolationSettings } from '../model/isolation.js';
import type { Report } from '../model/report.js';
import type { UnknownServer } from '../model/run.js';
import { ANNOTATIONS_PER_LEVEL, renderAnnotations, rootFromWorkspace } from '../report/annotations.js';
import { docsLocationFromEnv, type DocsLocation } from '../report/docs-link.js';
import { renderJobSummary } from '../report/job-summary.js';
import { describeIsolation } from '../report/isolation-line.js';
import { describeWriteError, openReportFile, type ReportFile } from '../report-file.js';
import { renderJunit } from '../report/junit.js';
import { escapeHtml } from '../report/markdown-escape.js';
import { renderSarif } from '../report/sarif.js';
import { emptyShardLine } from '../report/shard-line.js';
import { runMergeStep } from './merge.js';
import { secretForms } from '../report/redact.js';
import { formatMs } from '../report/terminal.js';
import { forTerminal } from '../report/untrusted-text.js';
import { verdict } from '../report/verdict.js';
import { overLimitMessage } from '../settings.js';
import {
  commentMarker,
  commentTarget,
  isPermissionError,
  octokitCommentApi,
  upsertComment,
  type CommentApi,
  type EventContext,
} from './comment.js';
import { expandConfigPaths, readInputs, type ActionInputs } from './inputs.js';
import { printServerDone } from './log.js';
import { actionOutputs } from './outputs.js';
import { prepareSandbox } from './prepare-sandbox.js';

export interface ActionDependencies {
  env?: NodeJS.ProcessEnv;
  /** The event being handled (default: `@actions/github`'s context). */
  context?: EventContext;
  /** Builds the PR-comment client for a token (default: Octokit); tests pass a fake and need no network. */
  commentApi?: (token: string) => CommentApi;
  /** The machine the isolation is prepared and chosen on (default: this one). */
  isolationHost?: IsolationHost;
  /** The action's own folder, hidden from sandboxed servers (default: the folder of the running `dist/index.js`). */
  actionRoot?: string;
}

const annotate = { error: core.error, warning: core.warning, notice: core.notice };
// A PR comment may hold 65 536 characters; bytes are never fewer than characters.
const COMMENT_MAX_BYTES = 60_000;

/**
 * The whole step. Resolves with the exit code the process should end with when SIGINT or SIGTERM cancelled the run
 * (130, 143: the partial report, summary and outputs are written first), else undefined.
 */
export async function run(deps: ActionDependencies = {}): Promise<number | undefined> {
  const env = deps.env ?? process.env;
  let reportFile: ReportFile | undefined;
  try {
    const inputs = readInputs(env);
    if (inputs.githubToken) core.setSecret(inputs.githubToken);
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    if (inputs.mode === 'merge') {
      await runMergeStep(inputs, workspace, deps, env);
      return undefined;
    }
    await assertDirectory(inputs.workingDirectory);
    const shown = (p: string) => forTerminal(toPosix(path.isAbsolute(p) ? path.relative(inputs.workingDirectory, p) || '.' : p));

    const { paths, unmatched } = await expandConfigPaths(inputs.config, inputs.workingDirectory);
    // Without this, patterns that match nothing would fall back to discovering every config in the directory.
    if (inputs.config.length > 0 && paths.length === 0) {
      throw new Error(`No config file matches ${inputs.config.map(forTerminal).join(', ')} in ${shown(inputs.workingDirectory)}`);
    }
    // Before any server starts; a path that cannot be written fails the step at the end, but costs neither the
    // summary nor the outputs.
    const opened = await openReport(inputs.reportPath);
    reportFile = opened.file;
    const reportProblem = opened.problem;

    const suppressions = await loadSuppressions(
      inputs.workingDirectory,
      inputs.suppress,
      (index) => `input "suppress" line ${index + 1}`,
      suppressionVocabulary,
    );

    // On a GitHub-hosted Linux runner, make the sandbox work before the engine chooses (installs, AppArmor).
    const isolationHost = deps.isolationHost ?? systemIsolationHost(env);
    await prepareSandbox({ mode: inputs.isolation, network: inputs.network, host: isolationHost, log: core.info });
    const actionRoot = deps.actionRoot ?? actionRootOf(process.argv[1]);

    // Nothing is printed before the engine has handed over the secret values (onSecrets runs before any server starts).
    const cancellation = cancelOnSignals((signal, count) =>
      core.warning(
        count === 1 ? `${signal}: stopping the servers and writing a partial report` : `${signal}: killing every process the run started`,
      ),
    );
    let result;
    try {
      result = await runPreflight(
        {
          paths,
          root: inputs.workingDirectory,
          servers: inputs.servers,
          ...(Object.keys(inputs.start).length > 0 && { start: inputs.start }),
          ...(inputs.shard && { shard: inputs.shard }),
          ...(inputs.leg && { leg: inputs.leg }),
          startupTimeoutMs: inputs.startupTimeoutMs,
          requestTimeoutMs: inputs.requestTimeoutMs,
          stayAliveMs: inputs.stayAliveMs,
          concurrency: inputs.concurrency,
          maxConfigs: inputs.maxConfigs,
          maxServers: inputs.maxServers,
          freshHome: inputs.freshHome,
          ...(inputs.requireCredentials && { requireCredentials: true }),
          failOn: inputs.failOn,
          clients: inputs.clients,
          suppressions,
          ...(inputs.protocolVersions !== undefined && { protocolVersions: inputs.protocolVersions }),
          isolation: inputs.isolation,
          network: inputs.network,
          ...(inputs.image !== undefined && { image: inputs.image }),
          workspace: path.resolve(workspace),
          ...(actionRoot !== undefined && { hide: [{ path: actionRoot, what: "the action's own folder" } satisfies HiddenArea] }),
          env,
          onSecrets: registerSecrets,
          onIsolation: logIsolation,
          onServerDone: printServerDone,
          signal: cancellation.signal,
        },
        isolationHost,
      );
    } finally {
      cancellation.dispose();
    }
    const { report, missing, discoveryTruncated, overLimit, unknownServers } = result;
    const cancelledCode = cancellation.exitCode();

    const notFound = [...unmatched.map(forTerminal), ...missing.map(shown)];
    const usageError = overLimit
      ? overLimitMessage(overLimit, `the input "${overLimit.setting}"`)
      : notFound.length
        ? `config path(s) not found in ${shown(inputs.workingDirectory)}: ${notFound.join(', ')}`
        : report.configs.length === 0 && !report.cancelled
          ? `no MCP config found in ${shown(inputs.workingDirectory)} (looked for ${DISCOVERED_FILES.join(', ')})`
          : unknownServers.length > 0
            ? unknownServersError(unknownServers)
            : undefined;
    const outcome = verdict(report, inputs.failOn);
    const cancelledReason = report.cancelled && `cancelled by ${report.cancelled.signal}; the report is partial`;
    const failing = usageError !== undefined || outcome.failed || reportProblem !== undefined || Boolean(cancelledReason);
    const runWarnings = [
      discoveryTruncated &&
        'The folder tree is too large to search completely; some config files may not have been found. Name them in the config input.',
    ].filter((w): w is string => Boolean(w));
    for (const warning of runWarnings) core.warning(warning);
    if (report.shard?.servers === 0) core.notice(emptyShardLine(report.shard));
    const t = report.totals;
    core.info(
      `${t.servers} server(s) in ${t.configs} config file(s): ${t.passed} passed, ${t.warned} warned, ${t.failed} failed, ${t.skipped} skipped · ${formatMs(report.durationMs)}`,
    );

    const docs = docsLocationFromEnv(env);
    if (inputs.annotations) {
      const annotations = renderAnnotations(report, {
        docs,
        rootFromWorkspace: rootFromWorkspace(inputs.workingDirectory, workspace),
        // setFailed and the run's own warnings are annotations too: keep their slots so they are not the ones GitHub drops.
        maxErrors: ANNOTATIONS_PER_LEVEL - (failing ? 1 : 0),
        maxWarnings: ANNOTATIONS_PER_LEVEL - runWarnings.length,
        overflowHint: inputs.summary ? 'the job summary and the JSON report (output report-path)' : 'the JSON report (output report-path)',
      });
      for (const { level, message, ...properties } of annotations) annotate[level](message, properties);
    }

    const writeProblem = reportFile && (await reportFile.write(report));
    const reportError = reportProblem ?? writeProblem;
    if (reportError === undefined) core.info(`JSON report: ${forTerminal(inputs.reportPath)}`);
    const formatProblems = await writeExtraFormats(inputs, report, docs, rootFromWorkspace(inputs.workingDirectory, workspace));
    if (inputs.summary) await writeJobSummary(report, docs, env);
    const outputs = actionOutputs(report, reportError === undefined ? inputs.reportPath : '');
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
    // A cancelled job has seconds left: the comment (network) is not worth them.
    if (inputs.comment && !report.cancelled) await postComment(report, inputs, deps, docs, env);

    const reasons = [
      cancelledReason,
      usageError,
      outcome.failed ? outcome.reason : undefined,
      reportError && `Input "report-path": cannot write the JSON report to ${forTerminal(inputs.reportPath)} (${reportError})`,
      ...formatProblems,
    ].filter(Boolean);
    if (failing || reportError !== undefined || formatProblems.length > 0) core.setFailed(reasons.join('; '));
    return cancelledCode;
  } catch (error) {
    core.setFailed(forTerminal(error instanceof Error ? error.message : String(error)));
    return undefined;
  } finally {
    // Written (and closed by its stream) on the way through; closed here when the run ended before that.
    await reportFile?.close();
  }
}

/** Creates the report's folder and opens the file; a problem is kept (not thrown) so the run still happens. */
export async function openReport(file: string): Promise<{ file?: ReportFile; problem?: string }> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
  } catch {
    // openReportFile says what is wrong with the path.
  }
  const opened = await openReportFile(file);
  return opened.ok ? { file: opened.file } : { problem: opened.reason };
}

/**
 * Masks every value expanded from a variable, before anything is printed: each line of a multi-line value on its own
 * too (the runner masks per line), and its base64, base64url and URL-encoded forms. The short-value rule of the
 * report's redaction applies (redact.ts): `${DEBUG:-1}` or `PORT=3000` would otherwise turn every `1` into `***`.
 */
function registerSecrets(values: readonly string[]): void {
  for (const value of secretForms(values)) core.setSecret(value);
}

/** The run's isolation in the log, and its fallback (what is lost) as the run's one notice. */
function logIsolation(isolation: IsolationSettings): void {
  const [line, ...notes] = describeIsolation(isolation);
  core.info([line, ...notes.filter((n) => n !== isolation.notice)].join('\n  '));
  if (isolation.notice) core.notice(isolation.notice, { title: `mcp-preflight: isolation ${isolation.effective}` });
}

/** The action's folder: `dist/index.js` is its entry (undefined when something else runs this code, e.g. a test). */
export function actionRootOf(entry: string | undefined): string | undefined {
  if (!entry || path.basename(entry) !== 'index.js' || path.basename(path.dirname(entry)) !== 'dist') return undefined;
  return path.dirname(path.dirname(path.resolve(entry)));
}

async function assertDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`Input "working-directory": ${dir} is not a directory`);
}

/** `servers` and `start` names that match nothing fail the step (a typo would otherwise check nothing and pass). */
function unknownServersError(unknown: readonly UnknownServer[]): string {
  const byInput = (['servers', 'start'] as const).flatMap((input) => {
    const names = unknown
      .filter(({ given }) => given === input)
      .map(({ name, suggestions }) => {
        const hint = didYouMean(suggestions);
        return `${forTerminal(JSON.stringify(name))}${hint ? ` (${hint})` : ''}`;
      });
    return names.length > 0 ? [`Input "${input}": no server named ${names.join(', ')} in the config files`] : [];
  });
  return byInput.join('; ');
}

export async function writeJobSummary(
  report: Report,
  docs: DocsLocation | undefined,
  env: NodeJS.ProcessEnv,
  render: () => string = () =>
    (report.shard?.servers === 0 ? `<p>${escapeHtml(emptyShardLine(report.shard))}</p>\n` : '') + renderJobSummary(report, { docs }),
): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) {
    core.info('GITHUB_STEP_SUMMARY is not set: no job summary written');
    return;
  }
  try {
    await core.summary.addRaw(render()).write();
  } catch (error) {
    // A summary is a convenience: the annotations, outputs and JSON report still carry the result.
    core.warning(`Could not write the job summary: ${forTerminal(error instanceof Error ? error.message : String(error))}`);
  } finally {
    core.summary.emptyBuffer();
  }
}

/** The sticky comment; a merge passes its own body and `merged` as the marker's leg (one comment for the matrix). */
export async function postComment(
  report: Report,
  inputs: ActionInputs,
  deps: ActionDependencies,
  docs: DocsLocation | undefined,
  env: NodeJS.ProcessEnv,
  merged?: { render: (maxBytes: number, footer: string | undefined) => string },
): Promise<void> {
  // @actions/github (Octokit) is a large module graph: it is loaded only for the opt-in comment, not on every run.
  const context = deps.context ?? (await import('@actions/github')).context;
  const target = commentTarget(context);
  if ('skip' in target) {
    (target.notice ? core.notice : core.info)(`PR comment skipped: ${forTerminal(target.skip)}.`);
    return;
  }
  if (!inputs.githubToken) {
    core.notice('PR comment skipped: the github-token input is empty.');
    return;
  }
  try {
    const api = (deps.commentApi ?? (await octokitCommentApiFactory()))(inputs.githubToken);
    const runUrl = workflowRunUrl(env);
    const footer = runUrl ? `<p><sub><a href="${runUrl}">Workflow run</a> · ${env.RUNNER_OS ?? report.runner.os}</sub></p>` : undefined;
    const body = merged
      ? merged.render(COMMENT_MAX_BYTES, footer)
      : renderJobSummary(report, { docs, maxBytes: COMMENT_MAX_BYTES, ...(footer && { footer }) });
    const legKey = merged ? 'merged' : (env.RUNNER_OS ?? report.runner.os);
    const result = await upsertComment(api, target.ref, commentMarker(context, legKey), body);
    core.info(`PR comment ${result} on #${target.ref.issueNumber}`);
  } catch (error) {
    // An API error may quote what it was sent: through the door like any other untrusted text.
    const message = forTerminal(error instanceof Error ? error.message : String(error));
    if (isPermissionError(error)) {
      core.notice(
        `PR comment skipped: the token may not comment on this pull request (${message}). It needs "pull-requests: write"; on pull requests from forks it is read-only.`,
      );
    } else {
      core.warning(`PR comment failed: ${message}`);
    }
  }
}

async function octokitCommentApiFactory(): Promise<(token: string) => CommentApi> {
  const { getOctokit } = await import('@actions/github');
  return (token) => octokitCommentApi(getOctokit(token));
}

function workflowRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = env;
  if (!repo || !runId || !/^https?:\/\/[A-Za-z0-9.:-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^\d+$/.test(runId))
    return undefined;
  return `${server}/${repo}/actions/runs/${runId}`;
}

/** The `junit` and `sarif` inputs' files; what could not be written, one sentence each (the step fails on them). */
export async function writeExtraFormats(
  inputs: Pick<ActionInputs, 'junit' | 'sarif'>,
  report: Report,
  docs: DocsLocation,
  fromWorkspace: string,
  render: { junit: () => string; sarif: () => string } = {
    junit: () => renderJunit([{ report }]),
    sarif: () => renderSarif(report, { docs, rootFromWorkspace: fromWorkspace }),
  },
): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, file, content] of [
    ['junit', inputs.junit, render.junit],
    ['sarif', inputs.sarif, render.sarif],
  ] as const) {
    if (file === undefined) continue;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content());
      core.info(`${name === 'junit' ? 'JUnit' : 'SARIF'} report: ${forTerminal(file)}`);
    } catch (error) {
      problems.push(`Input "${name}": cannot write ${forTerminal(file)} (${describeWriteError(error)})`);
    }
  }
  return problems;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
