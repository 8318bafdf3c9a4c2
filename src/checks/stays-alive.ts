import type { Check } from '../model/check.js';
import type { Transcript } from '../model/transcript.js';
import { describeExit, describePhase, exitEvidence, stderrEvidence } from './util/evidence.js';
import { handshakeAnswer } from './util/handshake.js';
import { exitedOnUnknownMethod, lastRequestBefore } from './util/messages.js';
import { fail, pass, skip } from './util/outcome.js';
import { explainStderr } from './util/stderr-causes.js';
import { excerpt, formatMs } from './util/text.js';

export const staysAlive: Check = {
  id: 'stays-alive',
  title: 'Server keeps running after the handshake',
  remediation:
    'A stdio server runs until its stdin closes. Keep the transport connected (`await server.connect(new StdioServerTransport())` ' +
    'and do not call `process.exit` afterwards; in Python, `mcp.run()` blocks), and catch errors in request handlers ' +
    'instead of letting them end the process.',
  requires: ['handshake'],
  needsTranscript: true,
  transports: ['stdio'],
  run({ transcript }) {
    if (!transcript) return skip('The server was not launched.');
    const { exit, initialize } = transcript;
    const handshakeAt = handshakeAnswer(transcript)?.endedMs ?? initialize?.endedMs ?? transcript.startupMs ?? 0;
    const exitedEarly = exit !== undefined && (exit.phase !== 'shutdown' || transcript.shutdown?.endedBy === 'exited-before');
    const onUnknownMethod = exitedOnUnknownMethod(transcript);
    if (onUnknownMethod) {
      // The exit is jsonrpc's finding (the cause); blaming it here too would say the same thing twice.
      return skip(
        `Not judged on its own: the server ${describeExit(onUnknownMethod.exit)} when it received the unknown method, before ` +
          'the end of the stay-alive window (see jsonrpc).',
      );
    }
    if (exit && exitedEarly) {
      const inFlight = lastRequestBefore(transcript, exit.atMs);
      const lastMethod = inFlight && inFlight.atMs > handshakeAt ? inFlight.message.method : undefined;
      // The last request before the exit, answered or not: what the server was doing, not necessarily the cause.
      const during = lastMethod === undefined ? '' : ` (last request: "${excerpt(lastMethod, 60)}")`;
      const why =
        exit.code === 0 && !exit.signal
          ? 'It exited cleanly, so nothing kept it running: keep the stdio transport open until stdin closes.'
          : (explainStderr(transcript.stderr.tail) ?? 'Its stderr below says why.');
      return fail(
        `The server ${describeExit(exit)}, ${formatMs(exit.atMs - handshakeAt)} after the handshake, ${describePhase(exit.phase)}${during}. ` +
          `Clients then show MCP error -32000: Connection closed and its tools disappear. ${why}`,
        { evidence: [exitEvidence(exit), ...stderrEvidence(transcript)] },
      );
    }
    // The grace period overlaps the requests, so the session reached the shutdown only once both were over: stdout
    // ending before then (however long the requests took) was the server's doing, not the effect of the shutdown.
    const graceEnd = Math.max(handshakeAt + transcript.graceMs, ...operationTimes(transcript));
    const stdoutClosed = transcript.stdoutClosedAtMs;
    // Closing stdin ends stdout a moment later: only a close before the shutdown began was the server's own.
    const shutdownAt = transcript.shutdown?.stdinClosedAtMs;
    if (stdoutClosed !== undefined && (shutdownAt === undefined ? stdoutClosed <= graceEnd : stdoutClosed < shutdownAt)) {
      return fail(
        `The server closed its stdout ${formatMs(Math.max(0, stdoutClosed - handshakeAt))} after the handshake but kept running: ` +
          'the client can no longer receive anything, and every request times out (MCP error -32001: Request timed out). ' +
          'Do not close or end process.stdout (sys.stdout) while serving.',
        { evidence: stderrEvidence(transcript) },
      );
    }
    if (transcript.aliveAfterGrace === true) {
      return pass(`Still running ${formatMs(transcript.graceMs)} after the handshake.`);
    }
    if (transcript.aliveAfterGrace === false) {
      return fail('The server was no longer running at the end of the grace period (its exit was not recorded).', {
        evidence: stderrEvidence(transcript),
      });
    }
    const why = transcript.probeError ? `: ${excerpt(transcript.probeError, 200)} (a bug in mcp-preflight, not in the server)` : '';
    return skip(`The probe did not reach the end of the grace period${why}.`);
  },
};

/** When each request after the handshake ended (or, when it was never sent, when it would have started). */
function operationTimes(transcript: Transcript): number[] {
  const { ping, unknownMethod, lists } = transcript;
  const records = [ping, unknownMethod, ...Object.values(lists).flatMap((list) => list?.pages ?? [])];
  return records.flatMap((record) => (record ? [record.endedMs ?? record.startedMs] : []));
}
