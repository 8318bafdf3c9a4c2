import type { Report } from '../model/report.js';

/** The JSON report file (`schemaVersion: 1`, documented in README.md) as one string: for small reports and tests. */
export function renderJson(report: Report): string {
  return [...jsonReportChunks(report)].join('');
}

/**
 * The same document as `JSON.stringify(report, null, 2)` plus a newline, in pieces: one per config and per server, so
 * a report of any size is written without ever being one string (V8 caps a string at about 512 MB, and building it
 * would hold the whole report twice). The text is inert too, for whoever prints it (`cat report.json` in a later step):
 * characters that act on a terminal or hide text, and the runner's legacy `##[` marker, are written as `\u` escapes,
 * which any JSON reader decodes back to the same value.
 */
export function* jsonReportChunks(report: Report): Generator<string> {
  for (const chunk of rawChunks(report)) yield inertJson(chunk);
}

// JSON.stringify escapes C0 controls itself; the line breaks it writes between tokens are the only raw ones left.
const unsafe = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]|##\[/gu;

function inertJson(json: string): string {
  return json.replace(unsafe, (match) =>
    match === '##['
      ? '#\\u0023['
      : Array.from({ length: match.length }, (_, i) => `\\u${match.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}

function* rawChunks(report: Report): Generator<string> {
  const entries = Object.entries(report).filter(([, value]) => value !== undefined);
  yield '{\n';
  for (const [index, [key, value]] of entries.entries()) {
    const comma = index < entries.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [i, item] of value.entries()) yield `    ${indent(JSON.stringify(item, null, 2), 4)}${i < value.length - 1 ? ',' : ''}\n`;
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), 2)}${comma}\n`;
    }
  }
  yield '}\n';
}

/** Indents every line after the first (a JSON text has line breaks only between tokens; strings escape theirs). */
function indent(json: string, spaces: number): string {
  return json.replace(/\n/g, `\n${' '.repeat(spaces)}`);
}
