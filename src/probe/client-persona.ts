import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientProfile } from '../model/profile.js';
import type { ClientRecord } from '../model/transcript.js';
import { declarationOf } from '../profiles/client-declaration.js';
import type { ServerRequestHandler } from './exchange.js';

/**
 * The client a session stands for: it declares that client's capabilities in `initialize` (and in the `_meta` of a
 * 2026-07-28 request) and answers the server's own requests the way that client would when no user is there to answer.
 */
export interface ClientPersona {
  record: ClientRecord;
  answer: ServerRequestHandler;
}

/** No profile: what an MCP SDK client declares by default (nothing), answering only `ping`. */
export const SDK_DEFAULT_PERSONA: ClientPersona = personaOf({ capabilities: {}, known: true, roots: [] });

/** The persona of `profile`, whose workspace is `workspaceFolder` (what it answers to `roots/list`). */
export function personaFor(profile: ClientProfile, workspaceFolder: string): ClientPersona {
  const declared = declarationOf(profile);
  const known = declared.capabilities !== 'unknown';
  const capabilities = known ? (declared.capabilities as Record<string, unknown>) : {};
  const roots =
    capabilities.roots === undefined ? [] : [{ uri: pathToFileURL(workspaceFolder).href, name: path.basename(workspaceFolder) }];
  return personaOf({ profile: profile.id, capabilities, known, source: declared.source, roots });
}

function personaOf(record: ClientRecord): ClientPersona {
  const declares = (capability: string) => record.capabilities[capability] !== undefined;
  return {
    record,
    answer: ({ method }) => {
      switch (method) {
        case 'ping':
          return { result: {} };
        case 'roots/list':
          if (declares('roots')) return { result: { roots: record.roots } };
          break;
        case 'elicitation/create':
          // Nobody is there to fill the form: the user dismissed it.
          if (declares('elicitation')) return { result: { action: 'cancel' } };
          break;
        case 'sampling/createMessage':
          // A client asks its user before it runs a model for a server; in CI nobody approves.
          if (declares('sampling')) return { error: { code: -1, message: 'User rejected sampling request' } };
          break;
      }
      // What the MCP SDK answers for a request without a handler.
      return { error: { code: -32601, message: 'Method not found' } };
    },
  };
}
