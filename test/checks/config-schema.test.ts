import { configSchema } from '../../src/checks/config-schema.js';
import { testCheck } from './check-tester.js';
import { at, context } from './transcript-builder.js';

testCheck(configSchema, {
  valid: [
    {
      name: 'a stdio entry with a command',
      ctx: context({ transcript: null }),
      status: 'pass',
      message: /stdio entry with command "node" with 2 args/,
    },
    {
      name: 'an http entry with a url template',
      ctx: context({
        transcript: null,
        server: (s) => {
          Object.assign(s.spec, { transport: 'http', declaredType: 'http', command: undefined, url: 'https://${HOST}/mcp' });
        },
      }),
      status: 'pass',
    },
    {
      name: 'a type the client accepts but mcp-preflight does not probe (Claude Code ws)',
      ctx: context({
        transcript: null,
        server: (s) =>
          void Object.assign(s.spec, { transport: 'unknown', declaredType: 'ws', command: undefined, url: 'wss://x.test/mcp' }),
      }),
      status: 'pass',
      message: /"type": "ws" \(judged from the config only\)/,
    },
  ],
  invalid: [
    {
      name: 'a stdio entry without a command',
      ctx: context({ server: (s) => void (s.spec.command = undefined) }),
      status: 'fail',
      message: /without a "command"/,
      position: { line: 3, column: 5 },
    },
    {
      name: 'an http entry without a url',
      ctx: context({
        server: (s) => {
          Object.assign(s.spec, { transport: 'http', declaredType: 'http', command: undefined, fieldPositions: { type: at(4, 15) } });
        },
      }),
      status: 'fail',
      message: /"type": "http" but no "url"/,
      position: { line: 4, column: 15 },
    },
    {
      name: 'an sse entry with a non-http url',
      ctx: context({
        server: (s) => void Object.assign(s.spec, { transport: 'sse', url: 'ftp://example.com/x', fieldPositions: { url: at(5, 14) } }),
      }),
      status: 'fail',
      message: /scheme "ftp:"/,
      position: { line: 5 },
    },
    {
      name: 'schema problems from the reader, one result each',
      ctx: context({
        server: (s) => {
          s.spec.schemaProblems = [
            { message: '"args" must be an array of strings', position: at(5, 15) },
            { message: '"env.PORT" must be a string', position: at(8, 17) },
          ];
        },
      }),
      status: 'fail',
      outcomes: 2,
      message: /"args" must be an array/,
      position: { line: 5, column: 15 },
    },
    {
      name: 'an unknown type reported by the reader is not repeated',
      ctx: context({
        server: (s) => {
          Object.assign(s.spec, { transport: 'unknown', declaredType: 'websocket', fieldPositions: { type: at(4, 15) } });
          s.spec.schemaProblems = [{ message: 'unknown type "websocket"', position: at(4, 15) }];
        },
      }),
      status: 'fail',
      outcomes: 1,
    },
    {
      name: 'a url without type, reported by the reader, is reported once',
      ctx: context({
        server: (s) => {
          Object.assign(s.spec, { transport: 'unknown', declaredType: undefined, command: undefined, url: 'https://x.test/mcp' });
          s.spec.schemaProblems = [{ message: 'the entry has a "url" but no "type"', position: at(3, 12) }];
        },
      }),
      status: 'fail',
      outcomes: 1,
      message: /"url" but no "type"/,
    },
    {
      name: 'an entry with no recognisable transport',
      ctx: context({ server: (s) => void Object.assign(s.spec, { transport: 'unknown', declaredType: undefined, command: undefined }) }),
      status: 'fail',
      message: /no recognisable transport/,
    },
  ],
});
