import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { ProbeSettings } from '../../model/check.js';
import type { ListRecord } from '../../model/transcript.js';
import { explainNetworkError } from './stderr-causes.js';
import { excerpt, formatMs, jsonExcerpt } from './text.js';

export interface ListProblem {
  /** The list method exists but is not implemented (-32601). */
  notImplemented: boolean;
  /** The session ended before the answer (the server exited or closed stdout): stays-alive's finding, not this list's. */
  cutShort: boolean;
  text: string;
  evidence: string[];
}

/** What went wrong while paging through a list method; undefined when it completed. */
export function listProblem(list: ListRecord, settings: ProbeSettings): ListProblem | undefined {
  const method = `${list.method}`;
  const last = list.pages[list.pages.length - 1];
  const page = list.pages.length > 1 ? ` (page ${list.pages.length})` : '';
  const problem = (text: string, evidence: string[] = [], notImplemented = false, cutShort = false) => ({
    text,
    evidence,
    notImplemented,
    cutShort,
  });
  switch (list.end) {
    case 'complete':
      return undefined;
    case 'repeated-cursor':
      return problem(
        `${method} returned the nextCursor "${excerpt(list.repeatedCursor ?? '', 60)}" a second time${page}: a client paging ` +
          'through it loops forever. Return a fresh cursor per page and omit nextCursor on the last one.',
      );
    case 'page-limit':
      return problem(`${method} still returned a nextCursor after ${list.pages.length} pages. Omit nextCursor on the last page.`);
    case 'error': {
      const error = last?.error;
      if (error?.code === ErrorCode.MethodNotFound) {
        return problem(`${method} is not implemented (error -32601 Method not found)${page}.`, [], true);
      }
      const failed = `${method} failed${page} with error ${error?.code ?? '?'}: ${excerpt(error?.message ?? '', 160)}.`;
      const network = explainNetworkError(error?.message ?? '');
      if (network) {
        return problem(
          `${failed} The server needs the network to answer ${method} (${network}): it fails wherever that service is ` +
            'unreachable, and clients then show nothing from it. Answer the list from what the server has locally, and call ' +
            'the service when a tool runs.',
        );
      }
      return problem(failed);
    }
    case 'timeout':
      return problem(
        `${method} got no answer within ${formatMs(settings.requestTimeoutMs)}${page}; clients show MCP error -32001: Request timed out.`,
      );
    case 'closed':
      return problem(`The connection closed while ${method} was pending${page} (see stays-alive).`, [], false, true);
    case 'invalid-result':
      return problem(`${method} returned a result that is not a valid list result${page}.`, [`result: ${jsonExcerpt(last?.result, 300)}`]);
  }
}
