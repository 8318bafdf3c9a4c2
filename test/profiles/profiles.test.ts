import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import type { ClientOs } from '../../src/model/profile.js';
import { ALL_CLIENTS, clientName, PROFILES, profileById, selectProfiles, unknownClients } from '../../src/profiles/index.js';
import { extraPolicies, MAIN_POLICY, policyKey, reproducibleLaunches, runnerOs } from '../../src/profiles/launch-plan.js';
import { TS_SDK_PROTOCOL } from '../../src/profiles/shared.js';

const profile = (id: string) => {
  const found = profileById(id);
  if (!found) throw new Error(`no profile ${id}`);
  return found;
};

describe('client profiles', () => {
  it('cover at least the clients the issue names, with unique ids', () => {
    const ids = PROFILES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['claude-code', 'claude-desktop', 'cursor', 'vscode', 'codex', 'gemini', 'windsurf']) expect(ids).toContain(id);
    expect(ids).not.toContain(ALL_CLIENTS);
  });

  it.each([
    ['codex', 10_000, true],
    ['continue', 20_000, false],
    ['claude-code', 30_000, false],
    ['zed', 60_000, false],
    ['goose', 300_000, false],
    ['gemini', 600_000, false],
  ])('%s waits %i ms to start (tools/list included: %s)', (id, timeoutMs, includesToolsList) => {
    expect(profile(id).startup).toMatchObject({ timeoutMs, includesToolsList });
  });

  it.each(['cursor', 'vscode', 'windsurf', 'claude-desktop'])('%s has no made-up startup budget', (id) => {
    expect(profile(id).startup).toBeUndefined();
  });

  it('knows Claude Desktop runs on macOS and Windows only, with the GUI PATH and no project cwd on macOS', () => {
    const desktop = profile('claude-desktop');
    expect(desktop.oses).toEqual(['darwin', 'win32']);
    expect(desktop.launch('darwin')).toEqual({ env: 'sdk', path: 'macos-gui', cwd: 'filesystem-root' });
    expect(desktop.launch('win32')).toEqual({ env: 'sdk', path: 'inherit', cwd: 'filesystem-root' });
  });

  it.each([
    ['claude-code', 'full'],
    ['vscode', 'full'],
    ['gemini', 'full'],
    ['codex', 'codex'],
    ['cline', 'sdk'],
  ])('%s passes the %s environment', (id, env) => {
    expect(profile(id).launch('linux').env).toBe(env);
  });

  it('names the tool prefix rules: mcp__<server>__<tool> ≤ 64 (Claude Code, Codex), <server>+<tool> ≤ 60 (Cursor), mcp_<server>_<tool> ≤ 63 (Gemini)', () => {
    const length = (id: string) => profile(id).tools.exposedName!.build('my-long-server-name', 'x'.repeat(50)).length;
    expect([length('claude-code'), profile('claude-code').tools.exposedName!.max]).toEqual([76, 64]);
    expect([length('codex'), profile('codex').tools.exposedName!.effect]).toEqual([76, 'shortened']);
    expect([length('cursor'), profile('cursor').tools.exposedName!.max]).toEqual([69, 60]);
    expect([length('gemini'), profile('gemini').tools.exposedName!.max]).toEqual([74, 63]);
  });

  it('builds the names it measures with the characters the client replaces (a server name with spaces)', () => {
    const build = (id: string) => profile(id).tools.exposedName!.build('Framelink MCP for Figma', 'get_figma_data');
    expect(build('claude-code')).toBe('mcp__Framelink_MCP_for_Figma__get_figma_data');
    expect(build('codex')).toBe('mcp__Framelink_MCP_for_Figma__get_figma_data');
    expect(build('gemini')).toBe('mcp_Framelink_MCP_for_Figma_get_figma_data');
  });

  it('cites a source beside every rule that can fail or warn a server', () => {
    for (const p of PROFILES) {
      const rules = [
        p.tools.names,
        p.tools.exposedName,
        ...(p.tools.schemas ?? []),
        p.serverNames?.refused,
        p.serverNames?.rewritten,
        p.serverNames?.reserved,
        p.serverNames?.avoid,
      ];
      for (const rule of rules) if (rule) expect(rule.source, p.id).toMatch(/\w/);
      // A client whose name rule nobody documents can never fail a server on it.
      if (p.tools.names.source === 'none found') expect(p.tools.names.effect, p.id).toBe('unknown');
    }
  });

  it("states the installed MCP SDK's protocol versions for clients built on it", () => {
    expect(TS_SDK_PROTOCOL).toEqual({ requests: LATEST_PROTOCOL_VERSION, accepts: SUPPORTED_PROTOCOL_VERSIONS });
  });

  it('accepts the protocol version it requests', () => {
    for (const p of PROFILES) expect(p.protocol.accepts, p.id).toContain(p.protocol.requests);
  });
});

describe('selectProfiles', () => {
  it('defaults to the client whose file declared the server', () => {
    expect(selectProfiles([], 'cursor').map((p) => p.id)).toEqual(['cursor']);
    expect(selectProfiles([], 'vscode').map((p) => p.id)).toEqual(['vscode']);
  });

  it('falls back to Claude Code for a format without a client profile', () => {
    expect(selectProfiles([], 'mcp-registry').map((p) => p.id)).toEqual(['claude-code']);
  });

  it('takes the selected clients in profile order, and every one for "all"', () => {
    expect(selectProfiles(['codex', 'cursor'], 'vscode').map((p) => p.id)).toEqual(['cursor', 'codex']);
    expect(selectProfiles(['all'], 'vscode')).toHaveLength(PROFILES.length);
  });

  it('reports unknown ids and names clients', () => {
    expect(unknownClients(['all', 'codex', 'emacs'])).toEqual(['emacs']);
    expect(clientName('claude-desktop')).toBe('Claude Desktop');
    expect(clientName('emacs')).toBe('emacs');
  });
});

describe('launch plan', () => {
  const keys = (os: ClientOs) => extraPolicies(PROFILES, os).map(policyKey).sort();

  it("boots each distinct launch policy once, never the main probe's", () => {
    expect(keys('linux')).toEqual(['codex|inherit|workspace', 'full|inherit|workspace', 'sdk|macos-gui|filesystem-root']);
    expect(keys('darwin')).toEqual(['codex|inherit|workspace', 'full|inherit|workspace', 'sdk|macos-gui|filesystem-root']);
    expect(keys('win32')).toEqual(['codex|inherit|workspace', 'full|inherit|workspace', 'sdk|inherit|filesystem-root']);
    expect(keys('linux')).not.toContain(policyKey(MAIN_POLICY));
  });

  it('reproduces the macOS launch on Linux as a simulation, and the real one on macOS', () => {
    const desktop = profile('claude-desktop');
    expect(reproducibleLaunches(desktop, 'linux')).toMatchObject([{ os: 'darwin', simulated: true }]);
    expect(reproducibleLaunches(desktop, 'darwin')).toMatchObject([{ os: 'darwin', simulated: false }]);
    expect(reproducibleLaunches(desktop, 'win32')).toMatchObject([{ os: 'win32', simulated: false }]);
    expect(reproducibleLaunches(profile('cursor'), 'linux')).toMatchObject([{ os: 'linux', simulated: false }]);
  });

  it('maps runner platforms to client OSes', () => {
    expect([runnerOs('linux'), runnerOs('darwin'), runnerOs('win32'), runnerOs('freebsd')]).toEqual(['linux', 'darwin', 'win32', 'linux']);
  });
});
