import type { Check } from '../model/check.js';
import { fieldPosition } from './util/position.js';
import { exchangeEvidence, fallsBackToSse, REMOTE, remoteRecord, sessionExchanges, typeFix, urlPosition } from './util/http.js';
import { fail, pass, skip, warn } from './util/outcome.js';

const NAMES = { http: 'Streamable HTTP', sse: 'the legacy HTTP+SSE transport' } as const;

export const httpTransport: Check = {
  id: 'http-transport',
  title: 'The entry declares the transport the server speaks',
  remediation:
    'Declare the transport the server speaks: Streamable HTTP (`"type": "http"`, one POST endpoint such as /mcp) or ' +
    'legacy SSE (`"type": "sse"`, a GET stream such as /sse) — or make the server offer the declared one.',
  requires: ['http-reachable'],
  needsTranscript: true,
  transports: REMOTE,
  run({ server, transcript }) {
    const http = remoteRecord(transcript);
    if (!http) return skip('The server was not contacted.');
    const { spec } = server;
    const position = spec.fieldPositions.type ? fieldPosition(spec, 'type') : urlPosition(spec);
    const evidence = sessionExchanges(http).slice(0, 4).map(exchangeEvidence);
    const { configured, spoken } = http;
    if (spoken === undefined) {
      if (sessionExchanges(http).some((e) => e.status === 401 || e.status === 403)) {
        return skip('The server asked for credentials before it showed its transport (see http-auth).', { evidence });
      }
      return fail(
        'The server speaks neither Streamable HTTP nor the legacy SSE transport at this url: POST initialize was not ' +
          'answered with an MCP message and GET gave no `endpoint` event. Check the path (Streamable HTTP servers usually ' +
          'serve /mcp, legacy SSE servers /sse).',
        { position: urlPosition(spec), evidence },
      );
    }
    if (spoken === configured) return pass(`The server speaks ${NAMES[spoken]}, as the entry declares.`);
    const fix = typeFix(spec, spoken);
    const change = fix
      ? `Set ${fix} in this entry.`
      : spec.client === 'codex'
        ? `Codex speaks Streamable HTTP only: the server must offer it at this url.`
        : `Point the entry at the server's ${NAMES[configured]} endpoint, or declare ${NAMES[spoken]} the way ${spec.client} does.`;
    const message = `The entry declares ${NAMES[configured]}, but the server speaks ${NAMES[spoken]}.`;
    if (configured === 'http' && fallsBackToSse(spec)) {
      return warn(
        `${message} This client tries Streamable HTTP first and falls back to SSE, so it connects after a failed attempt; ` +
          `other clients do not. ${change}`,
        { position, evidence },
      );
    }
    const symptom =
      configured === 'http'
        ? 'Clients POST to the url, get an HTTP error and never connect.'
        : 'Clients open a GET stream, never receive the `endpoint` event and time out.';
    return fail(`${message} ${symptom} ${change}`, { position, evidence });
  },
};
