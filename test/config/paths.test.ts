import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFromFileName, toDisplayPath } from '../../src/config/paths.js';

describe('toDisplayPath', () => {
  it.each([
    ['/repo/.vscode/mcp.json', '/repo', '.vscode/mcp.json'],
    ['/repo/a/b/.mcp.json', '/repo/', 'a/b/.mcp.json'],
    ['/elsewhere/.mcp.json', '/repo', '../elsewhere/.mcp.json'],
    ['/repo/.mcp.json', '/repo/.mcp.json', '.mcp.json'],
  ])('POSIX %s from %s → %s', (file, root, expected) => {
    expect(toDisplayPath(file, root, path.posix)).toBe(expected);
  });

  it.each([
    ['C:\\repo\\.vscode\\mcp.json', 'C:\\repo', '.vscode/mcp.json'],
    ['C:/repo/sub/.mcp.json', 'C:\\repo', 'sub/.mcp.json'],
    ['c:\\Repo\\.cursor\\mcp.json', 'C:\\repo', '.cursor/mcp.json'],
    ['C:\\other\\.mcp.json', 'C:\\repo', '../other/.mcp.json'],
    ['D:\\configs\\.mcp.json', 'C:\\repo', 'D:/configs/.mcp.json'],
  ])('Windows %s from %s → %s', (file, root, expected) => {
    expect(toDisplayPath(file, root, path.win32)).toBe(expected);
  });
});

describe('formatFromFileName', () => {
  it.each([
    ['/r/.mcp.json', 'claude-code'],
    ['/r/claude_desktop_config.json', 'claude-desktop'],
    ['/r/.vscode/mcp.json', 'vscode'],
    ['/r/.cursor/mcp.json', 'cursor'],
    ['/r/mcp.json', undefined],
    ['/r/constructor/mcp.json', undefined],
    ['/r/.vscode/settings.json', undefined],
    ['/r/.gemini/settings.json', 'gemini'],
    ['/r/.zed/settings.json', 'zed'],
    ['/r/.codex/config.toml', 'codex'],
    ['/r/.goose/config.yaml', 'goose'],
    ['/r/config.yaml', undefined],
    ['/r/.continue/mcpServers/a.yaml', 'continue'],
    ['/r/.continue/mcpServers/b.YML', 'continue'],
    ['/r/.continue/mcpServers/c.json', 'continue'],
    ['/r/.continue/mcpServers/d.md', undefined],
    ['/r/mcpServers/a.yaml', undefined],
    ['/r/cline_mcp_settings.json', 'cline'],
    ['/r/mcp_config.json', 'windsurf'],
    ['/r/server.json', 'mcp-registry'],
  ])('%s → %s', (file, expected) => {
    expect(formatFromFileName(file, path.posix)).toBe(expected);
  });

  it('understands Windows paths with path.win32', () => {
    expect(formatFromFileName('C:\\r\\.vscode\\mcp.json', path.win32)).toBe('vscode');
    expect(formatFromFileName('C:\\r\\.cursor\\mcp.json', path.posix)).toBeUndefined();
  });
});
