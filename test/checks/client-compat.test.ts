import { describe, expect, it } from 'vitest';
import { clientCompat } from '../../src/checks/client-compat.js';
import type { ClientBoots } from '../../src/model/boot.js';
import type { CheckContext, CheckOutcome } from '../../src/model/check.js';
import type { ClientProfile } from '../../src/model/profile.js';
import type { Transcript } from '../../src/model/transcript.js';
import { claudeCode } from '../../src/profiles/claude-code.js';
import { claudeDesktop } from '../../src/profiles/claude-desktop.js';
import { codex } from '../../src/profiles/codex.js';
import { cursor } from '../../src/profiles/cursor.js';
import { gemini } from '../../src/profiles/gemini.js';
import { PROFILES } from '../../src/profiles/index.js';
import { policyKey } from '../../src/profiles/launch-plan.js';
import { clientMatrix } from '../../src/profiles/matrix.js';
import { vscode } from '../../src/profiles/vscode.js';
import { crashedBoot, notFoundBoot, startedBoot } from '../profiles/boots.js';
import { testCheck } from './check-tester.js';
import { context, type ContextOptions } from './transcript-builder.js';

const desktopOnMac = claudeDesktop.launch('darwin');

function judged(profiles: readonly ClientProfile[], options: ContextOptions & { boots?: ClientBoots } = {}): CheckContext {
  const { boots, ...rest } = options;
  return { ...context(rest), profiles, ...(boots && { boots }) };
}

function withTools(names: string[], serverName = 'demo') {
  return {
    server: (s: CheckContext['server']) => void (s.spec.name = serverName),
    transcript: (t: Transcript) => {
      const items = names.map((name) => ({ name, inputSchema: { type: 'object' } }));
      t.lists.tools = { ...t.lists.tools!, items, itemCount: items.length };
    },
  };
}

function launching(command: string, args: string[]) {
  return (s: CheckContext['server']) => {
    Object.assign(s, { command, args });
    s.spec.command = command;
    s.spec.args = args;
  };
}

/** The main probe saw the server exit before answering (a variable it needs is missing from the SDK allow-list). */
function mainExitedEarly(t: Transcript): void {
  t.initialize = { method: 'initialize', id: 0, phase: 'startup', startedMs: 5, endedMs: 60, outcome: 'closed' };
  delete t.startupMs;
  t.exit = { code: 1, signal: null, atMs: 60, phase: 'startup' };
}

const guiPathFails = {
  policies: { [policyKey(desktopOnMac)]: { kind: 'booted' as const, boot: notFoundBoot(desktopOnMac, 'my-server') } },
};
const fiftyChars = 'x'.repeat(50);

