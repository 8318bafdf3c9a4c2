import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeCodeReader } from '../../src/config/formats/claude-code.js';
import { claudeDesktopReader } from '../../src/config/formats/claude-desktop.js';
import { cursorReader } from '../../src/config/formats/cursor.js';
import type { FormatReader } from '../../src/config/formats/reader.js';
import { vscodeReader } from '../../src/config/formats/vscode.js';
import type { ConfigFile, ServerSpec } from '../../src/model/spec.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/configs/${name}`, import.meta.url), 'utf8');

/** The fixtures are committed with LF (.gitattributes); the other encodings of the same text are derived here. */
const VARIANTS = {
  lf: (text: string) => text,
  crlf: (text: string) => text.replace(/\n/g, '\r\n'),
  bom: (text: string) => `\uFEFF${text}`,
  'bom+crlf': (text: string) => `\uFEFF${text.replace(/\n/g, '\r\n')}`,
};
type Variant = keyof typeof VARIANTS;

function read(reader: FormatReader, name: string, filePath: string, variant: Variant = 'lf'): ConfigFile {
  return reader.read(VARIANTS[variant](fixture(name)), { path: filePath, displayPath: 'shown/path.json' }, path.posix);
}

function server(file: ConfigFile, name: string): ServerSpec {
  const spec = file.servers.find((candidate) => candidate.name === name);
  if (spec === undefined) throw new Error(`no server ${name} in ${file.servers.map((s) => s.name).join(', ')}`);
  return spec;
}

/** `line:column` of a server's key (`source`) or of one of its fields. */
function at(spec: ServerSpec, field: string): string {
  const position = field === 'source' ? spec.source : spec.fieldPositions[field];
  return position === undefined ? 'none' : `${position.line}:${position.column}`;
}

function problems(spec: ServerSpec): string[] {
  return spec.schemaProblems.map((problem) => `${problem.position.line}:${problem.position.column} ${problem.message}`);
}

describe.each<Variant>(['lf', 'crlf'])('Claude Code .mcp.json (%s)', (variant) => {
  const file = read(claudeCodeReader, 'claude-code.json', '/repo/.mcp.json', variant);

  it('reads every entry in order, without errors or problems', () => {
    expect(file.error).toBeUndefined();
    expect(file.servers.map((spec) => spec.name)).toEqual(['github', 'remote', 'legacy-sse', 'socket', 'off']);
    expect(file.servers.flatMap(problems)).toEqual([]);
    expect(file).toMatchObject({ format: 'claude-code', client: 'claude-code', workspaceFolder: '/repo', displayPath: 'shown/path.json' });
  });

  it.each([
    ['github', 'source', '3:5'],
    ['github', 'command', '4:18'],
    ['github', 'args.0', '5:16'],
    ['github', 'args.1', '5:22'],
    ['github', 'env.GITHUB_PERSONAL_ACCESS_TOKEN', '7:41'],
    ['remote', 'source', '10:5'],
    ['remote', 'type', '11:15'],
    ['remote', 'url', '12:14'],
    ['remote', 'headers.Authorization', '13:37'],
    ['legacy-sse', 'source', '15:5'],
    ['off', 'args.0', '17:42'],
  ])('puts %s %s at %s', (name, field, expected) => {
    expect(at(server(file, name), field)).toBe(expected);
  });

  it('normalizes the entries', () => {
    expect(server(file, 'github')).toMatchObject({
      transport: 'stdio',
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-github'],
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: '${GITHUB_TOKEN}' },
      cwd: '/repo',
      config: 'shown/path.json',
      client: 'claude-code',
      disabled: false,
    });
    expect(server(file, 'remote')).toMatchObject({
      transport: 'http',
      declaredType: 'http',
      url: 'https://mcp.example.com/${TENANT:-acme}/mcp',
      headers: { Authorization: 'Bearer ${API_TOKEN}' },
    });
    expect(server(file, 'legacy-sse').transport).toBe('sse');
    // Valid for Claude Code, not probed by mcp-preflight: no schema problem, transport unknown.
    expect(server(file, 'socket')).toMatchObject({ transport: 'unknown', declaredType: 'ws', schemaProblems: [] });
    expect(server(file, 'off').disabled).toBe(true);
  });
});

