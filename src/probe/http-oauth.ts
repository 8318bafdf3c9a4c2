import type { OAuthRecord } from '../model/transcript.js';
import { fetchWithDeadline, readBody } from './http-fetch.js';

/** Protected-resource metadata is a small JSON document. */
const MAX_METADATA_BYTES = 64 * 1024;

/**
 * After a 401, where a client goes for authorization (RFC 9728, as the MCP authorization spec uses it): the
 * `resource_metadata` URL of the `WWW-Authenticate` challenge, or else the well-known URL on the server's origin. The
 * metadata's `authorization_servers` name who issues tokens. Bounded by `deadlineMs`; never throws.
 */
export async function discoverAuthorization(
  url: URL,
  challenge: string | undefined,
  deadlineMs: number,
  signal: AbortSignal,
): Promise<OAuthRecord | undefined> {
  const fromChallenge = challenge === undefined ? undefined : resourceMetadataOf(challenge);
  let metadataUrl: URL;
  try {
    metadataUrl = fromChallenge
      ? new URL(fromChallenge, url)
      : new URL(`/.well-known/oauth-protected-resource${url.pathname.replace(/\/$/, '')}`, url);
  } catch {
    return undefined;
  }
  if (metadataUrl.protocol !== 'https:' && metadataUrl.protocol !== 'http:') return undefined;
  const record: OAuthRecord = { metadataUrl: metadataUrl.href.slice(0, 300), fromChallenge: fromChallenge !== undefined };
  const answer = await fetchWithDeadline(metadataUrl, { method: 'GET', headers: { accept: 'application/json' } }, deadlineMs, signal);
  if (answer.error) return { ...record, error: answer.error };
  const response = answer.response as Response;
  record.status = response.status;
  const { bytes, end } = await readBody(response, MAX_METADATA_BYTES, deadlineMs);
  if (!response.ok || end !== 'complete') return record;
  try {
    const metadata = JSON.parse(Buffer.from(bytes).toString('utf8')) as { authorization_servers?: unknown; resource?: unknown };
    if (Array.isArray(metadata.authorization_servers)) {
      record.authorizationServers = metadata.authorization_servers
        .filter((s): s is string => typeof s === 'string')
        .slice(0, 5)
        .map((s) => s.slice(0, 200));
    }
    if (typeof metadata.resource === 'string') record.resource = metadata.resource.slice(0, 200);
  } catch {
    // Not JSON: the record says what status came back, and nothing more.
  }
  return fromChallenge || record.authorizationServers ? record : undefined;
}

/** The `resource_metadata` parameter of a `Bearer` challenge (quoted or a token). */
export function resourceMetadataOf(challenge: string): string | undefined {
  const match = challenge.match(/resource_metadata\s*=\s*(?:"([^"]*)"|([^\s,]+))/i);
  return match ? (match[1] ?? match[2]) : undefined;
}
