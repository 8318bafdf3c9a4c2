import { toolSchemas } from '../../src/checks/tool-schemas.js';
import { testCheck } from './check-tester.js';
import { context } from './transcript-builder.js';

function withTools(...tools: Array<Record<string, unknown>>) {
  return context({ transcript: (t) => void (t.lists.tools = { ...t.lists.tools!, items: tools, itemCount: tools.length }) });
}

const draft07 = 'http://json-schema.org/draft-07/schema#';

testCheck(toolSchemas, {
  valid: [
    {
      name: 'draft-07 and undeclared (2020-12)',
      ctx: context(),
      status: 'pass',
      message: /2 input schemas are object schemas that compile \(draft-07: 1, 2020-12: 1\)/,
    },
    {
      name: 'strict-mode nits and unknown formats are not failures',
      ctx: withTools({
        name: 'a',
        inputSchema: {
          type: 'object',
          properties: { d: { type: 'string', format: 'date-time-ish', example: 'x' } },
          'x-internal': true,
          required: ['d', 'undeclared'],
        },
      }),
      status: 'pass',
    },
    {
      name: 'the same $id in two tools does not collide',
      ctx: withTools(
        { name: 'a', inputSchema: { $id: 'https://example.com/args.json', type: 'object' } },
        { name: 'b', inputSchema: { $id: 'https://example.com/args.json', type: 'object', properties: { b: { type: 'string' } } } },
      ),
      status: 'pass',
    },
    {
      name: 'an outputSchema in 2020-12 with $defs',
      ctx: withTools({
        name: 'a',
        inputSchema: { type: 'object' },
        outputSchema: {
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          type: 'object',
          $defs: { n: { type: 'number' } },
          properties: { n: { $ref: '#/$defs/n' } },
        },
      }),
      status: 'pass',
      message: /1 input schema and 1 output schema/,
    },
    {
      name: 'draft 2019-09',
      ctx: withTools({ name: 'a', inputSchema: { $schema: 'https://json-schema.org/draft/2019-09/schema', type: 'object' } }),
      status: 'pass',
    },
  ],
  invalid: [
    {
      name: 'a root that is not an object schema',
      ctx: withTools({ name: 'echo', inputSchema: { type: 'string' } }, { name: 'ok', inputSchema: { type: 'object' } }),
      status: 'fail',
      message: [/1 tool has invalid schemas: "echo"/, /rejects the whole tools\/list result/],
      evidence: /"echo" inputSchema: has "type": "string"; MCP requires "type": "object" at the root/,
    },
    {
      name: 'duplicate entries in required break the meta-schema',
      ctx: withTools({ name: 'x', inputSchema: { type: 'object', required: ['a', 'a'] } }),
      status: 'fail',
      evidence: /must NOT have duplicate items/,
    },
    {
      name: 'no inputSchema',
      ctx: withTools({ name: 'x' }),
      status: 'fail',
      evidence: /inputSchema: is undefined, not a JSON Schema object/,
    },
    {
      name: 'no type at the root',
      ctx: withTools({ name: 'x', inputSchema: { properties: {} } }),
      status: 'fail',
      evidence: /has no "type"/,
    },
    {
      name: 'an invalid draft-07 schema',
      ctx: withTools({ name: 'x', inputSchema: { $schema: draft07, type: 'object', properties: { a: { type: 'any' } } } }),
      status: 'fail',
      message: /reject schemas that do not compile/,
      evidence: /does not compile as draft-07: schema is invalid: data\/properties\/a\/type must be equal to one of the allowed values/,
    },
    {
      name: 'a draft-07 keyword form that 2020-12 rejects',
      ctx: withTools({ name: 'x', inputSchema: { type: 'object', properties: { a: { type: 'array', items: [{ type: 'string' }] } } } }),
      status: 'fail',
      evidence: /does not compile as 2020-12/,
    },
    {
      name: 'a bad outputSchema',
      ctx: withTools({ name: 'x', inputSchema: { type: 'object' }, outputSchema: { type: 'array' } }),
      status: 'fail',
      evidence: /"x" outputSchema: has "type": "array"/,
    },
    {
      name: 'an unsupported dialect is a warning',
      ctx: withTools({ name: 'x', inputSchema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' } }),
      status: 'warn',
      evidence: /declares the dialect "http:\/\/json-schema\.org\/draft-04\/schema#"/,
    },
    {
      name: 'a remote $ref is a warning',
      ctx: withTools({ name: 'x', inputSchema: { type: 'object', properties: { a: { $ref: 'https://example.com/defs.json' } } } }),
      status: 'warn',
      evidence: /\$ref that cannot be resolved/,
    },
  ],
});
