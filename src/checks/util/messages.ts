import type { ExitRecord, JsonRpcId, JsonRpcMessage, MessageRecord, Transcript } from '../../model/transcript.js';
import { excerpt } from './text.js';

/** A response carries an id and a result or an error, and no method. */
export function isResponse(message: JsonRpcMessage): boolean {
  return message.method === undefined && ('result' in message || 'error' in message);
}

/** Requests and responses match on id value *and* type: `1` and `"1"` are different ids. */
export function idKey(id: JsonRpcId | null | undefined): string {
  return `${typeof id}:${String(id)}`;
}

/** `1`, `"1"` — shows the id's type, which is what a wrong-id answer often gets wrong. */
export function showId(id: JsonRpcId | null | undefined): string {
  if (id === undefined) return '(none)';
  return typeof id === 'string' ? `"${excerpt(id, 40)}"` : String(id);
}

export function inboundResponses(transcript: Transcript): MessageRecord[] {
  return transcript.messages.filter((m) => m.direction === 'in' && isResponse(m.message));
}

/** Ids of every request the probe sent. */
export function outboundRequestIds(transcript: Transcript): Set<string> {
  const ids = new Set<string>();
  for (const m of transcript.messages) {
    if (m.direction === 'out' && m.message.method !== undefined && m.message.id !== undefined && m.message.id !== null) {
      ids.add(idKey(m.message.id));
    }
  }
  return ids;
}

/** The last request the probe sent at or before `atMs` (what the server was doing when something happened). */
export function lastRequestBefore(transcript: Transcript, atMs: number): MessageRecord | undefined {
  let last: MessageRecord | undefined;
  for (const m of transcript.messages) {
    if (m.direction === 'out' && m.message.method !== undefined && m.message.id !== undefined && m.atMs <= atMs) last = m;
  }
  return last;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The server died on the unknown method: it was pending (never answered) when the process exited before the shutdown.
 * Requests are sent one after the other, so the exit came while the server handled that method and nothing else.
 */
export function exitedOnUnknownMethod(transcript: Transcript): { exit: ExitRecord; afterMs: number } | undefined {
  const request = transcript.unknownMethod;
  const exit = transcript.exit;
  // A request that never reached the server (its stdin was already gone) cannot have caused the exit.
  if (request?.outcome !== 'closed' || request.id === undefined || !exit) return undefined;
  const beforeShutdown = exit.phase !== 'shutdown' || transcript.shutdown?.endedBy === 'exited-before';
  if (!beforeShutdown || exit.atMs < request.startedMs) return undefined;
  return { exit, afterMs: exit.atMs - request.startedMs };
}