describe('wrong shapes become schema problems at the offending value', () => {
  const file = read(claudeCodeReader, 'claude-code-shapes.json', '/repo/.mcp.json');

  it.each([
    ['numeric-command', ['3:37 "command" must be a string, found a number']],
    ['string-args', ['4:49 "args" must be an array of strings, found a string']],
    [
      'mixed-args',
      ['5:62 "args" must contain only strings; item 1 is a number', '5:68 "args" must contain only strings; item 2 is a boolean'],
    ],
    ['env-number', ['6:57 "env.PORT" must be a string, found a number']],
    ['headers-array', ['7:83 "headers" must be an object of strings, found an array']],
    ['bad-type', [expect.stringMatching(/^8:27 unknown "type" "websocket": Claude Code accepts "stdio", "http"/)]],
    ['url-no-type', [expect.stringMatching(/^9:22 the entry has a "url" but no "type": add "type": "http"/)]],
    ['no-command', ['10:5 server "no-command" has no "command": a stdio server needs the program to start']],
    ['http-no-url', ['11:5 server "http-no-url" has no "url": a remote server needs the address to connect to']],
    ['not-an-object', ['12:22 server "not-an-object" must be an object with "command" or "url", found a string']],
    ['empty-command', ['13:35 "command" is empty']],
    ['bad-url', ['14:41 "url" is not a valid URL']],
    ['twice', ['16:5 server "twice" is declared more than once; the declaration on line 15 is ignored']],
  ])('%s', (name, expected) => {
    expect(problems(server(file, name))).toEqual(expected);
  });

  it('keeps what is usable and the transport each entry would get', () => {
    expect(server(file, 'mixed-args').args).toEqual(['server.js', '3000', 'true']);
    expect(server(file, 'env-number').env).toEqual({ NAME: 'x' });
    expect(server(file, 'numeric-command').command).toBeUndefined();
    expect(server(file, 'bad-type').transport).toBe('unknown');
    expect(server(file, 'url-no-type').transport).toBe('unknown');
    expect(server(file, 'not-an-object').transport).toBe('unknown');
    expect(server(file, 'twice').command).toBe('second');
    expect(file.servers.filter((spec) => spec.name === 'twice')).toHaveLength(1);
  });
});

describe.each<Variant>(['lf', 'crlf', 'bom', 'bom+crlf'])('VS Code .vscode/mcp.json, JSONC (%s)', (variant) => {
  const file = read(vscodeReader, 'vscode.jsonc', '/repo/.vscode/mcp.json', variant);

  it('accepts comments and trailing commas, and reads inputs', () => {
    expect(file.error).toBeUndefined();
    expect(file.servers.map((spec) => spec.name)).toEqual(['memory', 'web', 'undeclared']);
    expect(file.inputs).toEqual(['api-key']);
    expect(file.workspaceFolder).toBe('/repo');
  });

  it.each([
    ['memory', 'source', '8:5'],
    ['memory', 'type', '9:15'],
    ['memory', 'command', '10:18'],
    ['memory', 'args.1', '11:22'],
    ['memory', 'env.API_KEY', '12:27'],
    ['memory', 'env.PORT', '12:55'],
    ['memory', 'cwd', '13:14'],
    ['web', 'source', '15:5'],
    ['web', 'headers.X-Token', '15:76'],
  ])('puts %s %s at %s', (name, field, expected) => {
    expect(at(server(file, name), field)).toBe(expected);
  });

  it('normalizes numbers in env to strings, drops null, and resolves cwd against the workspace folder', () => {
    const memory = server(file, 'memory');
    expect(memory.env).toEqual({ API_KEY: '${input:api-key}', PORT: '8080' });
    expect(memory.unsetEnv).toEqual(['DEBUG']);
    expect(memory.cwd).toBe('/repo/tools');
    expect(memory.schemaProblems).toEqual([]);
  });

  it('treats a url without type as http', () => {
    expect(server(file, 'web')).toMatchObject({ transport: 'http', url: 'https://mcp.example.com/mcp' });
    expect(server(file, 'web').declaredType).toBeUndefined();
  });

  it('reports an ${input:…} that the file does not declare', () => {
    expect(problems(server(file, 'undeclared'))).toEqual([
      '16:49 "${input:missing}" has no entry with "id": "missing" in the file\'s "inputs"',
    ]);
  });
});

