import type { Check } from '../model/check.js';
import { listProblem } from './util/lists.js';
import { serverCapabilities } from './util/handshake.js';
import { fail, pass, skip, warn } from './util/outcome.js';
import { count, formatMs } from './util/text.js';

export const toolsList: Check = {
  id: 'tools-list',
  title: 'tools/list answers and its pagination ends',
  remediation:
    'Answer tools/list promptly with `{ "tools": [...] }`; when paginating, return a new `nextCursor` per page and omit it on ' +
    'the last page. Register tools before connecting the transport, or send notifications/tools/list_changed when they change.',
  requires: ['handshake'],
  needsTranscript: true,
  run({ transcript, settings }) {
    if (!transcript) return skip('The server was not launched.');
    const caps = serverCapabilities(transcript);
    const advertised = 'tools' in caps;
    const list = transcript.lists.tools;
    if (!list) {
      return advertised
        ? skip('"tools" is advertised but tools/list was not requested (the session ended first).')
        : skip('The server does not advertise the "tools" capability, so clients do not list its tools.');
    }
    const problem = listProblem(list, settings);
    if (problem?.cutShort) return skip(problem.text);
    if (problem) {
      const advice = problem.notImplemented ? ' Implement tools/list or stop advertising "tools".' : '';
      return fail(`${problem.text}${advice}`, { evidence: problem.evidence });
    }
    const first = list.pages[0];
    const last = list.pages[list.pages.length - 1];
    const took = first && last?.endedMs !== undefined ? ` in ${formatMs(last.endedMs - first.startedMs)}` : '';
    const pages = list.pages.length > 1 ? ` over ${list.pages.length} pages` : '';
    if (!advertised) {
      return warn(
        `tools/list returned ${count(list.itemCount, 'tool')}, but the server does not advertise the "tools" capability: clients ` +
          'that respect capabilities never list them. Add "tools": {} to the capabilities in the InitializeResult.',
      );
    }
    if (list.itemCount === 0) {
      return warn(
        `The server advertises "tools" but tools/list returned none${took}: clients show it with no tools. Register the tools ` +
          'before connecting the transport (or send notifications/tools/list_changed once they exist), or drop the capability.',
      );
    }
    return pass(`tools/list returned ${count(list.itemCount, 'tool')}${pages}${took}.`);
  },
};
