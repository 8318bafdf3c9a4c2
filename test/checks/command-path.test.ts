import { describe, expect, it } from 'vitest';
import { commandPath, perUserLocation } from '../../src/checks/command-path.js';
import type { Transcript } from '../../src/model/transcript.js';
import { testCheck } from './check-tester.js';
import { context, HOME } from './transcript-builder.js';

function resolvedTo(candidates: string[], platform: NodeJS.Platform = 'darwin', patch?: (t: Transcript) => void) {
  return context({
    platform,
    transcript: (t) => {
      t.launch.command = 'npx';
      t.launch.resolvedCandidates = candidates;
      t.launch.resolvedCommand = candidates[0];
      patch?.(t);
    },
  });
}

testCheck(commandPath, {
  valid: [
    { name: 'a system-wide install', ctx: resolvedTo(['/usr/bin/npx']), status: 'pass', message: /resolves to \/usr\/bin\/npx/ },
    { name: 'the CI tool cache', ctx: resolvedTo(['/opt/hostedtoolcache/node/22.1.0/x64/bin/npx'], 'linux'), status: 'pass' },
    {
      name: 'nvm first, but a system-wide fallback exists',
      ctx: resolvedTo([`${HOME}/.nvm/versions/node/v22.1.0/bin/npx`, '/usr/bin/npx']),
      status: 'pass',
      message: /~\/\.nvm\/versions\/node\/v22\.1\.0\/bin\/npx \(nvm\); a client without that PATH entry uses \/usr\/bin\/npx/,
    },
    {
      name: 'Windows GUI apps inherit per-user PATH entries',
      ctx: resolvedTo(['C:\\Users\\dev\\AppData\\Roaming\\npm\\npx.cmd'], 'win32'),
      status: 'pass',
    },
    {
      name: 'a path is not looked up',
      ctx: context({ transcript: (t) => void (t.launch.command = './bin/server') }),
      status: 'pass',
      message: /is a path, not looked up on PATH \(relative to \/work\/repo\)/,
    },
    {
      name: 'not found by lookup but started by the OS',
      ctx: resolvedTo([]),
      status: 'pass',
      message: /the OS started it/,
    },
  ],
  invalid: [
    {
      name: 'only under nvm',
      ctx: resolvedTo([`${HOME}/.nvm/versions/node/v22.1.0/bin/npx`]),
      status: 'warn',
      message: [/resolves only to a per-user location: ~\/\.nvm\/.*\(nvm\)/, /spawn npx ENOENT/],
      evidence: /found: ~\/\.nvm/,
      position: { line: 4, column: 18 },
    },
    ...[
      ['/opt/homebrew/bin/npx', 'Homebrew'],
      ['/home/linuxbrew/.linuxbrew/bin/uvx', 'Homebrew on Linux'],
      [`${HOME}/.local/bin/uvx`, '~/.local/bin'],
      [`${HOME}/.volta/bin/npx`, 'Volta'],
      [`${HOME}/.asdf/shims/npx`, 'asdf'],
      [`${HOME}/.local/share/mise/installs/node/22/bin/npx`, 'mise'],
      [`${HOME}/.local/state/fnm_multishells/123_456/bin/npx`, 'fnm'],
      [`${HOME}/bin/npx`, 'your home directory'],
    ].map(([path, label]) => ({
      name: `only under ${label}`,
      ctx: resolvedTo([path as string], 'linux'),
      status: 'warn' as const,
      message: new RegExp(`\\(${(label as string).replace(/[.~/]/g, '\\$&')}\\)`),
    })),
    {
      name: 'not on PATH at all',
      ctx: resolvedTo([], 'linux', (t) => Object.assign(t.spawn, { ok: false, errorCode: 'ENOENT', pid: undefined })),
      status: 'fail',
      message: [/"npx" is not on the server's PATH \(3 entries searched\)/, /spawn npx ENOENT/],
      evidence: /PATH: \/usr\/local\/bin:\/usr\/bin:\/bin/,
    },
  ],
});

describe('perUserLocation', () => {
  it('recognises Windows paths under the home directory', () => {
    expect(perUserLocation('C:\\Users\\dev\\scoop\\shims\\uvx.exe', 'C:\\Users\\dev')).toBe('your home directory');
  });
  it('leaves system locations alone', () => {
    expect(perUserLocation('/usr/local/bin/node', HOME)).toBeUndefined();
    expect(perUserLocation('/home/developer/bin/x', HOME)).toBeUndefined();
  });
});
