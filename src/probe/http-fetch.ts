import { MAX_TIMER_MS } from '../launch/deadline.js';
import type { NetworkFailure } from '../model/transcript.js';

/**
 * One HTTP request with a deadline for the answer's head, over Node's fetch (undici). Never throws: a request that got
 * no HTTP answer comes back as a `NetworkFailure`, told apart by the error's `cause.code`.
 */

export interface Answer {
  response?: Response;
  error?: NetworkFailure;
}

export async function fetchWithDeadline(
  url: string | URL,
  init: RequestInit,
  headDeadlineMs: number,
  signal: AbortSignal,
): Promise<Answer> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlineError()), Math.max(0, headDeadlineMs));
  const onAbort = () => deadline.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  try {
    // The body keeps streaming after the head: later aborts (close, the run's cancellation) still reach it.
    const response = await fetch(url, { ...init, signal: deadline.signal });
    return { response };
  } catch (error) {
    return { error: networkFailure(error, deadline.signal.reason instanceof DeadlineError) };
  } finally {
    clearTimeout(timer);
  }
}

class DeadlineError extends Error {
  constructor() {
    super('no answer before the deadline');
  }
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const TIMEOUT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT', 'UND_ERR_BODY_TIMEOUT']);
const RESET = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED']);
const TLS = /^(?:CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|EPROTO$)/;

/** What kind of failure an error from fetch is, from the innermost `cause` that has a code. */
export function networkFailure(error: unknown, timedOut = false): NetworkFailure {
  let code: string | undefined;
  let message = error instanceof Error ? error.message : String(error);
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const found = (cause as { code?: unknown }).code;
    if (typeof found === 'string') {
      code = found;
      message = cause.message;
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  message = message.slice(0, 300);
  if (timedOut || (error instanceof Error && error.name === 'TimeoutError')) return { kind: 'timeout', ...(code && { code }), message };
  if (code === undefined) return { kind: 'other', message };
  const kind: NetworkFailure['kind'] = DNS.has(code)
    ? 'dns'
    : code === 'ECONNREFUSED'
      ? 'refused'
      : TIMEOUT.has(code)
        ? 'timeout'
        : TLS.test(code)
          ? 'tls'
          : RESET.has(code)
            ? 'reset'
            : 'other';
  return { kind, code, message };
}

/**
 * Reads a body up to `maxBytes` (the rest is discarded and the stream cancelled), within `deadlineMs`. `chunk` sees
 * every piece as it arrives (SSE); the result says how the body ended.
 */
export async function readBody(
  response: Response,
  maxBytes: number,
  deadlineMs: number,
  chunk?: (piece: Uint8Array) => boolean | undefined,
): Promise<{ bytes: Uint8Array; total: number; end: 'complete' | 'cap' | 'aborted' | 'stopped' }> {
  const reader = response.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(), total: 0, end: 'complete' };
  const kept: Uint8Array[] = [];
  let keptBytes = 0;
  let total = 0;
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      void reader.cancel().catch(() => undefined);
    },
    Math.min(MAX_TIMER_MS, Math.max(0, deadlineMs)),
  );
  let end: 'complete' | 'cap' | 'aborted' | 'stopped' = 'complete';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (chunk) {
        if (chunk(value) === false) {
          end = 'stopped';
          break;
        }
      } else if (keptBytes < maxBytes) {
        const piece = value.subarray(0, maxBytes - keptBytes);
        kept.push(piece);
        keptBytes += piece.length;
      }
      if (total > maxBytes && !chunk) {
        end = 'cap';
        break;
      }
    }
  } catch {
    end = 'aborted';
  } finally {
    clearTimeout(timer);
    if (timedOut && end === 'complete') end = 'aborted';
    if (end !== 'complete') await reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(keptBytes);
  let at = 0;
  for (const piece of kept) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return { bytes, total, end };
}
