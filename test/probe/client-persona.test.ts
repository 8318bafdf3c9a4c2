// The client the probe stands for: it declares that client's capabilities and answers the server's requests as it would.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Transcript } from '../../src/model/transcript.js';
import { personaFor } from '../../src/probe/client-persona.js';
import { probeServer } from '../../src/probe/session.js';
import { claudeCode } from '../../src/profiles/claude-code.js';
import { cline } from '../../src/profiles/cline.js';
import { cursor } from '../../src/profiles/cursor.js';
import { vscode } from '../../src/profiles/vscode.js';
import { hostileDir, nodeServer, probeOptions, repoRoot } from './helpers.js';

const workspace = path.join(repoRoot, 'examples');
const askingServer = () => nodeServer(path.join(hostileDir, 'asks-the-client.mjs'));

function answers(t: Transcript): Record<string, unknown> {
  return Object.fromEntries(
    t.stderr.tail.flatMap((line) => {
      const match = /^answer (\S+) (.*)$/.exec(line);
      return match ? [[match[1], JSON.parse(match[2] ?? 'null')]] : [];
    }),
  );
}

const toolNames = (t: Transcript) => (t.lists.tools?.items ?? []).map((tool) => (tool as { name: string }).name);

describe('the client the probe stands for', () => {
  it('answers as Claude Code: the workspace as its root, a form nobody fills cancelled, no sampling', async () => {
    const t = await probeServer(askingServer(), probeOptions({ client: personaFor(claudeCode, workspace) }));
    expect(t.client).toMatchObject({ profile: 'claude-code', capabilities: { roots: {}, elicitation: {} }, known: true });
    expect(t.messages.find((m) => m.message.method === 'initialize')?.message.params).toMatchObject({
      capabilities: { roots: {}, elicitation: {} },
    });
    expect(answers(t)).toEqual({
      'roots/list': { roots: [{ uri: `file://${workspace}`, name: 'examples' }] },
      'elicitation/create': { action: 'cancel' },
      'sampling/createMessage': { error: { code: -32601, message: 'Method not found' } },
      'mcp-preflight-test/unknown': { error: { code: -32601, message: 'Method not found' } },
    });
    expect(t.serverRequests?.map((r) => [r.method, r.answer])).toEqual([
      ['roots/list', 'result'],
      ['elicitation/create', 'result'],
      ['sampling/createMessage', 'error'],
      ['mcp-preflight-test/unknown', 'error'],
    ]);
  });

  it('answers as VS Code, which declares sampling: declined, as when its user does not approve', async () => {
    const t = await probeServer(askingServer(), probeOptions({ client: personaFor(vscode, workspace) }));
    expect(answers(t)['sampling/createMessage']).toEqual({ error: { code: -1, message: 'User rejected sampling request' } });
  });

  it('answers as Cline, which declares nothing: every request is a method it does not have', async () => {
    const t = await probeServer(askingServer(), probeOptions({ client: personaFor(cline, workspace) }));
    expect(t.client).toMatchObject({ profile: 'cline', capabilities: {}, known: true, roots: [] });
    expect(Object.values(answers(t))).toEqual(Array(4).fill({ error: { code: -32601, message: 'Method not found' } }));
  });

  it("says when a client's declaration is not known (Cursor): nothing is declared for it", () => {
    expect(personaFor(cursor, workspace).record).toMatchObject({ profile: 'cursor', capabilities: {}, known: false });
  });

  describe('@modelcontextprotocol/server-everything, whose tools depend on the client', () => {
    const everything = nodeServer(path.join(repoRoot, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js'), [], {
      cwd: repoRoot,
    });

    it('lists 15 tools for Claude Code (roots and elicitation declared), asks it for its roots, and gets the workspace', async () => {
      const t = await probeServer(everything, probeOptions({ client: personaFor(claudeCode, repoRoot) }));
      expect(toolNames(t)).toHaveLength(15);
      expect(toolNames(t)).toEqual(expect.arrayContaining(['get-roots-list', 'trigger-elicitation-request']));
      expect(t.serverRequests?.map((r) => [r.method, r.answer])).toContainEqual(['roots/list', 'result']);
      expect(t.wireStats.badLines).toBe(0);
    });

    it('lists 13 tools, without get-roots-list, for a client that declares nothing', async () => {
      const t = await probeServer(everything, probeOptions({ client: personaFor(cline, repoRoot) }));
      expect(toolNames(t)).toHaveLength(13);
      expect(toolNames(t)).not.toContain('get-roots-list');
      expect(t.serverRequests).toBeUndefined();
    });
  });
});
