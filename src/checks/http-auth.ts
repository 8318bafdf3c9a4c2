import type { Check, CheckOutcome } from '../model/check.js';
import type { ResolvedServer } from '../model/spec.js';
import { fieldPosition } from './util/position.js';
import { exchangeEvidence, isEmptyCredential, REMOTE, remoteRecord, sessionExchanges, urlPosition } from './util/http.js';
import { fail, pass, skip, warn } from './util/outcome.js';
import { excerpt } from './util/text.js';

/** A variable reference left as text in a header value: the client does not expand it, or it was not set. */
const UNEXPANDED = /\$\{\{?\s*[\w.:-]+\s*\}?\}|\$[A-Z_][A-Z0-9_]*|%[A-Z_][A-Z0-9_]*%/;

const AUTH_HEADER = /^(?:authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|.*token.*|.*key.*|.*secret.*)$/i;

/** The header names (and variables) the credentials travel in. */
function credentialHeaders(server: ResolvedServer): { headers: string[]; variables: string[] } {
  const headers = Object.keys(server.headers).filter((name) => AUTH_HEADER.test(name));
  const variables = [...new Set(server.variables.filter((v) => v.field === 'headers').map((v) => v.name))];
  return { headers, variables };
}

function unexpanded(server: ResolvedServer): CheckOutcome | undefined {
  const found = Object.entries(server.headers).find(([, value]) => UNEXPANDED.test(value));
  if (!found) return undefined;
  const [name, value] = found;
  const reference = value.match(UNEXPANDED)?.[0] ?? '';
  return fail(
    `The server refused the request, and header "${excerpt(name, 60)}" was sent with the literal text ${excerpt(reference, 60)}: ` +
      `${server.spec.client} does not expand that reference here, so the server got the placeholder instead of the ` +
      "credential. Use this client's variable syntax (see config-variables), or set the value where the client reads it.",
    { position: fieldPosition(server.spec, `headers.${name}`) },
  );
}

export const httpAuth: Check = {
  id: 'http-auth',
  title: 'The remote server accepts the credentials the entry sends',
  remediation:
    'Send the credential the server expects in the entry\'s `headers` (e.g. `"Authorization": "Bearer ${API_TOKEN}"`) ' +
    'and set the variable in CI from a secret; for an OAuth server, clients sign in interactively.',
  requires: ['http-reachable'],
  needsTranscript: true,
  transports: REMOTE,
  run({ server, transcript }) {
    const http = remoteRecord(transcript);
    if (!http) return skip('The server was not contacted.');
    const { spec } = server;
    const refused = sessionExchanges(http).find((e) => e.status === 401 || e.status === 403);
    const { headers, variables } = credentialHeaders(server);
    if (!refused) {
      return pass(
        headers.length > 0
          ? `The server accepted the credentials in ${headers.map((h) => `"${h}"`).join(', ')}.`
          : 'The server asked for no credentials.',
      );
    }
    const evidence = [exchangeEvidence(refused)];
    const literal = unexpanded(server);
    if (literal) return { ...literal, evidence };
    const status = refused.status;
    const oauth = http.oauth;
    const sent = headers.length > 0;
    const where = headers[0] ? fieldPosition(spec, `headers.${headers[0]}`) : urlPosition(spec);
    const named = variables.length > 0 ? ` (from ${variables.map((v) => `\${${v}}`).join(', ')})` : '';
    const empty = headers.filter((name) => isEmptyCredential(server.headers[name] ?? ''));
    if (empty.length > 0) {
      return fail(
        `The server refused the connection with HTTP ${status}, and ${empty.map((h) => `"${h}"`).join(', ')}${named} ` +
          `${empty.length === 1 ? 'was' : 'were'} sent without a credential: the variable is empty or not set (a pull ` +
          `request from a fork gets no secrets). Set ${variables[0] ?? 'it'} from a secret where the client runs.`,
        { position: fieldPosition(spec, `headers.${empty[0]}`), evidence },
      );
    }
    if (sent) {
      return fail(
        `The server refused the credentials in ${headers.map((h) => `"${h}"`).join(', ')}${named} with HTTP ${status}: ` +
          `${status === 401 ? 'the token is wrong or expired' : 'the credential is valid but not allowed to use this server'}. ` +
          `Renew the secret behind ${variables[0] ? `\${${variables[0]}}` : `"${headers[0]}"`}, or give it the access it needs.`,
        { position: where, evidence },
      );
    }
    if (status === 401 && oauth && (oauth.fromChallenge || oauth.authorizationServers)) {
      const servers = oauth.authorizationServers?.length ? oauth.authorizationServers.join(', ') : undefined;
      return warn(
        `The server requires OAuth: its 401 points to protected-resource metadata${servers ? ` naming the authorization server ${servers}` : ''}` +
          `${oauth.status !== undefined && oauth.status !== 200 ? ` (the metadata answered HTTP ${oauth.status})` : ''}. ` +
          'Clients that support OAuth open a sign-in in the browser; one without OAuth support cannot connect. mcp-preflight ' +
          'cannot sign in, so the rest was not checked: to check it in CI, send a token in "headers" ' +
          '("Authorization": "Bearer ${TOKEN}") from a secret.',
        { position: urlPosition(spec), evidence: [...evidence, `protected-resource metadata: ${oauth.metadataUrl}`] },
      );
    }
    return fail(
      `The server refused the connection with HTTP ${status} and the entry sends no credentials: add the header it expects, ` +
        'e.g. "headers": { "Authorization": "Bearer ${API_TOKEN}" }, and set API_TOKEN from a secret.',
      { position: urlPosition(spec), evidence },
    );
  },
};
