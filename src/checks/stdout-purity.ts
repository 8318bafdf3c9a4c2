import type { Check } from '../model/check.js';
import type { WireLine } from '../model/transcript.js';
import { describeLineKind, wireLineEvidence } from './util/evidence.js';
import { fail, pass, skip, warn } from './util/outcome.js';
import { count, listSome } from './util/text.js';

const formatBytes = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

const SHOWN_LINES = 5;
/** The MCP SDK's stdio read buffer (STDIO_DEFAULT_MAX_BUFFER_SIZE): a longer line closes the connection. */
const SDK_MAX_LINE_BYTES = 10 * 1024 * 1024;

/** A line over the probe's parse cap but within what SDK clients read is unjudged, not wrong. */
const unjudged = (l: WireLine) => l.kind === 'oversize' && l.byteLength <= SDK_MAX_LINE_BYTES;

/** A specific fix for what the bad lines look like. */
function hint(bad: readonly WireLine[]): string {
  const kinds = new Set(bad.map((l) => l.kind));
  const hints: string[] = [];
  if (kinds.has('bom')) hints.push('remove the byte order mark (write UTF-8 without BOM)');
  if (bad.some((l) => l.kind === 'not-json' && /^\s*[{}[\]]\s*$|^\s+"/.test(l.text))) {
    hints.push('one message per line: JSON.stringify(message) without indentation, no pretty-printing');
  }
  if (kinds.has('invalid-utf8')) hints.push('encode stdout as UTF-8');
  if (kinds.has('oversize')) hints.push('keep each message under 10 MB, where the SDK client closes the connection (paginate large lists)');
  hints.push('send logs and banners to stderr (console.error in Node, print(..., file=sys.stderr) in Python, logging to stderr)');
  return hints.join('; ');
}

function tally(bad: readonly WireLine[]): string {
  const byKind = new Map<string, number>();
  for (const l of bad) byKind.set(describeLineKind(l.kind), (byKind.get(describeLineKind(l.kind)) ?? 0) + 1);
  return [...byKind].map(([kind, n]) => `${n} ${kind}`).join(', ');
}

export const stdoutPurity: Check = {
  id: 'stdout-purity',
  title: 'stdout carries only JSON-RPC messages',
  remediation:
    'stdout is the protocol channel: every line must be exactly one JSON-RPC message. Write logs, banners and debug ' +
    'output to stderr (`console.error`, not `console.log`); stderr is free-form and never an error.',
  requires: [],
  needsTranscript: true,
  transports: ['stdio'],
  run({ transcript }) {
    if (!transcript) return skip('The server was not launched.');
    if (!transcript.spawn.ok) return skip('The process did not start (see spawn): there was no stdout.');
    const { wireStats } = transcript;
    const kept = transcript.wire.filter((l) => l.kind !== 'message');
    const bad = kept.filter((l) => !unjudged(l));
    const large = kept.filter(unjudged);
    const unterminated =
      wireStats.unterminatedBytes > 0
        ? [
            `stdout ended with ${count(wireStats.unterminatedBytes, 'byte')} not terminated by a newline: a client never reads that message.`,
          ]
        : [];
    const total = Math.max(wireStats.badLines - large.length, bad.length);
    if (total === 0 && unterminated.length === 0) {
      if (large.length > 0) {
        return warn(
          `${count(large.length, 'stdout line')} (${listSome(large.map((l) => `line ${l.index}: ${formatBytes(l.byteLength)}`))}) ` +
            "exceeded mcp-preflight's parse limit and were not judged; SDK clients read lines up to 10 MB. Paginate large results.",
        );
      }
      return pass(`All ${count(wireStats.lines, 'stdout line')} were JSON-RPC messages.`);
    }
    const evidence = [...bad.slice(0, SHOWN_LINES).map(wireLineEvidence), ...unterminated];
    if (total > SHOWN_LINES) evidence.push(`… and ${total - SHOWN_LINES} more bad lines`);
    const parts: string[] = [];
    if (total > 0) {
      const first = bad[0];
      const firstAt = first ? ` (first at line ${first.index}, ${first.phase})` : '';
      const kinds = bad.length > 0 ? `: ${tally(bad)}` : '';
      parts.push(`${total} of ${count(wireStats.lines, 'stdout line')} were not JSON-RPC messages${firstAt}${kinds}.`);
    }
    parts.push(...unterminated);
    parts.push(
      'The spec allows nothing but MCP messages on stdout: SDK clients drop each such line with a parse error, other ' +
        'clients may treat it as a broken connection, and a message split over several lines is lost.',
    );
    parts.push(`Fix: ${hint(bad)}.`);
    const message = parts.join(' ');
    // Blank lines alone are harmless noise to SDK clients (dropped with an error event); anything else is a violation.
    const onlyBlank = unterminated.length === 0 && bad.length === total && bad.every((l) => l.kind === 'empty');
    return onlyBlank ? warn(message, { evidence }) : fail(message, { evidence });
  },
};