describe.each<Variant>(['lf', 'crlf'])('Cursor .cursor/mcp.json (%s)', (variant) => {
  const file = read(cursorReader, 'cursor.json', '/repo/.cursor/mcp.json', variant);

  it('reads stdio and url-only servers; the workspace is the parent of .cursor', () => {
    expect(file.error).toBeUndefined();
    expect(file.workspaceFolder).toBe('/repo');
    expect(server(file, 'local')).toMatchObject({ transport: 'stdio', cwd: '/repo', args: ['${workspaceFolder}/server.js'] });
    expect(at(server(file, 'local'), 'env.TOKEN')).toBe('6:25');
    expect(server(file, 'remote')).toMatchObject({ transport: 'http', schemaProblems: [] });
  });

  it('reports ${input:…}, which Cursor does not expand', () => {
    expect(problems(server(file, 'prompted'))).toEqual([
      '9:54 "${input:key}" is not expanded by Cursor, which has no "inputs": use "${env:NAME}"',
    ]);
  });
});

describe('Claude Desktop claude_desktop_config.json', () => {
  const file = read(claudeDesktopReader, 'claude-desktop.json', '/Users/me/Library/Application Support/Claude/claude_desktop_config.json');

  it('reads stdio servers and starts them in the file folder', () => {
    expect(file.error).toBeUndefined();
    expect(server(file, 'filesystem')).toMatchObject({
      transport: 'stdio',
      command: 'npx',
      cwd: '/Users/me/Library/Application Support/Claude',
      schemaProblems: [],
    });
    expect(at(server(file, 'filesystem'), 'args.2')).toBe('5:65');
  });

  it('reports remote entries, which Claude Desktop does not take from this file', () => {
    expect(problems(server(file, 'remote'))).toEqual([expect.stringMatching(/^7:17 Claude Desktop only starts servers with a "command"/)]);
    expect(problems(server(file, 'typed-remote'))).toEqual(['8:31 unknown "type" "sse": Claude Desktop accepts "stdio"']);
  });
});

describe('file-level errors', () => {
  const location = { path: '/repo/.mcp.json', displayPath: '.mcp.json' };
  it.each<[string, FormatReader, string, RegExp, string]>([
    [
      'VS Code\'s "servers" key in .mcp.json',
      claudeCodeReader,
      '{\n  "servers": {}\n}',
      /"servers" is not read by Claude Code: rename it to "mcpServers"/,
      '2:3',
    ],
    [
      '"mcpServers" in .vscode/mcp.json',
      vscodeReader,
      '{\n  // x\n  "mcpServers": {}\n}',
      /"mcpServers" is not read by VS Code: rename it to "servers"/,
      '3:3',
    ],
    ['no servers key', claudeCodeReader, '\n{ "mcp": {} }', /no "mcpServers" object/, '2:1'],
    ['servers key of the wrong type', claudeCodeReader, '{"mcpServers": []}', /"mcpServers" must be an object .* found an array/, '1:16'],
    ['top level not an object', cursorReader, '[]', /must contain an object, found an array/, '1:1'],
    [
      'trailing comma in .mcp.json',
      claudeCodeReader,
      '{\n  "mcpServers": {\n    "a": { "command": "x" },\n  }\n}',
      /trailing comma/,
      '3:28',
    ],
    ['comment in .mcp.json', claudeCodeReader, '{\n  "mcpServers": {} // none yet\n}', /comments are not allowed/, '2:20'],
    ['BOM in .mcp.json', claudeCodeReader, '\uFEFF{"mcpServers": {}}', /byte order mark/, '1:1'],
    ['trailing comma in .cursor/mcp.json', cursorReader, '{"mcpServers": {"a": {"command": "x",}}}', /trailing comma/, '1:37'],
    [
      'comment in claude_desktop_config.json',
      claudeDesktopReader,
      '{\r\n  /* x */ "mcpServers": {}\r\n}',
      /comments are not allowed/,
      '2:3',
    ],
    ['empty .mcp.json', claudeCodeReader, '', /empty/, '1:1'],
  ])('%s', (_name, reader, text, message, position) => {
    const file = reader.read(text, location);
    expect(file.error?.message).toMatch(message);
    expect(`${file.error?.line}:${file.error?.column}`).toBe(position);
    expect(file.servers).toEqual([]);
  });

  it('keeps the client and workspace folder of a file that cannot be read', () => {
    const file = vscodeReader.unreadable(
      { path: '/repo/.vscode/mcp.json', displayPath: '.vscode/mcp.json' },
      { message: 'x', line: 1, column: 1 },
    );
    expect(file).toMatchObject({ client: 'vscode', workspaceFolder: '/repo', servers: [], error: { message: 'x' } });
  });
});

