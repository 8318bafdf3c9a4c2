/**
 * Reading the reports a merge combines. They are untrusted input (artifacts uploaded by PR legs): every file is
 * capped in size, their number is capped, and each must be a report this version wrote — checked against
 * docs/report.schema.json — before anything of it is shown. Their text goes through the same doors as a run's.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../docs/report.schema.json' with { type: 'json' };
import type { Report } from '../model/report.js';
import { TOOL_VERSION } from '../version.js';
import type { MergeInput } from './merge.js';
import { forTerminal } from './untrusted-text.js';

/** A matrix has at most 256 jobs. */
export const MAX_MERGE_REPORTS = 256;
/** A report of 1,000 servers is a few MB; far past that it is no report of ours. */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

export class MergeInputError extends Error {}

const dateTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;
let validator: ReturnType<Ajv2020['compile']> | undefined;

/**
 * The report files named: files as given, folders by the `.json` files directly in them (what download-artifact's
 * `merge-multiple` leaves). Throws `MergeInputError` with one clear sentence on the first problem.
 */
export async function readMergeInputs(
  paths: readonly string[],
  cwd: string,
  limits = { maxReports: MAX_MERGE_REPORTS, maxBytes: MAX_REPORT_BYTES },
): Promise<MergeInput[]> {
  const files: string[] = [];
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    const info = await stat(full).catch(() => undefined);
    if (!info) throw new MergeInputError(`${forTerminal(given)}: no such file or folder`);
    if (info.isDirectory()) {
      const names = (await readdir(full)).filter((n) => n.endsWith('.json')).sort();
      if (names.length === 0) throw new MergeInputError(`${forTerminal(given)}: no .json report in this folder`);
      files.push(...names.map((n) => path.join(full, n)));
    } else files.push(full);
    if (files.length > limits.maxReports) {
      throw new MergeInputError(`more than ${limits.maxReports} reports to merge: a matrix has at most 256 legs`);
    }
  }
  if (files.length === 0) throw new MergeInputError('no report to merge');
  const inputs: MergeInput[] = [];
  for (const file of files) {
    const source = path.relative(cwd, file) || file;
    inputs.push({ source, report: await readOne(file, source, limits.maxBytes) });
  }
  return inputs;
}

async function readOne(file: string, source: string, maxBytes: number): Promise<Report> {
  const shown = forTerminal(source);
  const info = await stat(file);
  if (!info.isFile()) throw new MergeInputError(`${shown}: not a regular file`);
  if (info.size > maxBytes) throw new MergeInputError(`${shown}: ${info.size} bytes, over the ${maxBytes}-byte cap for a report`);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new MergeInputError(`${shown}: not JSON (is it an mcp-preflight report?)`);
  }
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const tool = record.tool as { name?: unknown; version?: unknown } | undefined;
  if (tool?.name !== 'mcp-preflight') throw new MergeInputError(`${shown}: not an mcp-preflight report`);
  // Versions first: a report of another version may well not fit this schema, and the version is what to fix.
  if (record.schemaVersion !== 1 || tool.version !== TOOL_VERSION) {
    throw new MergeInputError(
      `${shown}: written by mcp-preflight ${forTerminal(String(tool.version))} (report schema ${forTerminal(String(record.schemaVersion))}); ` +
        `this is ${TOOL_VERSION} (schema 1): merge with the version every leg ran`,
    );
  }
  validator ??= new Ajv2020({ strict: false, allErrors: false }).addFormat('date-time', dateTime).compile(schema);
  if (!validator(value)) {
    const error = validator.errors?.[0];
    throw new MergeInputError(`${shown}: not a valid report (${forTerminal(`${error?.instancePath || '/'} ${error?.message ?? ''}`)})`);
  }
  return value as Report;
}
