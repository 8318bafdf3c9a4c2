import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunnableFile, resolveCommand } from '../../src/launch/resolve-command.js';

const files = (...paths: string[]) => {
  const set = new Set(paths);
  return (file: string) => set.has(file);
};
/** Windows file names are case-insensitive. */
const windowsFiles = (...paths: string[]) => {
  const set = new Set(paths.map((p) => p.toLowerCase()));
  return (file: string) => set.has(file.toLowerCase());
};

describe('resolveCommand on POSIX', () => {
  const lookup = {
    platform: 'linux' as const,
    cwd: '/repo',
    env: { PATH: '/home/dev/.nvm/versions/node/v22/bin:bin:/usr/local/bin:/usr/bin' },
    isRunnableFile: files('/home/dev/.nvm/versions/node/v22/bin/npx', '/usr/bin/npx', '/repo/bin/tool'),
  };

  it('lists every match in PATH order; the first one wins', () => {
    expect(resolveCommand('npx', lookup)).toEqual({
      resolved: '/home/dev/.nvm/versions/node/v22/bin/npx',
      candidates: ['/home/dev/.nvm/versions/node/v22/bin/npx', '/usr/bin/npx'],
      isPath: false,
    });
  });

  it('searches a relative PATH entry from the server cwd', () => {
    expect(resolveCommand('tool', lookup).resolved).toBe('/repo/bin/tool');
  });

  it('does not search for a command that is a path, and reports a miss', () => {
    expect(resolveCommand('./bin/tool', lookup)).toEqual({ candidates: [], isPath: true });
    expect(resolveCommand('uvx', lookup)).toEqual({ resolved: undefined, candidates: [], isPath: false });
  });

  it('reads PATH from the server environment only', () => {
    expect(resolveCommand('npx', { ...lookup, env: {} }).candidates).toEqual([]);
  });
});

describe('resolveCommand on Windows (injected)', () => {
  const lookup = {
    platform: 'win32' as const,
    cwd: 'C:\\repo',
    env: { Path: 'C:\\Program Files\\nodejs\\;"C:\\Tools Dir";C:\\Users\\dev\\AppData\\Roaming\\npm' },
    pathExt: '.COM;.EXE;.BAT;.CMD',
    isRunnableFile: windowsFiles(
      'C:\\Program Files\\nodejs\\npx',
      'C:\\Program Files\\nodejs\\npx.cmd',
      'C:\\Program Files\\nodejs\\node.exe',
      'C:\\Tools Dir\\uvx.EXE',
      'C:\\Users\\dev\\AppData\\Roaming\\npm\\npx.cmd',
      'C:\\repo\\server.bat',
      'C:\\Program Files\\nodejs\\server.js',
    ),
  };

  it('applies PATHEXT and skips the extension-less shell script next to npx.cmd', () => {
    // Like node-which, the name is built from the PATHEXT spelling (the file system ignores case).
    expect(resolveCommand('npx', lookup)).toEqual({
      resolved: 'C:\\Program Files\\nodejs\\npx.CMD',
      candidates: ['C:\\Program Files\\nodejs\\npx.CMD', 'C:\\Users\\dev\\AppData\\Roaming\\npm\\npx.CMD'],
      isPath: false,
    });
  });

  it('unquotes PATH entries and matches extensions case-insensitively', () => {
    expect(resolveCommand('uvx', lookup).resolved).toBe('C:\\Tools Dir\\uvx.EXE');
    const onlyUpper = (file: string) => file === 'C:\\Program Files\\nodejs\\NODE.exe';
    expect(resolveCommand('NODE.exe', { ...lookup, isRunnableFile: onlyUpper }).resolved).toBe('C:\\Program Files\\nodejs\\NODE.exe');
  });

  it('searches the working directory first, as cross-spawn does', () => {
    expect(resolveCommand('server', lookup).resolved).toBe('C:\\repo\\server.BAT');
  });

  it('tries a name with an extension as written, but only if PATHEXT allows it', () => {
    expect(resolveCommand('node.exe', lookup).resolved).toBe('C:\\Program Files\\nodejs\\node.exe');
    expect(resolveCommand('server.js', lookup).candidates).toEqual([]);
  });

  it('falls back to the default PATHEXT, and treats drive and backslash names as paths', () => {
    const { pathExt: _omitted, ...withoutPathExt } = lookup;
    expect(resolveCommand('npx', withoutPathExt).resolved).toBe('C:\\Program Files\\nodejs\\npx.CMD');
    expect(resolveCommand('C:\\tools\\x.exe', lookup).isPath).toBe(true);
    expect(resolveCommand('bin\\x', lookup).isPath).toBe(true);
  });
});

describe.skipIf(process.platform === 'win32')('isRunnableFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resolve-command-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts executable files only', () => {
    fs.writeFileSync(path.join(dir, 'run'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'data'), 'x', { mode: 0o644 });
    expect(isRunnableFile(path.join(dir, 'run'))).toBe(true);
    expect(isRunnableFile(path.join(dir, 'data'))).toBe(false);
    expect(isRunnableFile(dir)).toBe(false);
    expect(isRunnableFile(path.join(dir, 'missing'))).toBe(false);
  });
});
