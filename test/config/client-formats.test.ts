import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clineReader } from '../../src/config/formats/cline.js';
import { codexReader } from '../../src/config/formats/codex.js';
import { continueReader } from '../../src/config/formats/continue.js';
import { geminiReader } from '../../src/config/formats/gemini.js';
import { gooseReader } from '../../src/config/formats/goose.js';
import type { FormatReader } from '../../src/config/formats/reader.js';
import { windsurfReader } from '../../src/config/formats/windsurf.js';
import { zedReader } from '../../src/config/formats/zed.js';
import { READERS } from '../../src/config/load.js';
import type { ConfigFile, ServerSpec } from '../../src/model/spec.js';

function read(reader: FormatReader, text: string, file: string): ConfigFile {
  return reader.read(text, { path: file, displayPath: 'cfg' }, path.posix);
}

function only(file: ConfigFile): ServerSpec {
  expect(file.error).toBeUndefined();
  expect(file.servers).toHaveLength(1);
  return file.servers[0]!;
}

function problems(spec: ServerSpec): string[] {
  return spec.schemaProblems.map((problem) => `${problem.position.line}:${problem.position.column} ${problem.message}`);
}

function fileError(file: ConfigFile): string {
  return `${file.error?.line}:${file.error?.column} ${file.error?.message}`;
}

describe('Gemini CLI', () => {
  const gemini = (text: string) => read(geminiReader, text, '/repo/.gemini/settings.json');

  it('accepts comments but not trailing commas or a BOM, as JSON.parse after stripping comments', () => {
    expect(gemini('// c\n{"mcpServers": {} /* none */}').error).toBeUndefined();
    expect(fileError(gemini('{"mcpServers": {"a": {"command": "x",}}}'))).toBe(
      '1:37 invalid JSON: trailing comma (comments are allowed in this file, trailing commas are not)',
    );
    expect(gemini('\uFEFF{"mcpServers": {}}').error?.message).toMatch(/byte order mark/);
  });

  it('takes httpUrl over url over command, and httpUrl is Streamable HTTP whatever the type', () => {
    const file = gemini(
      '{"mcpServers": {"a": {"httpUrl": "https://h.example/mcp", "url": "https://u.example/sse", "type": "sse", "command": "x"}, "b": {"url": "https://u.example/mcp", "command": "x"}}}',
    );
    expect(file.servers[0]).toMatchObject({ transport: 'http', url: 'https://h.example/mcp', schemaProblems: [] });
    expect(file.servers[0]!.command).toBeUndefined();
    expect(file.servers[1]).toMatchObject({ transport: 'http', url: 'https://u.example/mcp' });
  });

  it('reports an unknown type, a non-numeric timeout and tool lists of the wrong shape', () => {
    const spec = only(
      gemini(
        '{"mcpServers": {"a": {"url": "https://x.example", "type": "ws", "timeout": "30s", "includeTools": "all", "excludeTools": [1]}}}',
      ),
    );
    expect(problems(spec)).toEqual([
      '1:59 unknown "type" "ws": Gemini CLI accepts "stdio", "http", "sse"',
      '1:76 "timeout" must be a positive number, found a string',
      '1:99 "includeTools" must be an array of strings, found a string',
      '1:123 "excludeTools" must contain only strings; item 0 is a number',
    ]);
    expect(spec.startupTimeoutMs).toBeUndefined();
  });

  it('does not judge a URL with $VAR before expansion', () => {
    expect(problems(only(gemini('{"mcpServers": {"a": {"url": "https://$HOST/mcp"}}}')))).toEqual([]);
  });
});

