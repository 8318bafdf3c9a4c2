import { stdoutPurity } from '../../src/checks/stdout-purity.js';
import type { Transcript } from '../../src/model/transcript.js';
import { testCheck } from './check-tester.js';
import { addWireLine, badLine, context } from './transcript-builder.js';

function withLines(...lines: ReturnType<typeof badLine>[]) {
  return context({
    transcript: (t: Transcript) => {
      for (const line of lines) addWireLine(t, line);
    },
  });
}

testCheck(stdoutPurity, {
  valid: [
    { name: 'only JSON-RPC lines', ctx: context(), status: 'pass', message: /All 4 stdout lines were JSON-RPC messages/ },
    {
      name: 'stderr output is never judged',
      ctx: context({ transcript: (t) => void (t.stderr = { tail: ['WARNING: debug mode', 'Error: fake'], bytes: 30, lines: 2 }) }),
      status: 'pass',
    },
    {
      name: 'nothing to judge when the process never started',
      ctx: context({ transcript: (t) => void Object.assign(t.spawn, { ok: false, errorCode: 'ENOENT' }) }),
      status: 'skip',
    },
  ],
  invalid: [
    {
      name: 'a banner before the handshake',
      ctx: withLines(badLine('Server started on port 3000', 'not-json', 'startup')),
      status: 'fail',
      message: [/1 of 5 stdout lines were not JSON-RPC messages \(first at line 5, startup\): 1 not JSON/, /console\.error/],
      evidence: /stdout line 5 \(startup, not JSON\): "Server started on port 3000"/,
    },
    {
      name: 'a BOM is shown escaped',
      ctx: withLines(badLine('\ufeff{"jsonrpc":"2.0","id":0,"result":{}}', 'bom')),
      status: 'fail',
      message: /remove the byte order mark/,
      evidence: /"\\ufeff\{"jsonrpc"/,
    },
    {
      name: 'pretty-printed JSON',
      ctx: withLines(badLine('{', 'not-json'), badLine('  "jsonrpc": "2.0",', 'not-json'), badLine('}', 'not-json')),
      status: 'fail',
      message: /without indentation/,
    },
    {
      name: 'terminal escapes in a log line are neutralised',
      ctx: withLines(badLine('\u001b[32minfo\u001b[0m ready', 'not-json', 'operation')),
      status: 'fail',
      evidence: /"\\x1b\[32minfo\\x1b\[0m ready"/,
    },
    {
      name: 'invalid UTF-8 and JSON that is not JSON-RPC',
      ctx: withLines(badLine('caf\ufffd', 'invalid-utf8', 'grace'), {
        ...badLine('{"hello":"world"}', 'not-jsonrpc', 'shutdown'),
        problem: 'missing "jsonrpc"',
      }),
      status: 'fail',
      message: /1 invalid UTF-8, 1 JSON but not a JSON-RPC message/,
      evidence: [/line 5 \(grace, invalid UTF-8\)/, /line 6 \(shutdown, JSON but not a JSON-RPC message — missing "jsonrpc"\)/],
    },
    {
      name: 'a flood shows the first lines and counts the rest',
      ctx: context({
        transcript: (t) => {
          for (let i = 0; i < 8; i++) addWireLine(t, badLine(`tick ${i}`, 'not-json', 'operation'));
          t.wireStats.badLines += 992;
          t.wireStats.lines += 992;
        },
      }),
      status: 'fail',
      message: /1000 of 1004 stdout lines were not JSON-RPC messages/,
      evidence: /… and 995 more bad lines/,
    },
    {
      name: 'an unterminated last message',
      ctx: context({ transcript: (t) => void (t.wireStats.unterminatedBytes = 42) }),
      status: 'fail',
      message: /ended with 42 bytes not terminated by a newline/,
    },
    {
      name: 'a line beyond even the SDK limit',
      ctx: withLines({
        ...badLine('{"jsonrpc":"2.0","id":2,"result":{"tools":[', 'oversize', 'operation'),
        byteLength: 12 * 1024 * 1024,
        truncated: true,
      }),
      status: 'fail',
      message: /under 10 MB/,
      evidence: /stdout line 5 \(operation, too long, 12582912 bytes\)/,
    },
    {
      name: 'a large line within the SDK limit is only unjudged',
      ctx: withLines({
        ...badLine('{"jsonrpc":"2.0","id":2,"result":{"tools":[', 'oversize', 'operation'),
        byteLength: 5 * 1024 * 1024,
        truncated: true,
      }),
      status: 'warn',
      message: /1 stdout line \(line 5: 5\.0 MB\) exceeded mcp-preflight's parse limit/,
    },
    { name: 'blank lines only', ctx: withLines(badLine('', 'empty', 'operation')), status: 'warn', message: /1 empty line/ },
  ],
});
