import type { Check } from '../model/check.js';
import { exchangeEvidence, hostPort, REMOTE, remoteRecord, urlPosition } from './util/http.js';
import { pass, skip, warn } from './util/outcome.js';

export const httpOrigin: Check = {
  id: 'http-origin',
  title: 'A local HTTP server refuses requests from foreign web pages',
  remediation:
    'Validate the Origin header and answer 403 to an origin you do not serve (DNS-rebinding protection): with the SDK, ' +
    '`createMcpExpressApp()` or `enableDnsRebindingProtection: true` with `allowedOrigins`/`allowedHosts`; and bind to 127.0.0.1.',
  requires: ['http-transport'],
  needsTranscript: true,
  transports: REMOTE,
  run({ server, transcript }) {
    const http = remoteRecord(transcript);
    if (!http) return skip('The server was not contacted.');
    if (!http.target.loopback) return skip(`${hostPort(http)} is not a local server: DNS rebinding concerns servers on localhost.`);
    const probe = http.exchanges.find((e) => e.purpose === 'foreign-origin');
    if (!probe || probe.status === undefined) return skip('The request with a foreign Origin got no answer.');
    const evidence = [`${exchangeEvidence(probe)} with Origin: ${probe.sent.origin ?? ''}`];
    const status = probe.status;
    if (status >= 200 && status <= 299) {
      return warn(
        `The server on ${hostPort(http)} accepted a request with Origin: ${probe.sent.origin} (HTTP ${status}). Any web page the ` +
          "user opens can then reach it through DNS rebinding and call its tools with the user's rights. The spec requires " +
          'validating Origin and answering 403.',
        { position: urlPosition(server.spec), evidence },
      );
    }
    const note = status === 403 ? '' : ' (the spec asks for 403)';
    return pass(`A request with a foreign Origin was refused with HTTP ${status}${note}.`, { evidence });
  },
};
