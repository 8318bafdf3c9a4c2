import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfigs } from '../../src/config/load.js';
import { MAX_CONFIG_BYTES, decodeUtf8, readConfigText } from '../../src/config/read-text.js';
import { makeTree } from './tree.js';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.map((remove) => remove()));
  cleanups = [];
});

async function tree(files: Record<string, string | Uint8Array>): Promise<string> {
  const { root, remove } = await makeTree(files);
  cleanups.push(remove);
  return root;
}

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

describe('loadConfigs', () => {
  it('reads every file; a broken one gets an error and does not stop the others', async () => {
    const root = await tree({
      '.mcp.json': '{\r\n  "mcpServers": {\r\n    "a": { "command": "node" }\r\n  }\r\n}\r\n',
      '.cursor/mcp.json': '{"mcpServers": {"b": {"command": "x",}}}',
      '.vscode/mcp.json': '\uFEFF{\n  // ok\n  "servers": { "c": { "command": "y" }, },\n}',
      'pkg/claude_desktop_config.json': '',
    });
    const { configs, missing, truncated } = await loadConfigs(['.', 'gone.json'], root);
    expect(missing).toEqual(['gone.json']);
    expect(truncated).toBe(false);
    const summary = configs.map((config) => ({
      displayPath: config.displayPath,
      format: config.format,
      error: config.error && `${config.error.line}:${config.error.column} ${config.error.message}`,
      servers: config.servers.map((spec) => `${spec.name}@${spec.source.line}:${spec.source.column}`),
    }));
    expect(summary).toEqual([
      {
        displayPath: '.cursor/mcp.json',
        format: 'cursor',
        error: '1:37 invalid JSON: trailing comma (not allowed in strict JSON)',
        servers: [],
      },
      { displayPath: '.mcp.json', format: 'claude-code', error: undefined, servers: ['a@3:5'] },
      { displayPath: '.vscode/mcp.json', format: 'vscode', error: undefined, servers: ['c@3:16'] },
      { displayPath: 'pkg/claude_desktop_config.json', format: 'claude-desktop', error: '1:1 the file is empty', servers: [] },
    ]);
    expect(configs[1]?.servers[0]?.config).toBe('.mcp.json');
    expect(configs[1]?.path).toBe(path.join(root, '.mcp.json'));
  });

  it('reports a file that is too large, UTF-16 or not UTF-8, without throwing', async () => {
    const root = await tree({
      'big/.mcp.json': `{"mcpServers": {}, "pad": "${'x'.repeat(MAX_CONFIG_BYTES)}"}`,
      'utf16/.mcp.json': Buffer.from('\uFEFF{"mcpServers": {}}', 'utf16le'),
      'latin1/.mcp.json': bytes('{"mcpServers": {\n  "caf', [0xe9], '": {"command": "x"}}}'),
    });
    const { configs } = await loadConfigs([], root);
    expect(configs.map((config) => [config.displayPath, config.error?.message, config.error?.line, config.error?.column])).toEqual([
      ['big/.mcp.json', `the file is larger than ${MAX_CONFIG_BYTES} bytes; config files that large are not read`, 1, 1],
      ['latin1/.mcp.json', 'the file is not valid UTF-8: save it as UTF-8', 2, 7],
      ['utf16/.mcp.json', 'the file is UTF-16 encoded; MCP clients read UTF-8: save it as UTF-8', 1, 1],
    ]);
  });
});

describe('loadConfigs on pathologically deep documents', () => {
  it('reports a file nested too deeply as a finding at its position, in every syntax and every sniffed format', async () => {
    // 6,000 levels used to overflow the stack of jsonc-parser, also in the content sniffing that runs outside the
    // readers; near the end of the stack V8 may even abort the process, so depth is measured before parsing.
    const depth = 6_000;
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const root = await tree({
      'json/.mcp.json': `{"mcpServers": {"a": {"command": "x", "deep": ${deep}}}}`,
      'jsonc/.vscode/mcp.json': `{"servers": {"a": {"command": "x", "deep": ${deep}}}}`,
      'windsurf/mcp_config.json': deep,
      'gemini/.gemini/settings.json': deep,
      'zed/.zed/settings.json': `{"a": ${deep}}`,
      'registry/server.json': deep,
      'codex/.codex/config.toml': `[mcp_servers.a]\ncommand = "x"\ndeep = ${deep}`,
      'continue/.continue/mcpServers/a.yaml': `mcpServers:\n  - name: a\n    command: x\n    deep: ${deep}`,
      'continue/.continue/mcpServers/b.yaml': `${'- '.repeat(depth)}x`,
      'goose/.goose/config.yaml': `extensions:\n  a:\n    cmd: x\n    deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`,
    });
    const { configs } = await loadConfigs([], root);
    const tooDeep = /^the file nests values more than 100 levels deep/;
    expect(configs.map((config) => [config.displayPath, config.error?.message.match(tooDeep) !== null])).toEqual(
      [
        'codex/.codex/config.toml',
        'continue/.continue/mcpServers/a.yaml',
        'continue/.continue/mcpServers/b.yaml',
        'gemini/.gemini/settings.json',
        'goose/.goose/config.yaml',
        'json/.mcp.json',
        'jsonc/.vscode/mcp.json',
        'registry/server.json',
        'windsurf/mcp_config.json',
        'zed/.zed/settings.json',
      ].map((p) => [p, true]),
    );
    // The position is the bracket that went one level too deep: three objects, then the 98th bracket.
    const firstBracket = '{"mcpServers": {"a": {"command": "x", "deep": '.length + 1;
    expect(configs.find((c) => c.displayPath === 'json/.mcp.json')?.error).toMatchObject({ line: 1, column: firstBracket + 97 });
  });

  it('reads a file as deep as a config can sensibly be', async () => {
    const root = await tree({ '.mcp.json': `{"mcpServers": {"a": {"command": "x", "deep": ${'['.repeat(90)}${']'.repeat(90)}}}}` });
    const { configs } = await loadConfigs([], root);
    expect(configs[0]?.error).toBeUndefined();
  });
});