describe('edge cases', () => {
  it('treats "__proto__" as an ordinary env key', () => {
    const file = claudeCodeReader.read('{"mcpServers": {"a": {"command": "x", "env": {"__proto__": "y"}}}}', {
      path: '/r/.mcp.json',
      displayPath: '.mcp.json',
    });
    const env = server(file, 'a').env;
    expect(Object.keys(env)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(env, '__proto__')?.value).toBe('y');
  });

  it('quotes and shortens config text inside messages', () => {
    const name = `evil\u001b[31m${'x'.repeat(200)}`;
    const file = claudeCodeReader.read(JSON.stringify({ mcpServers: { [name]: { args: [] } } }), {
      path: '/r/.mcp.json',
      displayPath: '.mcp.json',
    });
    const [message] = problems(file.servers[0]!);
    expect(message).toContain('server "evil\\u001b[31mxxx');
    expect(message).not.toContain('\u001b');
    expect(message!.length).toBeLessThan(200);
  });

  it('reads a file with tens of thousands of entries in linear time', () => {
    const entries = Array.from({ length: 30_000 }, (_, index) => `"same": {"command": "c${index}", "args": ["\${input:i${index}}"]}`);
    const text = `{"inputs": [${Array.from({ length: 30_000 }, (_, index) => `{"id": "i${index}"}`).join(',')}], "servers": {${entries.join(',\n')}}}`;
    const started = performance.now();
    const file = vscodeReader.read(text, { path: '/r/.vscode/mcp.json', displayPath: '.vscode/mcp.json' });
    // About 0.7 s alone; the limit leaves room for the parallel timing tests of the other formats on two cores.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(file.servers).toHaveLength(1);
    expect(problems(file.servers[0]!)).toEqual(['30000:1 server "same" is declared more than once; the declaration on line 1 is ignored']);
  });

  it('keeps positions right after non-ASCII text', () => {
    const file = claudeCodeReader.read('{"mcpServers": {\n"é😀": {"command": "x"}}}', { path: '/r/.mcp.json', displayPath: '.mcp.json' });
    expect(at(server(file, 'é😀'), 'command')).toBe('2:20');
  });

  it('uses Windows paths for the workspace folder and cwd when given path.win32', () => {
    const text = '{"servers": {"a": {"command": "x", "cwd": "tools\\\\bin"}, "b": {"command": "y", "cwd": "D:\\\\abs"}}}';
    const file = vscodeReader.read(text, { path: 'C:\\work\\repo\\.vscode\\mcp.json', displayPath: '.vscode/mcp.json' }, path.win32);
    expect(file.workspaceFolder).toBe('C:\\work\\repo');
    expect(server(file, 'a').cwd).toBe('C:\\work\\repo\\tools\\bin');
    expect(server(file, 'b').cwd).toBe('D:\\abs');
  });

  it('keeps a cwd that starts with a variable or ~ for resolve to complete', () => {
    const text = '{"servers": {"a": {"command": "x", "cwd": "${workspaceFolder}/sub"}, "b": {"command": "y", "cwd": "~/p"}}}';
    const file = vscodeReader.read(text, { path: '/repo/.vscode/mcp.json', displayPath: '.vscode/mcp.json' });
    expect(server(file, 'a').cwd).toBe('${workspaceFolder}/sub');
    expect(server(file, 'b').cwd).toBe('~/p');
  });

  it('ignores a cwd field where the client does not honour one', () => {
    const file = claudeCodeReader.read('{"mcpServers": {"a": {"command": "x", "cwd": "sub"}}}', {
      path: '/r/.mcp.json',
      displayPath: '.mcp.json',
    });
    expect(server(file, 'a').cwd).toBe('/r');
    expect(server(file, 'a').fieldPositions.cwd).toBeUndefined();
  });

  it('reads a vscode-format file outside .vscode with its own folder as the workspace', () => {
    const file = vscodeReader.read('{"servers": {}}', { path: '/home/me/.config/Code/User/mcp.json', displayPath: 'mcp.json' });
    expect(file.workspaceFolder).toBe('/home/me/.config/Code/User');
  });
});
