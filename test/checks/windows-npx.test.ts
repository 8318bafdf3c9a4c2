import { windowsNpx } from '../../src/checks/windows-npx.js';
import type { ResolvedServer } from '../../src/model/spec.js';
import { testCheck } from './check-tester.js';
import { context } from './transcript-builder.js';

function launching(command: string, args: string[], platform: NodeJS.Platform = 'linux') {
  return context({
    transcript: null,
    platform,
    server: (s: ResolvedServer) => {
      Object.assign(s, { command, args });
      s.spec.command = command;
      s.spec.args = args;
    },
  });
}

testCheck(windowsNpx, {
  valid: [
    { name: 'node is a real executable', ctx: launching('node', ['server.js']), status: 'pass' },
    { name: 'an absolute path to a binary', ctx: launching('/usr/local/bin/my-server', []), status: 'pass' },
    {
      name: 'npx wrapped in cmd /c',
      ctx: launching('cmd', ['/c', 'npx', '-y', '@modelcontextprotocol/server-memory'], 'win32'),
      status: 'pass',
      message: /works only on Windows/,
    },
    {
      name: 'cmd.exe /d /s /c',
      ctx: launching('C:\\Windows\\System32\\cmd.exe', ['/d', '/s', '/C', 'uvx', 'mcp-server-git']),
      status: 'pass',
    },
    {
      name: 'a remote server spawns nothing',
      ctx: context({
        transcript: null,
        server: (s) => void Object.assign(s, { command: undefined, spec: { ...s.spec, transport: 'http', command: undefined } }),
      }),
      status: 'skip',
    },
  ],
  invalid: [
    {
      name: 'npx warns on every platform, with the wrapped form',
      ctx: launching('npx', ['-y', '@modelcontextprotocol/server-memory']),
      status: 'warn',
      message: [
        /npx\.cmd/,
        /spawn npx ENOENT/,
        /Connection closed/,
        /"command": "cmd", "args": \["\/c", "npx", "-y", "@modelcontextprotocol\/server-memory"\]/,
      ],
      position: { line: 4, column: 18 },
    },
    ...['uvx', 'pnpm', 'pnpx', 'yarn', 'bunx', 'npm'].map((command) => ({
      name: `${command} on Windows`,
      ctx: launching(command, ['some-server'], 'win32'),
      status: 'warn' as const,
    })),
    { name: 'a .cmd path', ctx: launching('C:\\tools\\server.CMD', []), status: 'warn', message: /server\.cmd/ },
    { name: 'a .bat file', ctx: launching('start.bat', []), status: 'warn', message: /EINVAL/ },
    {
      name: 'long argument lists are shortened in the suggestion',
      ctx: launching('npx', ['-y', 'pkg', '--a', '--b', '--c']),
      status: 'warn',
      message: /\["\/c", "npx", "-y", "pkg", "--a", …\]/,
    },
  ],
});
