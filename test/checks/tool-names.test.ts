import { describe, expect, it } from 'vitest';
import { toolNames } from '../../src/checks/tool-names.js';
import type { CheckContext, CheckOutcome } from '../../src/model/check.js';
import type { ClientProfile } from '../../src/model/profile.js';
import type { ResolvedServer } from '../../src/model/spec.js';
import { claudeCode } from '../../src/profiles/claude-code.js';
import { claudeDesktop } from '../../src/profiles/claude-desktop.js';
import { codex } from '../../src/profiles/codex.js';
import { cursor } from '../../src/profiles/cursor.js';
import { gemini } from '../../src/profiles/gemini.js';
import { PROFILES } from '../../src/profiles/index.js';
import { vscode } from '../../src/profiles/vscode.js';
import { testCheck } from './check-tester.js';
import { context } from './transcript-builder.js';

function named(names: unknown[], server?: (s: ResolvedServer) => void, profiles?: readonly ClientProfile[]): CheckContext {
  const ctx = context({
    ...(server && { server }),
    transcript: (t) => {
      const items = names.map((name) => ({ name, inputSchema: { type: 'object' } }));
      t.lists.tools = { ...t.lists.tools!, items, itemCount: items.length };
    },
  });
  return profiles ? { ...ctx, profiles } : ctx;
}

const serverNamed = (name: string) => (s: ResolvedServer) => void (s.spec.name = name);
const fiftyChars = 'x'.repeat(50);

testCheck(toolNames, {
  valid: [
    { name: 'healthy names', ctx: context(), status: 'pass', message: /2 tool names unique and valid in Claude Code/ },
    { name: 'exactly 64 characters with the prefix', ctx: named(['t'.repeat(64 - 'mcp__demo__'.length)]), status: 'pass' },
    { name: 'no tools', ctx: named([]), status: 'pass' },
    {
      name: 'a partial list says so',
      ctx: context({ transcript: (t) => void (t.lists.tools!.itemCount = 500) }),
      status: 'pass',
      message: /checked the first 2 of 500/,
    },
    {
      name: 'a dotted name the spec allows is fine in Claude Code, which rewrites it',
      ctx: named(['admin.tools.list'], undefined, [claudeCode, codex, vscode, gemini]),
      status: 'pass',
      message: /unique and valid in Claude Code, Codex, VS Code, Gemini CLI/,
    },
    {
      name: "the declaring client's own tool selection counts (Codex enabled_tools)",
      ctx: named(
        ['x'.repeat(60), 'short'],
        (s) => {
          s.spec.client = 'codex';
          s.spec.includeTools = ['short'];
        },
        [codex],
      ),
      status: 'pass',
    },
  ],
  invalid: [
    {
      name: 'Claude Desktop rejects dots, spaces and slashes, naming its rule and source',
      ctx: named(['admin.tools.list', 'get user', 'fs/read'], undefined, [claudeCode, claudeDesktop]),
      status: 'fail',
      message: [
        /Claude Desktop rejects 3 tool names outside \^\[a-zA-Z0-9_-\]\{1,64\}\$/,
        /"admin\.tools\.list" \("\."\)/,
        /"get user" \(space\)/,
        /"fs\/read" \("\/"\)/,
        /every request fails while the server is enabled/,
        /barryw\/ImmichMCP#3/,
      ],
    },
    {
      name: 'a name outside the spec that no selected client rejects is a warning, not a failure',
      ctx: named(['get user']),
      status: 'warn',
      message: [/outside the MCP spec's \[A-Za-z0-9_\.-\]\{1,128\}/, /"get user" \(space\)/],
    },
    {
      name: 'Cursor drops names with other characters',
      ctx: named(['a.b'], undefined, [cursor]),
      status: 'fail',
      message: /Cursor drops 1 tool name .*Cursor leaves that tool out/,
    },
    {
      name: 'too long for Claude Code (the prefixed name) and Claude Desktop (the name itself)',
      ctx: named(['x'.repeat(70)], undefined, [claudeCode, claudeDesktop]),
      status: 'fail',
      message: [
        /Claude Desktop rejects 1 tool name .*\(70 chars\)/,
        /Claude Code: 1 tool name is longer than 64 characters as mcp__<server>__<tool>/,
      ],
    },
    { name: 'empty', ctx: named(['']), status: 'warn', message: /"" \(empty\)/ },
    { name: 'duplicates', ctx: named(['search', 'search', 'other']), status: 'fail', message: /Duplicate names: "search"/ },
    { name: 'a tool without a name', ctx: named([42, 'ok']), status: 'fail', message: /1 tool has no string "name" \(#1\)/ },
    {
      name: 'mcp__server__tool over 64 characters fails Claude Code, with the API error and its source',
      ctx: named(['get_repository_collaborator_permissions_for_user'], serverNamed('github-enterprise')),
      status: 'fail',
      message: [
        /Claude Code: 1 tool name is longer than 64 characters as mcp__<server>__<tool> \("mcp__github-enterprise__<tool>"\)/,
        /: 72;/,
        /at most 64 characters/,
        /anthropics\/claude-code#2326/,
      ],
      position: { line: 3, column: 5 },
    },
    {
      name: 'the prefix is measured on the name Claude Code builds, with the server name rewritten',
      ctx: named(['get_figma_data_for_the_selected_node_tree'], serverNamed('Framelink MCP for Figma')),
      status: 'fail',
      message: /"mcp__Framelink_MCP_for_Figma__<tool>"\): "get_figma_data_for_the_selected_node_tree": 71/,
    },
    {
      name: 'a control character is shown escaped',
      ctx: named(['evil\u001b[2Jname'], undefined, [claudeDesktop]),
      status: 'fail',
      message: /"evil\\x1b\[2Jname"/,
    },
  ],
});

describe('tool-names per client', () => {
  it('judges a 50-character tool on my-long-server-name by each client rule, one result per client', () => {
    const outcomes = toolNames.run(named([fiftyChars], serverNamed('my-long-server-name'), PROFILES)) as CheckOutcome[];
    const byClient = Object.fromEntries(outcomes.filter((o) => o.client).map((o) => [o.client, o.status]));
    expect(byClient).toEqual({ 'claude-code': 'fail', cursor: 'fail', codex: 'warn', gemini: 'warn' });
    const text = outcomes.map((o) => o.message).join('\n');
    expect(text).toMatch(/Cursor: 1 tool name is longer than 60 characters as <server> \+ <tool> .*: 69; Cursor leaves that tool out/);
    expect(text).toMatch(/Codex: .*longer than 64 .*Codex shortens it/);
    expect(text).toMatch(/Gemini CLI: .*longer than 63 .*: 74;/);
    expect(text).toMatch(/now 19 characters/);
  });
});