describe('readConfigText', () => {
  it('stops reading at the cap', async () => {
    const root = await tree({ 'f.json': '{"mcpServers": {}}' });
    expect(await readConfigText(path.join(root, 'f.json'), 10)).toMatchObject({ ok: false, error: { message: /larger than 10 bytes/ } });
    expect(await readConfigText(path.join(root, 'f.json'), 18)).toEqual({ ok: true, text: '{"mcpServers": {}}' });
  });

  it('reports a directory or a vanished file as an error', async () => {
    const root = await tree({ 'dir/x': '' });
    expect(await readConfigText(path.join(root, 'dir'))).toMatchObject({ ok: false, error: { message: 'not a regular file' } });
    expect(await readConfigText(path.join(root, 'gone.json'))).toMatchObject({ ok: false, error: { message: /ENOENT/ } });
  });
});

describe('decodeUtf8', () => {
  it('keeps a BOM for the parser to judge', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], '{}'))).toEqual({ ok: true, text: '\uFEFF{}' });
  });

  it('points at the first invalid byte, not at a U+FFFD that is really in the file', () => {
    const decoded = decodeUtf8(bytes('"\uFFFD\uFFFD"\n  "', [0xc3, 0x28], '"'));
    expect(decoded).toMatchObject({ ok: false, error: { line: 2, column: 4 } });
  });

  it('accepts U+FFFD written in the file', () => {
    expect(decodeUtf8(bytes('"\uFFFD"'))).toEqual({ ok: true, text: '"\uFFFD"' });
  });

  it('reports a sequence cut off at the end of the file', () => {
    expect(decodeUtf8(bytes('{}', [0xe2, 0x82]))).toMatchObject({ ok: false, error: { line: 1, column: 3 } });
  });
});

describe('readConfigText memory', () => {
  it('sizes its buffer by the file, never by the cap (20,000 tiny files cost 20,000 tiny buffers)', async () => {
    const root = await tree({ 'f.json': '{"mcpServers": {}}' });
    const sizes: number[] = [];
    const originalAlloc = Buffer.alloc.bind(Buffer);
    const originalAllocUnsafe = Buffer.allocUnsafe.bind(Buffer);
    const alloc = vi.spyOn(Buffer, 'alloc').mockImplementation((size, ...rest) => {
      sizes.push(size);
      return originalAlloc(size, ...rest);
    });
    const allocUnsafe = vi.spyOn(Buffer, 'allocUnsafe').mockImplementation((size) => {
      sizes.push(size);
      return originalAllocUnsafe(size);
    });
    try {
      expect(await readConfigText(path.join(root, 'f.json'))).toEqual({ ok: true, text: '{"mcpServers": {}}' });
    } finally {
      alloc.mockRestore();
      allocUnsafe.mockRestore();
    }
    expect(Math.max(0, ...sizes)).toBeLessThan(1024);
  });

  it('reads no file when discovery finds more than the bound', async () => {
    const root = await tree({ 'a/.mcp.json': '{}', 'b/.mcp.json': '{}', 'c/.mcp.json': '{}' });
    expect(await loadConfigs([], root, { maxFiles: 2 })).toMatchObject({ configs: [], tooMany: { found: 3 } });
    expect((await loadConfigs([], root, { maxFiles: 3 })).configs).toHaveLength(3);
  });

  it('normalizes at most the bound of entries in a file and counts the rest', async () => {
    const servers = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`s${i}`, { command: 'x' }]));
    const registry = { name: 'io.x/y', packages: Array.from({ length: 5 }, (_, i) => ({ registryType: 'npm', identifier: `p${i}` })) };
    const root = await tree({ '.mcp.json': JSON.stringify({ mcpServers: servers }), 'r/server.json': JSON.stringify(registry) });
    const { configs } = await loadConfigs([], root, { maxEntries: 3 });
    expect(configs.map((c) => [c.displayPath, c.servers.length, c.entriesNotRead])).toEqual([
      ['.mcp.json', 3, 2],
      ['r/server.json', 3, 2],
    ]);
  });
});