describe('Codex', () => {
  const codex = (text: string) => read(codexReader, text, '/repo/.codex/config.toml');

  it('reports a TOML syntax error at its line and column', () => {
    expect(fileError(codex('[mcp_servers.a]\ncommand = "npx"\nargs = ["-y",\n'))).toMatch(/^4:1 invalid TOML: /);
  });

  it('refuses unknown fields (deny_unknown_fields), a literal bearer_token and names Codex rejects', () => {
    const spec = only(codex('[mcp_servers."my server"]\ncommand = "x"\ntype = "stdio"\nheaders = { A = "b" }\nbearer_token = "t"\n'));
    expect(problems(spec)).toEqual([
      '3:1 unknown field "type": Codex refuses entries with fields it does not know',
      '4:1 unknown field "headers": Codex refuses entries with fields it does not know',
      '1:14 server name "my server" is not accepted by Codex: use only letters, digits, "_" and "-"',
      '5:1 Codex refuses "bearer_token": put the token in an environment variable and name it in "bearer_token_env_var"',
    ]);
  });

  it('refuses fields of the other transport', () => {
    const stdio = only(codex('[mcp_servers.a]\ncommand = "x"\nurl = "https://x.example"\nhttp_headers = { A = "b" }\n'));
    expect(problems(stdio)).toEqual([
      '3:1 "url" is not supported for stdio servers in Codex',
      '4:1 "http_headers" is not supported for stdio servers in Codex',
    ]);
    const http = only(codex('[mcp_servers.a]\nurl = "https://x.example"\nenv = { A = "b" }\ncwd = "x"\n'));
    expect(problems(http)).toEqual([
      '3:1 "env" is not supported for streamable_http servers in Codex',
      '4:1 "cwd" is not supported for streamable_http servers in Codex',
    ]);
  });

  it('lets startup_timeout_sec win over startup_timeout_ms, and rejects non-positive timeouts', () => {
    expect(only(codex('[mcp_servers.a]\ncommand = "x"\nstartup_timeout_ms = 5000\nstartup_timeout_sec = 2.5\n'))).toMatchObject({
      startupTimeoutMs: 2_500,
      fieldPositions: { startupTimeoutMs: { line: 4, column: 23 } },
    });
    expect(only(codex('[mcp_servers.a]\ncommand = "x"\nstartup_timeout_ms = 5000\n')).startupTimeoutMs).toBe(5_000);
    expect(problems(only(codex('[mcp_servers.a]\ncommand = "x"\ntool_timeout_sec = 0\n')))).toEqual([
      '3:20 "tool_timeout_sec" must be a positive number, found 0',
    ]);
  });

  it('reads env_vars names and tables, and reports other items', () => {
    const spec = only(codex('[mcp_servers.a]\ncommand = "x"\nenv_vars = ["A", { name = "B", source = "remote" }, 3]\n'));
    expect(spec.envPassthrough).toEqual(['A', 'B']);
    expect(problems(spec)).toEqual(['3:53 "env_vars" item 2 must be a variable name or a table with "name", found a number']);
  });

  it('requires env values to be strings and reads enabled = false', () => {
    const spec = only(codex('[mcp_servers.a]\ncommand = "x"\nenabled = false\n[mcp_servers.a.env]\nPORT = 8080\n'));
    expect(spec.disabled).toBe(true);
    expect(problems(spec)).toEqual(['5:8 "env.PORT" must be a string, found a number']);
  });

  it('reports a file without mcp_servers, and mcp_servers that is not a table', () => {
    expect(fileError(codex('model = "o3"\n'))).toBe(
      '1:1 no "mcp_servers" object: Codex reads its servers from the top-level key "mcp_servers"',
    );
    expect(fileError(codex('mcp_servers = ["a"]\n'))).toMatch(/^1:15 "mcp_servers" must be an object/);
  });
});

describe('Zed', () => {
  const zed = (text: string) => read(zedReader, text, '/repo/.zed/settings.json');

  it('names nested command fields as written', () => {
    const spec = only(zed('{"context_servers": {"a": {"command": {"path": 1, "args": "x"}}}}'));
    expect(problems(spec)).toEqual([
      '1:48 "command.path" must be a string, found a number',
      '1:59 "command.args" must be an array of strings, found a string',
    ]);
  });

  it('leaves out extension servers but flags an entry that only lacks its command', () => {
    const file = zed('{"context_servers": {"ext": {"settings": {}}, "empty": {}, "typo": {"cmd": "npx", "args": []}}}');
    expect(file.servers.map((spec) => spec.name)).toEqual(['typo']);
    expect(problems(file.servers[0]!)).toEqual(['1:60 server "typo" has no "command": a stdio server needs the program to start']);
  });

  it('ignores a type field', () => {
    expect(only(zed('{"context_servers": {"a": {"url": "https://x.example", "type": "sse"}}}'))).toMatchObject({
      transport: 'http',
      schemaProblems: [],
    });
  });
});

