import type { ResolvedServer } from '../../src/model/spec.js';
import { stdioServer } from './helpers.js';

/** A remote entry as the config layer resolves it. */
export function remoteServer(url: string, type: 'http' | 'sse', headers: Record<string, string> = {}): ResolvedServer {
  const base = stdioServer('', []);
  const { command: _c, ...spec } = base.spec;
  return {
    ...base,
    spec: { ...spec, transport: type, declaredType: type, url, headers, args: [] },
    url,
    headers,
  };
}
