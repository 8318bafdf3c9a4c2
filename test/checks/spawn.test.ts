import { spawnCheck } from '../../src/checks/spawn.js';
import type { Transcript } from '../../src/model/transcript.js';
import { testCheck } from './check-tester.js';
import { context } from './transcript-builder.js';

/** The OS refused to start the process: nothing else happened. */
function refused(errorCode: string, patch?: (t: Transcript) => void) {
  return context({
    transcript: (t) => {
      patch?.(t);
      const cwdMissing = t.launch.cwd === '/work/gone';
      const errorMessage = cwdMissing ? `the working directory does not exist: ${t.launch.cwd}` : `spawn ${t.launch.command} ${errorCode}`;
      t.spawn = { ok: false, errorCode, errorMessage, atMs: 1 };
      t.wire = [];
      t.messages = [];
      t.initialize = undefined;
      t.exit = undefined;
      t.stderr = { tail: [], bytes: 0, lines: 0 };
    },
  });
}

/** The process started and exited before answering initialize. */
function crashed(stderr: string[], exit: { code: number | null; signal: string | null } = { code: 1, signal: null }) {
  return context({
    transcript: (t) => {
      t.initialize = { method: 'initialize', id: 0, phase: 'startup', startedMs: 5, endedMs: 230, outcome: 'closed' };
      t.exit = { ...exit, atMs: 230, phase: 'startup' };
      t.stderr = { tail: stderr, bytes: stderr.join('\n').length, lines: stderr.length };
    },
  });
}

testCheck(spawnCheck, {
  valid: [
    { name: 'a healthy start', ctx: context(), status: 'pass', message: /Started \(pid 4242\) and answered initialize/ },
    {
      name: "a server that hangs is handshake's problem",
      ctx: context({
        transcript: (t) => {
          t.initialize = { method: 'initialize', id: 0, phase: 'startup', startedMs: 5, endedMs: 30_005, outcome: 'timeout' };
          t.exit = { code: null, signal: 'SIGTERM', atMs: 32_100, phase: 'shutdown' };
        },
      }),
      status: 'pass',
      message: /judged by handshake/,
    },
    {
      name: "an exit right after a valid answer is stays-alive's problem",
      ctx: context({ transcript: (t) => void (t.exit = { code: 0, signal: null, atMs: 401, phase: 'operation' }) }),
      status: 'pass',
    },
  ],
  invalid: [
    {
      name: 'ENOENT for a command not on PATH points at command-path',
      ctx: refused('ENOENT', (t) => {
        t.launch.command = 'npx';
        t.launch.resolvedCommand = undefined;
        t.launch.resolvedCandidates = [];
      }),
      status: 'fail',
      message: [/`spawn npx ENOENT`/, /see command-path/],
      evidence: /error: spawn npx ENOENT/,
      position: { line: 4, column: 18 },
    },
    {
      name: 'ENOENT for a command that resolved names cwd and interpreter',
      ctx: refused('ENOENT'),
      status: 'fail',
      message: /working directory \/work\/repo exists.*#!` interpreter/,
    },
    {
      name: 'a missing working directory is not a missing command',
      ctx: refused('ENOENT', (t) => void (t.launch.cwd = '/work/gone')),
      status: 'fail',
      message: /the working directory \/work\/gone does not exist/,
    },
    { name: 'EACCES', ctx: refused('EACCES'), status: 'fail', message: /not executable: run `chmod \+x`/ },
    {
      name: 'a command the sandbox hides says where it lives and what to do',
      ctx: refused('EHIDDEN', (t) => {
        t.launch.resolvedCommand = '/home/runner/.nvm/versions/node/v22.1.0/bin/node';
        t.launch.isolation = {
          mode: 'sandbox',
          network: 'host',
          hidden: [{ path: '/home/runner', what: "the runner's home directory" }],
          tracer: 'strace',
        };
      }),
      status: 'fail',
      message: [
        /"node" is \/home\/runner\/\.nvm\/versions\/node\/v22\.1\.0\/bin\/node, inside the runner's home directory, which the sandbox hides/,
        /tool cache, which the sandbox lets through.*set isolation to process/,
      ],
    },
    {
      name: 'the sandbox did not start',
      ctx: refused('ESANDBOX'),
      status: 'fail',
      message: /a problem of this machine, not of the server/,
    },
    { name: 'EINVAL', ctx: refused('EINVAL'), status: 'fail', message: /"command": "cmd", "args": \["\/c"/ },
    { name: 'another OS error', ctx: refused('E2BIG'), status: 'fail', message: /refused to start "node" \(E2BIG\)/ },
    {
      name: 'MODULE_NOT_FOUND is recognised',
      ctx: crashed([
        'node:internal/modules/cjs/loader:1228',
        "Error: Cannot find module '/work/repo/dist/index.js'",
        "  code: 'MODULE_NOT_FOUND',",
      ]),
      status: 'fail',
      message: [
        /exited with code 1, 230 ms after it started, during startup, before answering initialize/,
        /Cannot find module|could not find the module '\/work\/repo\/dist\/index\.js'/,
        /npm run build/,
      ],
      evidence: [/exit: code 1 at 230 ms \(startup\)/, /stderr: Error: Cannot find module/, /MODULE_NOT_FOUND/],
    },
    {
      name: 'a missing interpreter behind a shim',
      ctx: crashed(["/usr/bin/env: 'node': No such file or directory"], { code: 127, signal: null }),
      status: 'fail',
      message: /interpreter 'node'.*not on the server's PATH/,
    },
    {
      name: 'a Python import error',
      ctx: crashed(['Traceback (most recent call last):', "ModuleNotFoundError: No module named 'mcp'"]),
      status: 'fail',
      message: /Python could not import 'mcp'/,
    },
    {
      name: 'a signal, and a long stderr keeps its last lines',
      ctx: crashed(
        Array.from({ length: 30 }, (_, i) => `log line ${i + 1}`),
        { code: null, signal: 'SIGSEGV' },
      ),
      status: 'fail',
      message: [/was killed by SIGSEGV/, /Its stderr below says why/],
      evidence: [/\(8 lines of 30 stderr lines shown; stack frames and blank lines left out\)/, /stderr: log line 30/],
    },
  ],
});