describe('Windsurf', () => {
  it('names serverUrl in messages', () => {
    const spec = only(read(windsurfReader, '{"mcpServers": {"a": {"serverUrl": "not a url"}}}', '/r/mcp_config.json'));
    expect(problems(spec)).toEqual(['1:36 "serverUrl" is not a valid URL']);
    const file = read(windsurfReader, '{"mcpServers": {"b": {"type": "http"}}}', '/r/mcp_config.json');
    expect(problems(only(file))).toEqual(['1:17 server "b" has no "serverUrl": a remote server needs the address to connect to']);
  });

  it('is strict JSON', () => {
    expect(read(windsurfReader, '{"mcpServers": {} // x\n}', '/r/mcp_config.json').error?.message).toMatch(/comments are not allowed/);
  });
});

describe('Cline', () => {
  const cline = (text: string) => read(clineReader, text, '/r/cline_mcp_settings.json');

  it('accepts its own type names only, and prefers type over transportType', () => {
    expect(problems(only(cline('{"mcpServers": {"a": {"type": "http", "url": "https://x.example"}}}')))).toEqual([
      '1:31 unknown "type" "http": Cline accepts "stdio", "sse", "streamableHttp"',
    ]);
    expect(only(cline('{"mcpServers": {"a": {"type": "sse", "transportType": "http", "url": "https://x.example"}}}')).transport).toBe(
      'sse',
    );
    expect(only(cline('{"mcpServers": {"a": {"transportType": "stdio", "command": "x"}}}'))).toMatchObject({
      transport: 'stdio',
      declaredType: 'stdio',
    });
  });
});

describe('Continue', () => {
  const block = (text: string) => read(continueReader, text, '/repo/.continue/mcpServers/servers.yaml');

  it('reports a YAML syntax error at its line and column', () => {
    expect(fileError(block('mcpServers:\n  - name: a\n    command: [x\n'))).toMatch(/^4:1 invalid YAML: /);
  });

  it('needs a list under mcpServers and a name on each entry', () => {
    expect(fileError(block('mcpServers:\n  a:\n    command: x\n'))).toBe(
      '2:3 "mcpServers" must be a list of server entries, found an object',
    );
    const file = block('mcpServers:\n  - command: x\n  - name: b\n    command: y\n  - just text\n');
    expect(file.servers.map((spec) => spec.name)).toEqual(['#1', 'b', '#3']);
    expect(problems(file.servers[0]!)).toEqual(['2:5 entry #1 of "mcpServers" has no "name": Continue needs one']);
    expect(problems(file.servers[2]!)).toEqual(['5:5 server "#3" must be an object with "command" or "url", found a string']);
  });

  it('reports a name used twice, keeping the last entry', () => {
    const file = block('mcpServers:\n  - name: a\n    command: x\n  - name: a\n    command: y\n');
    expect(only(file)).toMatchObject({ command: 'y', source: { line: 4, column: 11 } });
    expect(problems(file.servers[0]!)).toEqual(['4:11 server "a" is declared more than once; the declaration on line 2 is ignored']);
  });

  it('reads values as YAML types: a number in env is a problem, an unquoted number in args is text', () => {
    const spec = only(block('mcpServers:\n  - name: a\n    command: x\n    args: [--port, 8080]\n    env:\n      PORT: 8080\n'));
    expect(problems(spec)).toEqual([
      '4:20 "args" must contain only strings; item 1 is a number',
      '6:13 "env.PORT" must be a string, found a number',
    ]);
    expect(spec.args).toEqual(['--port', '8080']);
  });

  it('takes the workspace from above .continue/mcpServers', () => {
    expect(block('mcpServers: []\n').workspaceFolder).toBe('/repo');
  });

  it('reads JSON files in the folder in Claude Desktop format', () => {
    const file = read(
      continueReader,
      '{"mcpServers": {"a": {"type": "http", "url": "https://x.example", "headers": {"H": "${TOKEN}"}}}}',
      '/repo/.continue/mcpServers/a.json',
    );
    // Only env values are converted to secrets by Continue; headers keep their text.
    expect(only(file)).toMatchObject({ transport: 'http', headers: { H: '${TOKEN}' }, client: 'continue' });
  });
});

