import { toolNames } from '../../src/checks/tool-names.js';
import type { ResolvedServer } from '../../src/model/spec.js';
import { testCheck } from './check-tester.js';
import { context } from './transcript-builder.js';

function named(names: unknown[], server?: (s: ResolvedServer) => void) {
  return context({
    ...(server && { server }),
    transcript: (t) => {
      const items = names.map((name) => ({ name, inputSchema: { type: 'object' } }));
      t.lists.tools = { ...t.lists.tools!, items, itemCount: items.length };
    },
  });
}

testCheck(toolNames, {
  valid: [
    { name: 'healthy names', ctx: context(), status: 'pass', message: /2 tool names unique and valid/ },
    { name: 'exactly 64 characters with the prefix', ctx: named(['t'.repeat(64 - 'mcp__demo__'.length)]), status: 'pass' },
    { name: 'no tools', ctx: named([]), status: 'pass' },
    {
      name: 'a partial list says so',
      ctx: context({ transcript: (t) => void (t.lists.tools!.itemCount = 500) }),
      status: 'pass',
      message: /checked the first 2 of 500/,
    },
  ],
  invalid: [
    {
      name: 'dots, spaces and slashes',
      ctx: named(['admin.tools.list', 'get user', 'fs/read']),
      status: 'fail',
      message: [/3 names not accepted/, /"admin\.tools\.list" \("\."\)/, /"get user" \(space\)/, /"fs\/read" \("\/"\)/],
    },
    { name: 'too long', ctx: named(['x'.repeat(70)]), status: 'fail', message: /\(70 chars\)/ },
    { name: 'empty', ctx: named(['']), status: 'fail', message: /"" \(empty\)/ },
    { name: 'duplicates', ctx: named(['search', 'search', 'other']), status: 'fail', message: /Duplicate names: "search"/ },
    { name: 'a tool without a name', ctx: named([42, 'ok']), status: 'fail', message: /1 tool has no string "name" \(#1\)/ },
    {
      name: 'mcp__server__tool over 64 characters',
      ctx: named(['get_repository_collaborator_permissions_for_user'], (s) => void (s.spec.name = 'github-enterprise')),
      status: 'warn',
      message: [
        /1 tool name is longer than 64 characters once Claude Code prefixes it as mcp__github-enterprise__<tool>/,
        /: 72 chars\)/,
        /at most 64 characters/,
      ],
      position: { line: 3, column: 5 },
    },
    {
      name: 'a control character is shown escaped',
      ctx: named(['evil\u001b[2Jname']),
      status: 'fail',
      message: /"evil\\x1b\[2Jname"/,
    },
  ],
});
