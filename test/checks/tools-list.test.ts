import { toolsList } from '../../src/checks/tools-list.js';
import type { ListRecord, RequestRecord } from '../../src/model/transcript.js';
import { testCheck } from './check-tester.js';
import { context, INIT_RESULT } from './transcript-builder.js';

function tools(patch: Partial<ListRecord>) {
  return context({ transcript: (t) => void (t.lists.tools = { ...t.lists.tools!, ...patch }) });
}

const page = (patch: Partial<RequestRecord> = {}): RequestRecord => ({
  method: 'tools/list',
  id: 2,
  phase: 'operation',
  startedMs: 406,
  endedMs: 420,
  outcome: 'result',
  ...patch,
});

testCheck(toolsList, {
  valid: [
    { name: 'one page of tools', ctx: context(), status: 'pass', message: /tools\/list returned 2 tools in 14 ms/ },
    {
      name: 'several pages',
      ctx: tools({ pages: [page(), page({ id: 3, startedMs: 421, endedMs: 430 })], itemCount: 150 }),
      status: 'pass',
      message: /150 tools over 2 pages in 24 ms/,
    },
    {
      name: 'a list cut short by an exit is left to stays-alive',
      ctx: tools({ end: 'closed', pages: [page({ outcome: 'closed' })] }),
      status: 'skip',
      message: /closed while tools\/list was pending \(see stays-alive\)/,
    },
    {
      name: 'no tools capability and no list',
      ctx: context({
        transcript: (t) => {
          t.initialize = { ...t.initialize!, result: { ...INIT_RESULT, capabilities: { prompts: {} } } };
          t.lists = {};
        },
      }),
      status: 'skip',
      message: /does not advertise the "tools" capability/,
    },
  ],
  invalid: [
    {
      name: 'zero tools while advertising tools',
      ctx: tools({ items: [], itemCount: 0 }),
      status: 'warn',
      message: /advertises "tools" but tools\/list returned none/,
    },
    {
      name: 'a repeated cursor',
      ctx: tools({ end: 'repeated-cursor', repeatedCursor: 'abc', pages: [page(), page()] }),
      status: 'fail',
      message: /nextCursor "abc" a second time \(page 2\)/,
    },
    {
      name: 'too many pages',
      ctx: tools({ end: 'page-limit', pages: Array.from({ length: 50 }, () => page()) }),
      status: 'fail',
      message: /still returned a nextCursor after 50 pages/,
    },
    {
      name: 'a timeout',
      ctx: tools({ end: 'timeout', pages: [page({ outcome: 'timeout', endedMs: undefined })] }),
      status: 'fail',
      message: /Request timed out/,
    },

    {
      name: 'a list that needs the network says so',
      ctx: tools({ end: 'error', pages: [page({ outcome: 'error', error: { code: -32603, message: 'fetch failed' } })] }),
      status: 'fail',
      message: [/tools\/list failed with error -32603: fetch failed\./, /The server needs the network to answer tools\/list/],
    },
    {
      name: 'not implemented',
      ctx: tools({ end: 'error', pages: [page({ outcome: 'error', error: { code: -32601, message: 'Method not found' } })] }),
      status: 'fail',
      message: /not implemented.*stop advertising "tools"/,
    },
    {
      name: 'tools listed without the capability',
      ctx: context({ transcript: (t) => void (t.initialize = { ...t.initialize!, result: { ...INIT_RESULT, capabilities: {} } }) }),
      status: 'warn',
      message: /does not advertise the "tools" capability/,
    },
  ],
});