describe('Goose', () => {
  const goose = (text: string) => read(gooseReader, text, '/repo/.goose/config.yaml');

  it('requires a type and args, and names cmd in messages', () => {
    const file = goose('extensions:\n  a:\n    cmd: npx\n  b:\n    type: stdio\n    args: []\n  c:\n    type: stdio\n    cmd: x\n');
    expect(problems(file.servers[0]!)).toEqual([
      '2:3 extension "a" has no "type": Goose needs "type": stdio (with "cmd") or streamable_http (with "uri")',
    ]);
    expect(problems(file.servers[1]!)).toEqual(['4:3 server "b" has no "cmd": a stdio server needs the program to start']);
    expect(problems(file.servers[2]!)).toEqual(['7:3 Goose requires "args" for a stdio extension (write "args: []" when there are none)']);
  });

  it('refuses env keys Goose will not set, case-insensitively', () => {
    const spec = only(goose('extensions:\n  a:\n    type: stdio\n    cmd: x\n    args: []\n    envs:\n      path: /x\n      OK: y\n'));
    expect(problems(spec)).toEqual(['7:13 Goose refuses to set "path" from "envs" ("not allowed to be overwritten"): remove it']);
  });

  it('reports sse as no longer started, and leaves out in-process extensions', () => {
    const file = goose('extensions:\n  dev:\n    type: builtin\n  old:\n    type: sse\n    uri: https://x.example/sse\n');
    expect(file.servers.map((spec) => spec.name)).toEqual(['old']);
    expect(problems(file.servers[0]!)).toEqual([expect.stringMatching(/^5:11 Goose no longer starts "type": "sse" extensions/)]);
  });

  it('uses available_tools when it names tools', () => {
    expect(only(goose('extensions:\n  a:\n    type: stdio\n    cmd: x\n    args: []\n    available_tools: [read]\n')).includeTools).toEqual(
      ['read'],
    );
  });

  it('needs a map under extensions', () => {
    expect(fileError(goose('extensions:\n  - a\n'))).toMatch(/^2:3 "extensions" must be an object/);
    expect(fileError(goose('GOOSE_MODEL: x\n'))).toBe(
      '1:1 no "extensions" object: Goose reads its servers from the top-level key "extensions"',
    );
  });
});

describe('every reader', () => {
  it.each(Object.entries(READERS))('%s never throws and reports garbage as a file error', (format, reader) => {
    for (const text of ['', '\u0000\u0001', '[[[[', '{', 'a: [', '"', '{"mcpServers": 1}', 'mcp_servers = 1', '- - -']) {
      const file = reader.read(text, { path: `/r/${format}`, displayPath: format });
      expect(file.format).toBe(format);
      if (file.error === undefined) expect(file.servers).toEqual([]);
      else expect(file.error.line).toBeGreaterThanOrEqual(1);
    }
  });

  it.each(Object.entries(READERS))('%s reads thousands of entries in linear time', (format, reader) => {
    // About 30 µs per entry for TOML and 100 µs for YAML (the parsers' own cost; more on a busy runner): these counts
    // finish in about a second, where a cost quadratic in the entries would take minutes. YAML stays under the
    // entries a YAML file may have at all (shape.ts).
    const count = format === 'continue' || format === 'goose' ? 3_000 : format === 'codex' ? 10_000 : 20_000;
    const texts: Record<string, string> = {
      codex: Array.from({ length: count }, (_, i) => `[mcp_servers.s${i}]\ncommand = "c"\nargs = ["a", "b"]`).join('\n'),
      continue: `mcpServers:\n${Array.from({ length: count }, (_, i) => `  - name: s${i}\n    command: c\n    args: [a, b]`).join('\n')}`,
      goose: `extensions:\n${Array.from({ length: count }, (_, i) => `  s${i}:\n    type: stdio\n    cmd: c\n    args: [a, b]`).join('\n')}`,
      'mcp-registry': `{"name": "io.x/y", "packages": [${Array.from({ length: count }, (_, i) => `{"registryType": "npm", "identifier": "p${i}", "transport": {"type": "stdio"}}`).join(',')}]}`,
      zed: `{"context_servers": {${Array.from({ length: count }, (_, i) => `"s${i}": {"command": "c", "args": ["a", "b"]}`).join(',')}}}`,
      vscode: `{"servers": {${Array.from({ length: count }, (_, i) => `"s${i}": {"command": "c", "args": ["a", "b"]}`).join(',')}}}`,
    };
    const text =
      texts[format] ??
      `{"mcpServers": {${Array.from({ length: count }, (_, i) => `"s${i}": {"command": "c", "args": ["a", "b"]}`).join(',')}}}`;
    const started = performance.now();
    const file = reader.read(text, { path: `/r/${format}`, displayPath: format });
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(file.error).toBeUndefined();
    expect(file.servers).toHaveLength(count);
  });
});
