import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverConfigFiles, type Discovery } from '../../src/config/discover.js';
import { makeTree } from './tree.js';

const SERVERS = '{"mcpServers": {}}';
let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.map((remove) => remove()));
  cleanups = [];
});

async function tree(files: Record<string, string>): Promise<string> {
  const { root, remove } = await makeTree(files);
  cleanups.push(remove);
  return root;
}

/** `relative/path format` lines, in discovery order. */
function listing(discovery: Discovery, root: string): string[] {
  return discovery.files.map((file) => `${path.relative(root, file.path).split(path.sep).join('/')} ${file.format}`);
}

describe('discoverConfigFiles', () => {
  it('finds every known file under the root, skipping dependency, VCS and other hidden folders', async () => {
    const root = await tree({
      '.mcp.json': SERVERS,
      '.cursor/mcp.json': SERVERS,
      '.vscode/mcp.json': '{"servers": {}}',
      '.vscode/settings.json': '{}',
      'claude_desktop_config.json': SERVERS,
      'mcp.json': SERVERS,
      'packages/app/.mcp.json': SERVERS,
      'packages/app/.vscode/mcp.json': '{"servers": {}}',
      'node_modules/dep/.mcp.json': SERVERS,
      'packages/app/node_modules/dep/.cursor/mcp.json': SERVERS,
      '.git/.mcp.json': SERVERS,
      '.venv/lib/.mcp.json': SERVERS,
      'vendor/lib/.mcp.json': SERVERS,
      '.cursor/nested/.mcp.json': SERVERS,
    });
    const discovery = await discoverConfigFiles([], root);
    expect(listing(discovery, root)).toEqual([
      '.cursor/mcp.json cursor',
      '.mcp.json claude-code',
      '.vscode/mcp.json vscode',
      'claude_desktop_config.json claude-desktop',
      'packages/app/.mcp.json claude-code',
      'packages/app/.vscode/mcp.json vscode',
    ]);
    expect(discovery).toMatchObject({ missing: [], truncated: false });
    expect(discovery.files.every((file) => path.isAbsolute(file.path))).toBe(true);
  });

  it('searches directories given as paths, relative to the root', async () => {
    const root = await tree({ '.mcp.json': SERVERS, 'a/.mcp.json': SERVERS, 'b/c/.cursor/mcp.json': SERVERS });
    const discovery = await discoverConfigFiles(['b', 'a'], root);
    expect(listing(discovery, root)).toEqual(['b/c/.cursor/mcp.json cursor', 'a/.mcp.json claude-code']);
  });

  it('finds the config in a client folder given as the path itself', async () => {
    const root = await tree({ 'app/.vscode/mcp.json': '{"servers": {"a": {"command": "x"}}}', 'app/.cursor/mcp.json': SERVERS });
    expect(listing(await discoverConfigFiles(['app/.vscode', 'app/.cursor'], root), root)).toEqual([
      'app/.vscode/mcp.json vscode',
      'app/.cursor/mcp.json cursor',
    ]);
  });

  it('searches a directory given explicitly even when a walk would skip it', async () => {
    const root = await tree({ 'node_modules/pkg/.mcp.json': SERVERS });
    expect(listing(await discoverConfigFiles(['node_modules/pkg'], root), root)).toEqual(['node_modules/pkg/.mcp.json claude-code']);
  });

  it.each([
    ['servers only', '{"servers": {"a": {"command": "x"}}}', 'vscode'],
    ['servers in JSONC with a syntax error', '// x\n{"servers": {"a": {"command": "x",}}, oops}', 'vscode'],
    ['mcpServers', '{"mcpServers": {}}', 'claude-desktop'],
    ['both keys', '{"servers": {}, "mcpServers": {}}', 'claude-desktop'],
    ["Zed's key", '// x\n{"context_servers": {}}', 'zed'],
    ['neither key', '{"model": "x"}', 'claude-desktop'],
    ['an MCP Registry manifest', '{"name": "io.github.a/b", "packages": []}', 'mcp-registry'],
    [
      'a manifest by its $schema',
      '{"$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"}',
      'mcp-registry',
    ],
    ['not JSON', 'servers: {}', 'claude-desktop'],
    ['an empty file', '', 'claude-desktop'],
  ])('classifies an explicit file with an unknown name by content: %s', async (_name, content, format) => {
    const root = await tree({ 'configs/team.json': content });
    const discovery = await discoverConfigFiles(['configs/team.json'], root);
    expect(listing(discovery, root)).toEqual([`configs/team.json ${format}`]);
  });

  it.each([
    ['configs/codex.toml', '[mcp_servers.a]\ncommand = "x"\n', 'codex'],
    ['configs/goose.yaml', 'extensions:\n  a: {}\n', 'goose'],
    ['configs/assistant.yml', 'mcpServers:\n  - name: a\n', 'continue'],
    ['configs/broken.yaml', ': : :', 'continue'],
  ])('classifies explicit TOML and YAML files by extension and content: %s', async (file, content, format) => {
    const root = await tree({ [file]: content });
    expect(listing(await discoverConfigFiles([file], root), root)).toEqual([`${file} ${format}`]);
  });

  it('finds the files of every client, taking shared names only when they declare servers', async () => {
    const root = await tree({
      '.gemini/settings.json': '// g\n{"mcpServers": {}}',
      'a/.gemini/settings.json': '{"theme": "dark"}',
      '.zed/settings.json': '{"context_servers": {},}',
      'a/.zed/settings.json': '{"tab_size": 2}',
      '.codex/config.toml': 'model = "o3"\n\n[mcp_servers.x]\ncommand = "y"\n',
      'a/.codex/config.toml': 'model = "o3"\n',
      'b/.codex/config.toml': 'mcp_servers.x.command = "y"\n',
      '.goose/config.yaml': 'GOOSE_MODEL: x\nextensions:\n  a: {}\n',
      'a/.goose/config.yaml': 'GOOSE_MODEL: x\n',
      '.continue/mcpServers/tools.yaml': 'mcpServers: []\n',
      '.continue/mcpServers/claude.json': '{"mcpServers": {}}',
      '.continue/mcpServers/notes.md': '# notes',
      '.continue/config.yaml': 'mcpServers: []\n',
      'cline_mcp_settings.json': '{"mcpServers": {}}',
      'mcp_config.json': '{"mcpServers": {}}',
      'a/mcp_config.json': '{"model": "x"}',
      'server.json': '{"name": "io.github.a/b", "remotes": []}',
      'api/server.json': '{"port": 8080}',
      'web/server.json': '{"name": "web", "packages": []}',
      'config.yaml': 'extensions:\n  a: {}\n',
      'node_modules/dep/server.json': '{"name": "io.github.a/b", "remotes": []}',
    });
    const discovery = await discoverConfigFiles([], root);
    expect(listing(discovery, root)).toEqual([
      '.codex/config.toml codex',
      '.continue/mcpServers/claude.json continue',
      '.continue/mcpServers/tools.yaml continue',
      '.gemini/settings.json gemini',
      '.goose/config.yaml goose',
      '.zed/settings.json zed',
      'b/.codex/config.toml codex',
      'cline_mcp_settings.json cline',
      'mcp_config.json windsurf',
      'server.json mcp-registry',
    ]);
  });

  it('reads an explicitly passed client file even when it declares no servers (its reader says so)', async () => {
    const root = await tree({ 'a/.zed/settings.json': '{"tab_size": 2}', 'b/server.json': '{"port": 1}' });
    const discovery = await discoverConfigFiles(['a/.zed/settings.json', 'b/server.json'], root);
    expect(listing(discovery, root)).toEqual(['a/.zed/settings.json zed', 'b/server.json mcp-registry']);
  });

  it('counts the entries of .continue/mcpServers against the budget', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 30; index++) files[`.continue/mcpServers/s${index}.yaml`] = 'mcpServers: []\n';
    const root = await tree(files);
    const discovery = await discoverConfigFiles([], root, { maxDepth: 8, maxEntries: 10 });
    expect(discovery.truncated).toBe(true);
    expect(discovery.files.length).toBeLessThan(10);
  });

  it('takes the format of an explicit file from its name and folder, whatever its content', async () => {
    const root = await tree({ 'x/.vscode/mcp.json': SERVERS, 'y/.mcp.json': '{"servers": {}}', 'z/claude_desktop_config.json': '{}' });
    const discovery = await discoverConfigFiles(['x/.vscode/mcp.json', 'y/.mcp.json', 'z/claude_desktop_config.json'], root);
    expect(listing(discovery, root)).toEqual([
      'x/.vscode/mcp.json vscode',
      'y/.mcp.json claude-code',
      'z/claude_desktop_config.json claude-desktop',
    ]);
  });

  it('reports explicit paths that do not exist, as given, and still returns the others', async () => {
    const root = await tree({ '.mcp.json': SERVERS });
    const discovery = await discoverConfigFiles(['nope.json', '.mcp.json', 'missing-dir/'], root);
    expect(discovery.missing).toEqual(['nope.json', 'missing-dir/']);
    expect(listing(discovery, root)).toEqual(['.mcp.json claude-code']);
  });

  it('lists a file once however it is named', async () => {
    const root = await tree({ '.mcp.json': SERVERS, 'sub/.mcp.json': SERVERS });
    await symlink(path.join(root, 'sub', '.mcp.json'), path.join(root, 'alias.json'));
    const discovery = await discoverConfigFiles(['.', '.mcp.json', './sub/../.mcp.json', path.join(root, 'sub'), 'alias.json'], root);
    expect(listing(discovery, root)).toEqual(['.mcp.json claude-code', 'sub/.mcp.json claude-code']);
  });

  it('does not follow symbolic links to directories (no cycles)', async () => {
    const root = await tree({ 'a/.mcp.json': SERVERS });
    await symlink(root, path.join(root, 'a', 'loop'), 'dir');
    expect(listing(await discoverConfigFiles([], root), root)).toEqual(['a/.mcp.json claude-code']);
  });

  it('finds a .mcp.json that is a symbolic link to a file', async () => {
    const root = await tree({ 'shared/servers.json': SERVERS });
    await mkdir(path.join(root, 'app'));
    await symlink(path.join(root, 'shared', 'servers.json'), path.join(root, 'app', '.mcp.json'));
    expect(listing(await discoverConfigFiles([], root), root)).toEqual(['app/.mcp.json claude-code']);
  });

  it('looks into a .vscode folder that is a symbolic link', async () => {
    const root = await tree({ 'shared/.vscode/mcp.json': '{"servers": {}}', 'app/x': '' });
    await symlink(path.join(root, 'shared', '.vscode'), path.join(root, 'app', '.vscode'), 'dir');
    expect(listing(await discoverConfigFiles(['app'], root), root)).toEqual(['app/.vscode/mcp.json vscode']);
  });

  it('stops at the depth limit', async () => {
    const root = await tree({ 'a/.mcp.json': SERVERS, 'a/b/.mcp.json': SERVERS, 'a/b/c/.mcp.json': SERVERS });
    const discovery = await discoverConfigFiles([], root, { maxDepth: 2, maxEntries: 1000 });
    expect(listing(discovery, root)).toEqual(['a/.mcp.json claude-code', 'a/b/.mcp.json claude-code']);
    expect(discovery.truncated).toBe(false);
  });

  it('stops at the entry budget, having found the files nearest the top, and says so', async () => {
    const files: Record<string, string> = { '.mcp.json': SERVERS, 'deep/er/.mcp.json': SERVERS };
    for (let index = 0; index < 50; index++) files[`noise/more/f${index}.txt`] = '';
    const root = await tree(files);
    // Breadth first: the 50 files three levels down are the last entries looked at.
    const discovery = await discoverConfigFiles([], root, { maxDepth: 8, maxEntries: 20 });
    expect(listing(discovery, root)).toEqual(['.mcp.json claude-code', 'deep/er/.mcp.json claude-code']);
    expect(discovery.truncated).toBe(true);
    const small = await discoverConfigFiles([], root, { maxDepth: 8, maxEntries: 4 });
    expect(listing(small, root)).toEqual(['.mcp.json claude-code']);
    expect(small.truncated).toBe(true);
    const enough = await discoverConfigFiles([], root, { maxDepth: 8, maxEntries: 100 });
    expect(enough.truncated).toBe(false);
  });
});
