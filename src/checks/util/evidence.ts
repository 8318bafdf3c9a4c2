import type { ExitRecord, Phase, Transcript, WireLine } from '../../model/transcript.js';
import { count, excerpt, formatMs } from './text.js';

const STDERR_LINES = 8;

/** Lines that say nothing on their own: blank, a JavaScript stack frame, a caret or a lone brace. */
const noise = /^\s*$|^\s+at\s|^\s*[\^~{}]+\s*$/;

/**
 * The last telling stderr lines as evidence, oldest first, each prefixed `stderr:` (stack frames and blank lines are
 * left out so the error itself fits in a short evidence list); a closing note says how many lines there were in all.
 */
export function stderrEvidence(transcript: Transcript, lines = STDERR_LINES): string[] {
  const { tail, lines: total } = transcript.stderr;
  if (tail.length === 0) return ['stderr: (empty)'];
  const telling = tail.filter((line) => !noise.test(line));
  const shown = (telling.length > 0 ? telling : tail).slice(-lines);
  const note =
    total > shown.length
      ? [`(${count(shown.length, 'line')} of ${count(total, 'stderr line')} shown; stack frames and blank lines left out)`]
      : [];
  return [...shown.map((line) => `stderr: ${excerpt(line, 200)}`), ...note];
}

/** `exited with code 1` / `was killed by SIGSEGV`. */
export function describeExit(exit: Pick<ExitRecord, 'code' | 'signal'>): string {
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code ?? 'unknown'}`;
}

/** `exit: code 1 at 230 ms (startup)`. */
export function exitEvidence(exit: ExitRecord): string {
  const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code ?? 'unknown'}`;
  return `exit: ${how} at ${formatMs(exit.atMs)} (${exit.phase})`;
}

const kindLabels: Record<WireLine['kind'], string> = {
  message: 'JSON-RPC message',
  empty: 'empty line',
  'invalid-utf8': 'invalid UTF-8',
  bom: 'starts with a byte order mark',
  'not-json': 'not JSON',
  'not-jsonrpc': 'JSON but not a JSON-RPC message',
  oversize: 'too long',
};

export function describeLineKind(kind: WireLine['kind']): string {
  return kindLabels[kind];
}

/** `stdout line 3 (startup, not JSON): "Server started on port 3000"`. */
export function wireLineEvidence(line: WireLine): string {
  const size = line.truncated ? `, ${count(line.byteLength, 'byte')}` : '';
  // The JSON parser's message only repeats the line; the JSON-RPC shape problem says what is missing.
  const problem = line.kind === 'not-jsonrpc' && line.problem ? ` — ${excerpt(line.problem, 80)}` : '';
  return `stdout line ${line.index} (${line.phase}, ${describeLineKind(line.kind)}${size}${problem}): "${excerpt(line.text)}"`;
}

const phaseWords: Record<Phase, string> = {
  startup: 'during startup',
  operation: 'while answering requests',
  grace: 'during the grace period',
  shutdown: 'during shutdown',
};

export function describePhase(phase: Phase): string {
  return phaseWords[phase];
}