testCheck(clientCompat, {
  valid: [
    { name: 'a healthy server in its own client', ctx: context(), status: 'pass', message: /No client-specific problem in Claude Code/ },
    {
      name: 'works for Claude Code when only a shell PATH finds the command (macOS runner)',
      ctx: judged([claudeCode], { platform: 'darwin', boots: guiPathFails }),
      status: 'pass',
    },
    {
      name: 'the macOS GUI launch works on a macOS runner',
      ctx: judged([claudeDesktop], {
        platform: 'darwin',
        boots: { policies: { [policyKey(desktopOnMac)]: { kind: 'booted', boot: startedBoot(desktopOnMac) } } },
      }),
      status: 'pass',
      message: /No client-specific problem in Claude Desktop/,
    },
    {
      name: "a name the model APIs reject is tool-names' finding, not repeated per client",
      ctx: judged([claudeCode, cursor], withTools(['get weather'])),
      status: 'pass',
    },
    {
      name: 'a long name is fine where the client has no length rule',
      ctx: judged([vscode], withTools([fiftyChars], 'my-long-server-name')),
      status: 'pass',
    },
    {
      name: 'works in Claude Code (whole environment) although the SDK allow-list fails',
      ctx: judged([claudeCode], {
        transcript: mainExitedEarly,
        boots: {
          policies: { [policyKey(claudeCode.launch('linux'))]: { kind: 'booted', boot: startedBoot(claudeCode.launch('linux'), 240) } },
        },
      }),
      status: 'pass',
      message: [/Claude Code: works on Linux: it starts the server with the whole environment/, /240 ms/, /see spawn/],
      outcomes: 1,
    },
    {
      name: 'not launched: only the config rules, as a skip',
      ctx: judged([claudeCode], { transcript: null, notLaunchedReason: 'the server is disabled in the config' }),
      status: 'skip',
      message: /from the config alone \(the server was not launched: the server is disabled/,
    },
  ],
  invalid: [
    {
      name: 'fails for Claude Desktop on macOS when only a shell PATH finds the command',
      ctx: judged([claudeCode, claudeDesktop], { platform: 'darwin', boots: guiPathFails }),
      status: 'fail',
      message: [
        /Claude Desktop on macOS: launched the way Claude Desktop does \(.*PATH \/usr\/bin:\/bin:\/usr\/sbin:\/sbin/,
        /"my-server" is not on that PATH/,
        /absolute path in "command"/,
      ],
      evidence: /PATH: \/usr\/bin:\/bin:\/usr\/sbin:\/sbin/,
      position: { line: 4, column: 18 },
      outcomes: 2,
    },
    {
      name: 'the same on a Linux runner is a warning (an error on macOS)',
      ctx: judged([claudeCode, claudeDesktop], { platform: 'linux', boots: guiPathFails }),
      status: 'warn',
      message: /on macOS \(reproduced on this Linux runner\)/,
    },
    {
      name: "a server name Codex's config.toml refuses, in Codex's own file",
      ctx: judged([codex], {
        server: (s) => {
          s.spec.name = 'my.server';
          s.spec.client = 'codex';
        },
      }),
      status: 'fail',
      message: [
        /Codex accepts server names of letters, digits, "-" and "_" only, else config.toml does not load; "my\.server" is not one/,
        /validate_mcp_server_name/,
      ],
      position: { line: 3, column: 5 },
    },
    {
      name: "the same name in another client's file: a warning for when it is added to Codex",
      ctx: judged([codex], { server: (s) => void (s.spec.name = 'my.server') }),
      status: 'warn',
      message: /Give it another name in Codex's config/,
    },
    {
      name: 'a server name with spaces: Claude Code loads it and rewrites it, at most a warning',
      ctx: judged([claudeCode], { server: (s) => void (s.spec.name = 'Framelink MCP for Figma') }),
      status: 'warn',
      message: [
        /Claude Code accepts the server name "Framelink MCP for Figma" and shows its tools as "mcp__Framelink_MCP_for_Figma__<tool>"/,
        /only `claude mcp add` refuses such a name/,
      ],
      outcomes: 1,
    },
    {
      name: 'a name Claude Code reserves',
      ctx: judged([claudeCode], { server: (s) => void (s.spec.name = 'workspace') }),
      status: 'fail',
      message: /reserved by Claude Code/,
    },
    {
      name: 'an underscore in a Gemini server name',
      ctx: judged([gemini], { server: (s) => void (s.spec.name = 'my_server') }),
      status: 'warn',
      message: /policy parser/,
    },
    {
      name: 'a space becomes "_" in Gemini CLI, with the same policy trouble',
      ctx: judged([gemini], { server: (s) => void (s.spec.name = 'my server') }),
      status: 'warn',
      message: [/policy parser/, /gemini-cli/],
    },
    {
      name: 'more tools than Cursor takes',
      ctx: judged([cursor], withTools(Array.from({ length: 120 }, (_, i) => `tool_${i}`))),
      status: 'warn',
      message: /offers 120 tools: Cursor stops at 100 tools/,
    },
    {
      name: 'cmd /c on a Windows runner: macOS and Linux users of the same config fail',
      ctx: judged([claudeCode], { platform: 'win32', server: launching('cmd', ['/c', 'npx', '-y', 'pkg']) }),
      status: 'warn',
      message: /on macOS and Linux: "cmd \/c" exists only on Windows/,
    },
    {
      name: 'npx is never on the macOS GUI PATH, even when this Linux runner has it in /usr/bin',
      ctx: judged([claudeDesktop], {
        platform: 'linux',
        server: launching('npx', ['-y', 'pkg']),
        boots: { policies: { [policyKey(desktopOnMac)]: { kind: 'booted', boot: startedBoot(desktopOnMac) } } },
      }),
      status: 'warn',
      message: /macOS does not ship "npx" there/,
    },
    {
      name: 'a relative script under Claude Desktop\'s cwd "/"',
      ctx: judged([claudeDesktop], {
        platform: 'darwin',
        boots: {
          policies: {
            [policyKey(desktopOnMac)]: {
              kind: 'booted',
              boot: crashedBoot(desktopOnMac, ["Error: Cannot find module '/servers/healthy.mjs'"]),
            },
          },
        },
      }),
      status: 'fail',
      message: [
        /exited with code 1/,
        /stderr: "Error: Cannot find module '\/servers\/healthy.mjs'"/,
        /Fix: Claude Desktop does not start servers in the project folder: use absolute paths/,
      ],
    },
  ],
});

describe('client-compat with a client that spawns Windows shims without a shell', () => {
  const plainSpawn: ClientProfile = { ...cursor, id: 'plain', name: 'Plain', windowsShims: 'fails' };
  const run = (platform: NodeJS.Platform) =>
    clientCompat.run(judged([plainSpawn], { platform, server: launching('npx', ['-y', 'pkg']) })) as CheckOutcome[];

  it('is a warning on a Linux runner and an error on a Windows one', () => {
    expect(run('linux')[0]).toMatchObject({
      status: 'warn',
      client: 'plain',
      message: expect.stringMatching(/on Windows: "npx" is a batch file/),
    });
    expect(run('win32')[0]).toMatchObject({ status: 'fail', client: 'plain' });
  });

  it('is not claimed for clients whose Windows behaviour is known to work or unknown', () => {
    const outcomes = clientCompat.run(judged(PROFILES, { platform: 'win32', server: launching('npx', ['-y', 'pkg']) })) as CheckOutcome[];
    expect(outcomes.filter((o) => /on Windows/.test(o.message))).toEqual([]);
    expect(outcomes.some((o) => o.status === 'pass')).toBe(true);
  });
});

describe('client-compat: every profile on every runner platform', () => {
  const platforms: NodeJS.Platform[] = ['linux', 'darwin', 'win32'];

  it.each(PROFILES.flatMap((p) => platforms.map((platform) => [p.id, platform, p] as const)))(
    '%s on %s: a healthy server with absolute paths has no client-specific problem',
    (_id, platform, profile) => {
      const outcomes = clientCompat.run(
        judged([profile], { platform, server: launching('/usr/local/bin/demo-server', []) }),
      ) as CheckOutcome[];
      expect(outcomes).toEqual([{ status: 'pass', message: `No client-specific problem in ${profile.name}.` }]);
    },
  );

  it('leaves tool names to tool-names: a 50-character tool on a long server name is no client-compat finding', () => {
    const tools = withTools(['x'.repeat(50)], 'my-long-server-name');
    const absolute = launching('/usr/local/bin/demo-server', []);
    const outcomes = clientCompat.run(
      judged(PROFILES, {
        transcript: tools.transcript,
        server: (s) => {
          tools.server(s);
          absolute(s);
        },
      }),
    ) as CheckOutcome[];
    expect(outcomes.filter((o) => o.status !== 'pass')).toEqual([]);
  });
});

describe('the matrix for a server that only works with a full shell PATH', () => {
  const matrix = (platform: NodeJS.Platform) => {
    const ctx = judged([claudeCode, claudeDesktop], { platform, boots: guiPathFails });
    const results = (clientCompat.run(ctx) as CheckOutcome[]).map((o) => ({ id: clientCompat.id, ...o }));
    return Object.fromEntries(Object.entries(clientMatrix([claudeCode, claudeDesktop], results, true)).map(([id, v]) => [id, v.status]));
  };

  it('fails for Claude Desktop on macOS and works for Claude Code', () => {
    expect(matrix('darwin')).toEqual({ 'claude-code': 'works', 'claude-desktop': 'fails' });
  });

  it('is a warning for Claude Desktop on a Linux runner, which reproduces the macOS launch', () => {
    expect(matrix('linux')).toEqual({ 'claude-code': 'works', 'claude-desktop': 'warn' });
  });
});
