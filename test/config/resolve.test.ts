import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeCodeReader } from '../../src/config/formats/claude-code.js';
import { claudeDesktopReader } from '../../src/config/formats/claude-desktop.js';
import { cursorReader } from '../../src/config/formats/cursor.js';
import type { FormatReader } from '../../src/config/formats/reader.js';
import { vscodeReader } from '../../src/config/formats/vscode.js';
import { resolveServer, type ResolveContext } from '../../src/config/resolve.js';
import type { ServerSpec } from '../../src/model/spec.js';

function only(reader: FormatReader, text: string, filePath: string, pathApi: path.PlatformPath = path.posix): ServerSpec {
  const file = reader.read(text, { path: filePath, displayPath: 'cfg.json' }, pathApi);
  expect(file.error).toBeUndefined();
  expect(file.servers).toHaveLength(1);
  return file.servers[0]!;
}

const posix: ResolveContext = {
  env: { GITHUB_TOKEN: 'ghp_secret', TENANT: 'acme', HOME: '/home/me', EMPTY: '' },
  homeDir: '/home/me',
  platform: 'linux',
  workspaceFolder: '/repo',
};

describe('Claude Code', () => {
  const spec = only(
    claudeCodeReader,
    `{
  "mcpServers": {
    "gh": {
      "command": "\${HOME}/bin/server",
      "args": ["--tenant", "\${TENANT}", "\${MISSING}"],
      "env": { "TOKEN": "\${GITHUB_TOKEN}", "MODE": "\${MODE:-prod}", "BLANK": "\${EMPTY}" },
      "type": "http",
      "url": "https://\${TENANT}.example.com/mcp",
      "headers": { "Authorization": "Bearer \${GITHUB_TOKEN}" }
    }
  }
}`,
    '/repo/.mcp.json',
  );
  const resolved = resolveServer(spec, posix);

  it('expands command, args, env, url and headers', () => {
    expect(resolved).toMatchObject({
      command: '/home/me/bin/server',
      args: ['--tenant', 'acme', '${MISSING}'],
      env: { TOKEN: 'ghp_secret', MODE: 'prod', BLANK: '' },
      url: 'https://acme.example.com/mcp',
      headers: { Authorization: 'Bearer ghp_secret' },
      cwd: '/repo',
    });
  });

  it('records every variable with its field, key and position', () => {
    const summary = resolved.variables.map(
      (use) =>
        `${use.field}${use.key === undefined ? '' : `.${use.key}`} ${use.expression} ${use.position.line}:${use.position.column} ${use.resolved ? (use.usedDefault ? 'default' : 'set') : 'unresolved'}`,
    );
    expect(summary).toEqual([
      'command ${HOME} 4:18 set',
      'args.1 ${TENANT} 5:28 set',
      'args.2 ${MISSING} 5:41 unresolved',
      'env.TOKEN ${GITHUB_TOKEN} 6:25 set',
      'env.MODE ${MODE:-prod} 6:52 default',
      'env.BLANK ${EMPTY} 6:78 set',
      'url ${TENANT} 8:14 set',
      'headers.Authorization ${GITHUB_TOKEN} 9:37 set',
    ]);
    expect(resolved.variables.every((use) => use.kind === 'env' && use.position.file === 'cfg.json')).toBe(true);
  });

  it('treats every variable expanded into args as a secret (a ${DATABASE_URL} carries a password), but not HOME or PATH', () => {
    const argsSpec = only(
      claudeCodeReader,
      '{"mcpServers": {"s": {"command": "x", "args": ["--api-key", "${API_KEY}", "--dir", "${DATA_DIR}", "${DATABASE_URL}", "${HOME}"]}}}',
      '/repo/.mcp.json',
    );
    const argsResolved = resolveServer(argsSpec, {
      env: { API_KEY: 'k-1', DATA_DIR: '/data', DATABASE_URL: 'postgres://u:pw@db/x', HOME: '/home/u' },
      homeDir: '/h',
      platform: 'linux',
      workspaceFolder: '/repo',
    });
    expect(argsResolved.secretValues).toEqual(['k-1', '/data', 'postgres://u:pw@db/x']);
  });

  it('lists the non-empty values expanded from the environment as secrets, whatever field they reach', () => {
    // Not: the default "prod" (written in the file), the empty EMPTY, HOME (a location, not a credential).
    expect(resolved.secretValues.sort()).toEqual(['acme', 'ghp_secret']);
  });
});

