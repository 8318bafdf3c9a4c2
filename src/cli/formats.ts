import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../model/report.js';
import { describeWriteError } from '../report-file.js';
import { renderJunit } from '../report/junit.js';
import { renderSarif } from '../report/sarif.js';
import { forTerminal } from '../report/untrusted-text.js';

export interface FormatFiles {
  junit?: string;
  sarif?: string;
  run: { root: string };
}

/**
 * Writes `--junit` and `--sarif` (relative to the run's root; paths in SARIF are relative to it too). Returns true
 * when one could not be written (said on `say`).
 */
export async function writeExtraFormats(
  options: FormatFiles,
  report: Report,
  say: (line: string) => void,
  render: { junit: () => string; sarif: () => string } = {
    junit: () => renderJunit([{ report }]),
    sarif: () => renderSarif(report),
  },
): Promise<boolean> {
  let failed = false;
  for (const [flag, file, content] of [
    ['--junit', options.junit, render.junit],
    ['--sarif', options.sarif, render.sarif],
  ] as const) {
    if (file === undefined) continue;
    try {
      await writeFile(path.resolve(options.run.root, file), content());
    } catch (error) {
      say(`${flag} ${forTerminal(file)}: cannot write there (${describeWriteError(error)})`);
      failed = true;
    }
  }
  return failed;
}
