import type { Report } from '../model/report.js';

/** The JSON report file (`schemaVersion: 1`, documented in README.md). */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