describe('VS Code', () => {
  const text = `{
  "inputs": [{ "type": "promptString", "id": "api-key", "password": true }],
  "servers": {
    "s": {
      "command": "~/bin/\${env:TOOL}",
      "args": ["\${workspaceFolder}\${/}server.js", "~", "\${userHome}"],
      "env": { "KEY": "\${input:api-key}", "UNSET": "\${env:NOPE}" },
      "cwd": "\${workspaceFolderBasename}/sub"
    }
  }
}`;
  const spec = only(vscodeReader, text, '/work/repo/.vscode/mcp.json');
  const context: ResolveContext = { env: { TOOL: 'srv' }, homeDir: '/home/me', platform: 'linux', workspaceFolder: '/work/repo' };

  it('expands builtins, env and untildifies command and args; a relative expanded cwd joins the workspace folder', () => {
    const resolved = resolveServer(spec, context);
    expect(resolved).toMatchObject({
      command: '/home/me/bin/srv',
      args: ['/work/repo/server.js', '/home/me', '/home/me'],
      env: { KEY: '${input:api-key}', UNSET: '' },
      cwd: '/work/repo/repo/sub',
    });
    expect(resolved.variables.filter((use) => !use.resolved).map((use) => `${use.kind} ${use.name}`)).toEqual([
      'input api-key',
      'env NOPE',
    ]);
    // ${env:TOOL} in command is a value from outside (the short-value rule keeps "srv" readable in the report).
    expect(resolved.secretValues).toEqual(['srv']);
  });

  it('takes ${input:id} from MCP_PREFLIGHT_INPUT_<ID> and treats it as a secret', () => {
    const resolved = resolveServer(spec, { ...context, env: { ...context.env, MCP_PREFLIGHT_INPUT_API_KEY: 'k-123' } });
    expect(resolved.env.KEY).toBe('k-123');
    expect(resolved.variables.find((use) => use.kind === 'input')).toMatchObject({ resolved: true, field: 'env', key: 'KEY' });
    expect(resolved.secretValues).toEqual(['srv', 'k-123']);
  });

  it('looks variables up case-insensitively on Windows only', () => {
    const windowsSpec = only(
      vscodeReader,
      '{"servers": {"s": {"command": "x", "env": {"P": "${env:path}"}, "headers": {"H": "${env:Api_Token}"}, "url": "u"}}}',
      'C:\\repo\\.vscode\\mcp.json',
      path.win32,
    );
    const env = { Path: 'C:\\bin', API_TOKEN: 'tok' };
    const onWindows = resolveServer(windowsSpec, { env, homeDir: 'C:\\Users\\me', platform: 'win32', workspaceFolder: 'C:\\repo' });
    expect(onWindows.env.P).toBe('C:\\bin');
    expect(onWindows.headers.H).toBe('tok');
    // PATH is a location, not a credential: masking it would blank out every path in the report.
    expect(onWindows.secretValues).toEqual(['tok']);
    const onLinux = resolveServer(windowsSpec, { env, homeDir: '/home/me', platform: 'linux', workspaceFolder: '/repo' });
    expect(onLinux.env.P).toBe('');
    expect(onLinux.variables.every((use) => !use.resolved)).toBe(true);
  });

  it('joins a relative cwd with Windows separators on win32', () => {
    const windowsSpec = only(
      vscodeReader,
      '{"servers": {"s": {"command": "x", "cwd": "${env:SUB}"}}}',
      'C:\\repo\\.vscode\\mcp.json',
      path.win32,
    );
    const resolved = resolveServer(windowsSpec, {
      env: { SUB: 'tools' },
      homeDir: 'C:\\Users\\me',
      platform: 'win32',
      workspaceFolder: 'C:\\repo',
    });
    expect(resolved.cwd).toBe('C:\\repo\\tools');
    expect(resolved.variables[0]).toMatchObject({ field: 'cwd', position: { line: 1, column: 43 } });
  });
});

describe('Cursor', () => {
  it('expands VS Code style variables but not inputs, and does not untildify', () => {
    const spec = only(
      cursorReader,
      '{"mcpServers": {"s": {"command": "~/x", "args": ["${workspaceFolder}"], "env": {"T": "${env:T}", "I": "${input:i}"}}}}',
      '/repo/.cursor/mcp.json',
    );
    const resolved = resolveServer(spec, { ...posix, env: { T: 'cursor-token' } });
    expect(resolved).toMatchObject({ command: '~/x', args: ['/repo'], env: { T: 'cursor-token', I: '${input:i}' } });
    expect(resolved.variables.map((use) => use.kind)).toEqual(['builtin', 'env']);
    expect(resolved.secretValues).toEqual(['cursor-token']);
  });
});

describe('Claude Desktop', () => {
  it('uses values literally', () => {
    const spec = only(
      claudeDesktopReader,
      '{"mcpServers": {"s": {"command": "${HOME}/x", "env": {"T": "${GITHUB_TOKEN}"}}}}',
      '/c/claude_desktop_config.json',
    );
    const resolved = resolveServer(spec, posix);
    expect(resolved).toMatchObject({ command: '${HOME}/x', env: { T: '${GITHUB_TOKEN}' }, variables: [], secretValues: [] });
  });
});
