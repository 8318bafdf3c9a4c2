/** Step-log output of untrusted text (server names, messages, stderr) that the runner can never read as a command. */
import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import type { CheckStatus } from '../model/check.js';
import type { ServerReport } from '../model/report.js';
import { formatMs } from '../report/terminal.js';
import { forTerminal } from '../report/untrusted-text.js';

const marks: Record<CheckStatus, string> = { pass: '✔', warn: '⚠', fail: '✖', skip: '○' };
const maxEvidence = 5;
const maxStderr = 20;

/**
 * Prints lines inside a `::stop-commands::` block whose token is fresh, random and never shown to a server, so a
 * `::error::`, `::add-mask::` or `::<token>::` line from a server stays text. The lines are also made inert on their
 * own (`forTerminal`: one line each, controls and bidi characters shown, markers broken) in case a log viewer or a
 * later tool re-reads them.
 */
export function printUntrusted(lines: readonly string[]): void {
  if (lines.length === 0) return;
  const token = randomBytes(16).toString('hex');
  core.info(`::stop-commands::${token}`);
  try {
    for (const line of lines) core.info(forTerminal(line));
  } finally {
    core.info(`::${token}::`);
  }
}

/** One collapsible log group per finished server: its findings, evidence and last stderr lines. */
export function printServerDone(server: ServerReport): void {
  const facts = [
    `${server.config}:${server.line}`,
    server.startupMs !== null ? `startup ${formatMs(server.startupMs)}` : undefined,
    server.capabilities && 'tools' in server.capabilities
      ? `${server.tools.length} tool${server.tools.length === 1 ? '' : 's'}`
      : undefined,
  ].filter(Boolean);
  // A group title is command data: core escapes line breaks in it, forTerminal shows the rest.
  core.startGroup(forTerminal(`${marks[server.status]} ${server.name} — ${server.status} · ${facts.join(' · ')}`));
  try {
    const lines: string[] = [];
    for (const check of server.checks) {
      if (check.suppressed)
        lines.push(`⊘ ${check.id} suppressed (${check.status}) by ${check.suppressed.source}: ${check.suppressed.reason}`);
      if (check.suppressed || (check.status !== 'fail' && check.status !== 'warn')) continue;
      lines.push(`${marks[check.status]} ${check.id} (${server.config}:${check.line ?? server.line}): ${check.message}`);
      for (const e of (check.evidence ?? []).slice(0, maxEvidence)) lines.push(`    │ ${e}`);
    }
    if (lines.length === 0) lines.push(`${marks[server.status]} no findings`);
    const stderr = server.stderrTail.slice(-maxStderr);
    if (stderr.length > 0) lines.push(`last ${stderr.length} stderr line(s):`, ...stderr.map((l) => `  stderr │ ${l}`));
    printUntrusted(lines);
  } finally {
    core.endGroup();
  }
}
