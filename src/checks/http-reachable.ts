import type { Check } from '../model/check.js';
import type { NetworkFailure, StartRecord } from '../model/transcript.js';
import { exchangeEvidence, hostPort, REMOTE, remoteRecord, sessionExchanges, urlPosition } from './util/http.js';
import { fail, pass, skip } from './util/outcome.js';
import { excerpt, formatMs } from './util/text.js';

/** What each kind of network failure means and how it is fixed. */
function explain(failure: NetworkFailure, where: string, timeoutMs: number): string {
  const code = failure.code ? ` (${failure.code})` : '';
  switch (failure.kind) {
    case 'dns':
      return (
        `The host of ${where} does not resolve${code}: no client can connect. Check the host name in the url, or, for an ` +
        'internal name, that the runner uses the DNS (or VPN) that knows it.'
      );
    case 'refused':
      return (
        `Nothing listens on ${where}${code}: the connection was refused. Start the server before the check ` +
        '(`--start NAME=COMMAND`, or the action input `start`), or fix the port in the url.'
      );
    case 'timeout':
      return (
        `${where} did not answer within ${formatMs(timeoutMs)}${code}: a firewall that drops packets, a wrong address, or a ` +
        'server too busy to accept. Check that the runner can reach it.'
      );
    case 'tls':
      return (
        `The TLS handshake with ${where} failed${code}: ${excerpt(failure.message, 160)}. Behind a proxy that intercepts TLS, ` +
        "give Node its CA (NODE_EXTRA_CA_CERTS=/path/to/ca.pem); otherwise renew or fix the server's certificate (it must " +
        'match the host name and chain to a public CA).'
      );
    case 'reset':
      return `${where} accepted the connection and dropped it${code}: a proxy or server that closes MCP requests. Check the server's logs.`;
    case 'other':
      return `The request to ${where} failed${code}: ${excerpt(failure.message, 200)}.`;
  }
}

/** Why the server started for the check never listened, when it did not. */
function startProblem(started: StartRecord | undefined): string | undefined {
  if (!started || started.ready) return undefined;
  const command = `\`${excerpt(started.command, 120)}\``;
  if (started.exit) {
    const how = started.exit.signal ? `signal ${started.exit.signal}` : `code ${started.exit.code}`;
    return `The server started for the check (${command}) exited with ${how} before it listened on the url's port. Fix the command (its output is below), or the port in the url.`;
  }
  return `The server started for the check (${command}) did not listen on the url's port: ${excerpt(started.error ?? 'not ready', 200)}. Check that it listens on the port the url names.`;
}

export const httpReachable: Check = {
  id: 'http-reachable',
  title: 'The remote server answers at its URL',
  remediation:
    'Make the url point at a running server the runner can reach: the right host and port, a certificate Node trusts, ' +
    'and, for a server the repository ships, started before the check (`--start`).',
  requires: [],
  needsTranscript: true,
  transports: REMOTE,
  run({ server, transcript, settings }) {
    const http = remoteRecord(transcript);
    if (!http || !transcript) return skip('The server was not contacted.');
    const position = urlPosition(server.spec);
    const session = sessionExchanges(http);
    const answered = session.find((e) => e.status !== undefined);
    const failed = session.find((e) => e.error !== undefined);
    if (!answered) {
      const start = startProblem(http.started);
      if (start) return fail(start, { position, evidence: (http.started?.stderr ?? []).slice(-8).map((l) => `output: ${l}`) });
      if (!failed) {
        const why = transcript.spawn.errorMessage ? `: ${excerpt(transcript.spawn.errorMessage, 200)}` : '';
        return fail(`No request could be sent to the server${why}.`, { position });
      }
      const timeout =
        failed.rpc === 'initialize' || failed.purpose === 'sse-stream' ? settings.startupTimeoutMs : settings.requestTimeoutMs;
      return fail(explain(failed.error as NetworkFailure, hostPort(http), timeout), { position, evidence: [exchangeEvidence(failed)] });
    }
    const ms = answered.durationMs === undefined ? '' : ` in ${formatMs(answered.durationMs)}`;
    return pass(`${hostPort(http)} answered HTTP ${answered.status}${ms}.`);
  },
};
