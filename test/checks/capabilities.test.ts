import { capabilities } from '../../src/checks/capabilities.js';
import type { ListRecord, RequestRecord, Transcript } from '../../src/model/transcript.js';
import { testCheck } from './check-tester.js';
import { context, INIT_RESULT } from './transcript-builder.js';

function page(method: string, patch: Partial<RequestRecord> = {}): RequestRecord {
  return { method, id: 10, phase: 'operation', startedMs: 430, endedMs: 440, outcome: 'result', result: {}, ...patch };
}

function list(kind: ListRecord['kind'], method: string, patch: Partial<ListRecord> = {}): ListRecord {
  return { kind, method, pages: [page(method)], items: [{ name: 'a' }], itemCount: 1, end: 'complete', ...patch };
}

/** A server that advertises `caps` and whose lists are `lists`. */
function advertising(caps: Record<string, unknown>, lists: Transcript['lists']) {
  return context({
    transcript: (t) => {
      const result = { ...INIT_RESULT, capabilities: caps };
      t.initialize = { ...t.initialize!, result };
      t.lists = { ...t.lists, ...lists };
    },
  });
}

const error32601 = { outcome: 'error' as const, result: undefined, error: { code: -32601, message: 'Method not found' } };

testCheck(capabilities, {
  valid: [
    {
      name: 'only tools advertised',
      ctx: context(),
      status: 'pass',
      message: /No prompts or resources advertised\. Also advertised: tools \(tools are judged by tools-list\)/,
    },
    {
      name: 'prompts and resources answer',
      ctx: advertising(
        { tools: {}, prompts: {}, resources: { subscribe: true } },
        {
          prompts: list('prompts', 'prompts/list'),
          resources: list('resources', 'resources/list'),
          resourceTemplates: list('resourceTemplates', 'resources/templates/list', { items: [], itemCount: 0 }),
        },
      ),
      status: 'pass',
      message: /prompts\/list: 1 item; resources\/list: 1 item; resources\/templates\/list: 0 items/,
    },
  ],
  invalid: [
    {
      name: 'prompts advertised but not implemented',
      ctx: advertising(
        { prompts: {} },
        { prompts: list('prompts', 'prompts/list', { end: 'error', pages: [page('prompts/list', error32601)] }) },
      ),
      status: 'fail',
      message: /prompts\/list is not implemented \(error -32601 Method not found\)\. Implement it or stop advertising "prompts"/,
    },
    {
      name: 'resource templates missing is only a warning',
      ctx: advertising(
        { resources: {} },
        {
          resources: list('resources', 'resources/list'),
          resourceTemplates: list('resourceTemplates', 'resources/templates/list', {
            end: 'error',
            pages: [page('resources/templates/list', error32601)],
          }),
        },
      ),
      status: 'warn',
      message: /resources\/templates\/list is not implemented.*Answered: resources\/list: 1 item/,
    },
    {
      name: 'resources/list times out',
      ctx: advertising(
        { resources: {} },
        { resources: list('resources', 'resources/list', { end: 'timeout', pages: [page('resources/list', { outcome: 'timeout' })] }) },
      ),
      status: 'fail',
      message: /resources\/list got no answer within 10\.0 s; clients show MCP error -32001/,
    },
    {
      name: 'a list cut short by an exit does not fail here',
      ctx: advertising(
        { prompts: {} },
        { prompts: list('prompts', 'prompts/list', { end: 'closed', pages: [page('prompts/list', { outcome: 'closed' })] }) },
      ),
      status: 'skip',
      message: /see stays-alive/,
    },
    {
      name: 'prompts pagination repeats a cursor',
      ctx: advertising(
        { prompts: {} },
        {
          prompts: list('prompts', 'prompts/list', {
            end: 'repeated-cursor',
            repeatedCursor: 'page-2',
            pages: [page('prompts/list'), page('prompts/list'), page('prompts/list')],
          }),
        },
      ),
      status: 'fail',
      message: /returned the nextCursor "page-2" a second time \(page 3\)/,
    },
    {
      name: 'prompts list fails with another error',
      ctx: advertising(
        { prompts: {} },
        {
          prompts: list('prompts', 'prompts/list', {
            end: 'error',
            pages: [page('prompts/list', { outcome: 'error', error: { code: -32603, message: 'db down' } })],
          }),
        },
      ),
      status: 'fail',
      message: /prompts\/list failed with error -32603: db down/,
    },
    {
      name: 'an invalid list result shows the result',
      ctx: advertising(
        { prompts: {} },
        {
          prompts: list('prompts', 'prompts/list', {
            end: 'invalid-result',
            pages: [page('prompts/list', { result: { prompts: 'nope' } })],
          }),
        },
      ),
      status: 'fail',
      evidence: /result: \{"prompts":"nope"\}/,
    },
  ],
});
