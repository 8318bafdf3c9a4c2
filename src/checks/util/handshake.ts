import type { RequestRecord, Transcript } from '../../model/transcript.js';
import { isPlainObject } from './messages.js';

/** The answer that opened the session: the InitializeResult, or a 2026-07-28 server's DiscoverResult. */
export function handshakeAnswer(transcript: Transcript): RequestRecord | undefined {
  return transcript.generation === 'modern' ? transcript.discover : transcript.initialize;
}

/** The capabilities the server advertised in that answer ({} when there are none). */
export function serverCapabilities(transcript: Transcript): Record<string, unknown> {
  const result = handshakeAnswer(transcript)?.result;
  return isPlainObject(result) && isPlainObject(result['capabilities']) ? result['capabilities'] : {};
}
