import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/model/check.js';
import { PROFILES, profileById } from '../../src/profiles/index.js';
import { clientMatrix } from '../../src/profiles/matrix.js';

const at = { file: '.mcp.json', line: 3, column: 5 };
const result = (id: string, status: CheckResult['status'], message: string, client?: string): CheckResult => ({
  id,
  status,
  message,
  position: at,
  ...(client && { client }),
});
const pick = (...ids: string[]) => ids.map((id) => profileById(id)!);

describe('clientMatrix', () => {
  it('lets client-specific findings decide, with the first sentence as the reason', () => {
    const table = clientMatrix(
      pick('claude-code', 'claude-desktop', 'cursor', 'codex'),
      [
        result('spawn', 'pass', 'Started.'),
        result('client-compat', 'fail', 'Claude Desktop on macOS: not on that PATH. Fix: use an absolute path.', 'claude-desktop'),
        result('client-compat', 'warn', 'Codex on every OS: shortened names. Fix: shorten.', 'codex'),
        result('startup-time', 'fail', 'Cursor: too slow.', 'cursor'),
        result('client-compat', 'pass', 'No client-specific problem in Claude Code.'),
      ],
      true,
    );
    expect(table).toEqual({
      'claude-code': { status: 'works' },
      'claude-desktop': { status: 'fails', reason: 'Claude Desktop on macOS: not on that PATH.' },
      cursor: { status: 'fails', reason: 'Cursor: too slow.' },
      codex: { status: 'warn', reason: 'Codex on every OS: shortened names.' },
    });
  });

  it('fails every client when the server does not start, except one whose own launch worked', () => {
    const table = clientMatrix(
      pick('claude-code', 'cline'),
      [
        result('spawn', 'fail', 'The process exited with code 1. Cause: API_TOKEN.'),
        result('client-compat', 'pass', 'Claude Code: works on Linux.', 'claude-code'),
      ],
      true,
    );
    expect(table['claude-code']).toEqual({ status: 'works' });
    expect(table.cline).toEqual({ status: 'fails', reason: 'spawn: The process exited with code 1.' });
  });

  it('reads per-client tool-name results: a client that rewrites names is not failed by another one rejecting them', () => {
    const table = clientMatrix(
      pick('claude-code', 'claude-desktop', 'codex'),
      [
        result('tool-names', 'fail', 'Claude Desktop rejects 1 tool name outside ^[a-zA-Z0-9_-]{1,64}$.', 'claude-desktop'),
        result('tool-names', 'pass', '2 tool names unique and valid.'),
      ],
      true,
    );
    expect(Object.fromEntries(Object.entries(table).map(([id, v]) => [id, v.status]))).toEqual({
      'claude-code': 'works',
      'claude-desktop': 'fails',
      codex: 'works',
    });
  });

  it('is the whole verdict: a failure every client sees (stdout-purity) is never works beside it', () => {
    const table = clientMatrix(
      pick('claude-code', 'cursor'),
      [
        result('stdout-purity', 'fail', '1 of 5 stdout lines were not JSON-RPC messages. Move logs to stderr.'),
        result('jsonrpc', 'fail', 'The server exited on the unknown method.'),
        result('client-compat', 'pass', 'No client-specific problem in Claude Code, Cursor.'),
      ],
      true,
    );
    expect(table['claude-code']).toEqual({ status: 'fails', reason: 'stdout-purity: 1 of 5 stdout lines were not JSON-RPC messages.' });
    expect(table.cursor?.status).toBe('fails');
  });

  it('shows a warning every client sees as a warning, with its check id', () => {
    const table = clientMatrix(pick('cursor'), [result('shutdown', 'warn', 'The server left 1 child process running. Kill it.')], true);
    expect(table.cursor).toEqual({ status: 'warn', reason: 'shutdown: The server left 1 child process running.' });
  });

  it('does not fail a client whose launch nobody documents when another client started the server', () => {
    const table = clientMatrix(
      pick('claude-code', 'cursor', 'cline'),
      [
        result('spawn', 'fail', 'The process exited with code 1.'),
        result('client-compat', 'pass', 'Claude Code: works on Linux.', 'claude-code'),
      ],
      true,
    );
    expect(table['claude-code']?.status).toBe('works');
    expect(table.cursor?.status).toBe('unknown');
    expect(table.cursor?.reason).toMatch(/how Cursor starts servers is not documented/);
    // Cline's launch is documented (the SDK allow-list): the failure stands there.
    expect(table.cline?.status).toBe('fails');
  });

  it('cannot let a launch override a config problem', () => {
    const table = clientMatrix(
      pick('claude-code'),
      [result('config-variables', 'fail', 'Unset.'), result('client-compat', 'pass', 'works', 'claude-code')],
      false,
    );
    expect(table['claude-code']?.status).toBe('fails');
  });

  it('knows nothing about a server that was not launched', () => {
    const table = clientMatrix(PROFILES, [result('spawn', 'skip', 'Skipped because the server was not launched: remote.')], false);
    expect(table.cursor).toEqual({ status: 'unknown', reason: 'Skipped because the server was not launched: remote.' });
  });
});
