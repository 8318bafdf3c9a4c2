/**
 * The action's `mode: merge`: the JSON reports of a job matrix's legs (downloaded into one folder) into one job
 * summary, one sticky comment, annotations for every leg's findings (once when legs agree), the JSON/JUnit/SARIF
 * files and the same outputs and verdict as a single run. The reports are untrusted (PR legs uploaded them).
 */
import * as core from '@actions/core';
import type { FailOn } from '../model/report.js';
import { ANNOTATIONS_PER_LEVEL, renderAnnotations, rootFromWorkspace } from '../report/annotations.js';
import { docsLocationFromEnv } from '../report/docs-link.js';
import { renderJunit } from '../report/junit.js';
import { mergeReports } from '../report/merge.js';
import { MergeInputError, readMergeInputs } from '../report/merge-input.js';
import { renderMergeSummary } from '../report/merge-render.js';
import { renderSarif } from '../report/sarif.js';
import { forTerminal } from '../report/untrusted-text.js';
import { verdict } from '../report/verdict.js';
import type { ActionInputs } from './inputs.js';
import { type ActionDependencies, openReport, postComment, writeExtraFormats, writeJobSummary } from './main.js';
import { actionOutputs } from './outputs.js';

const annotate = { error: core.error, warning: core.warning, notice: core.notice };

export async function runMergeStep(
  inputs: ActionInputs,
  workspace: string,
  deps: ActionDependencies,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  if (inputs.reports.length === 0)
    throw new Error('Input "reports" names no report: with mode: merge, give the folder the legs\' reports were downloaded to');
  let inputsRead;
  try {
    inputsRead = await readMergeInputs(inputs.reports, workspace);
  } catch (error) {
    if (error instanceof MergeInputError) throw new Error(`Input "reports": ${error.message}`);
    throw error;
  }
  const outcome = mergeReports(inputsRead, { os: process.platform, arch: process.arch, node: process.version });
  if (!outcome.ok) throw new Error(`Input "reports": ${outcome.error}`);
  const { merged } = outcome;
  const { report } = merged;
  // The merge's own fail-on decides, as for a single run.
  report.settings.failOn = inputs.failOn satisfies FailOn;
  for (const note of merged.notes) core.warning(forTerminal(note));
  for (const s of merged.servers) if (s.difference) core.info(`${forTerminal(s.name)}: ${s.difference}`);

  const outcomeVerdict = verdict(report, inputs.failOn);
  const failing = outcomeVerdict.failed || merged.incomplete;
  const docs = docsLocationFromEnv(env);
  if (inputs.annotations) {
    // Config paths in every leg's report are relative to the same working directory (a matrix checks one repository).
    const annotations = renderAnnotations(report, {
      docs,
      rootFromWorkspace: rootFromWorkspace(inputs.workingDirectory, workspace),
      maxErrors: ANNOTATIONS_PER_LEVEL - (failing ? 1 : 0),
      maxWarnings: ANNOTATIONS_PER_LEVEL - merged.notes.length,
      overflowHint: 'the job summary and the merged JSON report',
    });
    for (const { level, message, ...properties } of annotations) annotate[level](message, properties);
  }
  const opened = await openReport(inputs.reportPath);
  const reportError = opened.problem ?? (opened.file && (await opened.file.write(report)));
  const formatProblems = await writeExtraFormats(inputs, report, docs, rootFromWorkspace(inputs.workingDirectory, workspace), {
    junit: () => renderJunit(merged.legReports, { failOn: inputs.failOn }),
    sarif: () =>
      renderSarif(report, {
        docs,
        rootFromWorkspace: rootFromWorkspace(inputs.workingDirectory, workspace),
        category: 'mcp-preflight/merged',
      }),
  });
  if (inputs.summary) await writeJobSummary(report, docs, env, () => renderMergeSummary(merged, { docs }));
  for (const [name, value] of Object.entries(actionOutputs(report, reportError === undefined ? inputs.reportPath : ''))) {
    core.setOutput(name, value);
  }
  if (inputs.comment) {
    await postComment(report, inputs, deps, docs, env, {
      render: (maxBytes, footer) => renderMergeSummary(merged, { docs, maxBytes, ...(footer && { footer }) }),
    });
  }
  const reasons = [
    outcomeVerdict.failed ? outcomeVerdict.reason : undefined,
    merged.incomplete ? 'some shards are missing: their servers were not checked on every leg' : undefined,
    reportError && `Input "report-path": cannot write the JSON report to ${forTerminal(inputs.reportPath)} (${reportError})`,
    ...formatProblems,
  ].filter(Boolean);
  if (reasons.length > 0 && (failing || reportError !== undefined || formatProblems.length > 0)) core.setFailed(reasons.join('; '));
}
