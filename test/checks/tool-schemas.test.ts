import { describe, expect, it } from 'vitest';
import { toolSchemas } from '../../src/checks/tool-schemas.js';
import type { CheckContext, CheckOutcome } from '../../src/model/check.js';
import type { ClientProfile } from '../../src/model/profile.js';
import { claudeCode } from '../../src/profiles/claude-code.js';
import { claudeDesktop } from '../../src/profiles/claude-desktop.js';
import { gemini } from '../../src/profiles/gemini.js';
import { PROFILES } from '../../src/profiles/index.js';
import { cyclicRef } from '../../src/profiles/schema-dialects.js';
import { testCheck } from './check-tester.js';
import { context } from './transcript-builder.js';

function withTools(...tools: Array<Record<string, unknown>>) {
  return context({ transcript: (t) => void (t.lists.tools = { ...t.lists.tools!, items: tools, itemCount: tools.length }) });
}

function forClients(profiles: readonly ClientProfile[], ...tools: Array<Record<string, unknown>>): CheckContext {
  return { ...withTools(...tools), profiles };
}

const topLevelOneOf = {
  name: 'send_message',
  inputSchema: {
    type: 'object',
    properties: { to: { type: 'string' }, channel: { type: 'string' } },
    oneOf: [{ required: ['to'] }, { required: ['channel'] }],
  },
};
const recursive = {
  name: 'create_tree',
  inputSchema: {
    type: 'object',
    properties: { root: { $ref: '#/$defs/Node' } },
    $defs: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } },
  },
};

const draft07 = 'http://json-schema.org/draft-07/schema#';

testCheck(toolSchemas, {
  valid: [
    {
      name: 'a top-level oneOf is fine where no selected client forbids it (Claude Desktop, Gemini)',
      ctx: forClients([claudeDesktop, gemini], topLevelOneOf),
      status: 'pass',
    },
    {
      name: 'oneOf inside a property is fine for Claude Code',
      ctx: forClients([claudeCode], {
        name: 'x',
        inputSchema: { type: 'object', properties: { target: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } },
      }),
      status: 'pass',
    },
    {
      name: 'a $ref reused without a cycle is fine for Gemini',
      ctx: forClients([gemini], {
        name: 'x',
        inputSchema: { type: 'object', properties: { a: { type: 'string' }, b: { $ref: '#/properties/a' } } },
      }),
      status: 'pass',
    },
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
      name: 'Claude Code: a top-level oneOf breaks every request, named by tool, keyword and source',
      ctx: forClients([claudeCode, claudeDesktop], topLevelOneOf, { name: 'ok', inputSchema: { type: 'object' } }),
      status: 'fail',
      message: [
        /Claude Code: 1 tool breaks a rule of the Anthropic API: "send_message" \("oneOf" at the top level\)/,
        /input_schema does not support oneOf, allOf, or anyOf at the top level/,
        /anthropics\/claude-code#5319, #5973/,
      ],
      outcomes: 2,
    },
    {
      name: 'Gemini CLI: a $ref cycle, with the API error and the source in gemini-cli',
      ctx: forClients([gemini], recursive),
      status: 'fail',
      message: [
        /Gemini CLI: 1 tool breaks a rule of the Gemini API: "create_tree" \(a "\$ref" cycle through "#\/\$defs\/Node"\)/,
        /maximum schema depth exceeded/,
        /hasCycleInSchema/,
      ],
    },
    {
      name: 'Claude Code and a boolean property schema: reported, so a warning',
      ctx: forClients([claudeCode], { name: 'x', inputSchema: { type: 'object', properties: { payload: true } } }),
      status: 'warn',
      message: [/a boolean schema at properties\.payload/, /anthropics\/claude-code#92900/],
    },
    {
      name: "a tool the declaring client's entry excludes is not judged for it (Gemini excludeTools)",
      ctx: {
        ...forClients([gemini], recursive),
        server: { ...withTools().server, spec: { ...withTools().server.spec, client: 'gemini', excludeTools: ['create_tree'] } },
      },
      status: 'pass',
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

describe('tool-schemas per client', () => {
  it('gives one result per client that breaks, none for the others', () => {
    const outcomes = toolSchemas.run(forClients(PROFILES, topLevelOneOf, recursive)) as CheckOutcome[];
    expect(outcomes.map((o) => [o.client, o.status])).toEqual([
      [undefined, 'pass'],
      ['claude-code', 'fail'],
      ['gemini', 'fail'],
    ]);
  });
});

describe('cyclicRef', () => {
  it('finds the cycles Gemini CLI finds, and nothing else', () => {
    expect(cyclicRef({ type: 'object', properties: { self: { $ref: '#' } } })).toMatch(/"#"/);
    expect(cyclicRef(recursive.inputSchema)).toMatch(/#\/\$defs\/Node/);
    expect(cyclicRef({ properties: { a: { $ref: '#/properties/b' }, b: { $ref: '#/properties/a' } } })).toBeDefined();
    expect(cyclicRef({ properties: { a: { type: 'string' }, b: { $ref: '#/properties/a' } } })).toBeUndefined();
    expect(cyclicRef({ properties: { a: { $ref: 'https://example.com/x.json' } } })).toBeUndefined();
  });
});
