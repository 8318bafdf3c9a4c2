import { describe, expect, it } from 'vitest';
import { buildServerEnvironment, lookupEnv, pathEntriesOf } from '../../src/launch/environment.js';

const posixHost = {
  HOME: '/home/dev',
  PATH: '/usr/local/bin:/usr/bin',
  SHELL: '/bin/zsh',
  TERM: 'xterm',
  USER: 'dev',
  GITHUB_TOKEN: 'ghs_runner_token',
  INPUT_FAIL_ON: 'error',
  API_TOKEN: 'from-my-shell',
  NVM_DIR: '/home/dev/.nvm',
  BASH_FUNC_x: '() { echo hi; }',
  LOGNAME: '() { evil; }',
};

const windowsHost = {
  APPDATA: 'C:\\Users\\dev\\AppData\\Roaming',
  Path: 'C:\\Windows\\system32;C:\\Program Files\\nodejs\\',
  PATHEXT: '.COM;.EXE;.BAT;.CMD',
  SystemRoot: 'C:\\Windows',
  USERPROFILE: 'C:\\Users\\dev',
  HOME: 'C:\\Users\\dev',
  ProgramFiles: 'C:\\Program Files',
  GITHUB_TOKEN: 'ghs_runner_token',
};

describe('buildServerEnvironment', () => {
  it('passes only the SDK allow-list on POSIX, skipping unset values and exported functions', () => {
    const env = buildServerEnvironment({ platform: 'linux', hostEnv: posixHost, configEnv: {} });
    expect(env).toEqual({ HOME: '/home/dev', PATH: '/usr/local/bin:/usr/bin', SHELL: '/bin/zsh', TERM: 'xterm', USER: 'dev' });
  });

  it('adds the config env, which wins over inherited values', () => {
    const env = buildServerEnvironment({
      platform: 'darwin',
      hostEnv: posixHost,
      configEnv: { API_KEY: 'from-config', PATH: '/opt/bin' },
    });
    expect(env.API_KEY).toBe('from-config');
    expect(env.PATH).toBe('/opt/bin');
    expect(env.GITHUB_TOKEN).toBeUndefined();
    expect(env.API_TOKEN).toBeUndefined();
  });

  it('points HOME at the fresh home, unless the config sets HOME itself', () => {
    expect(buildServerEnvironment({ platform: 'linux', hostEnv: posixHost, configEnv: {}, freshHomeDir: '/tmp/h' }).HOME).toBe('/tmp/h');
    expect(
      buildServerEnvironment({ platform: 'linux', hostEnv: posixHost, configEnv: { HOME: '/srv' }, freshHomeDir: '/tmp/h' }).HOME,
    ).toBe('/srv');
  });

  it('removes the variables the config unsets (VS Code null), in any casing on Windows', () => {
    expect(buildServerEnvironment({ platform: 'linux', hostEnv: posixHost, configEnv: {}, unset: ['SHELL', 'term'] })).toEqual({
      HOME: '/home/dev',
      PATH: '/usr/local/bin:/usr/bin',
      TERM: 'xterm',
      USER: 'dev',
    });
    const windows = buildServerEnvironment({ platform: 'win32', hostEnv: windowsHost, configEnv: {}, unset: ['appdata'] });
    expect(windows).not.toHaveProperty('APPDATA');
    expect(windows).toHaveProperty('USERPROFILE');
  });

  it('uses the Windows list with case-insensitive lookup and canonical names', () => {
    const env = buildServerEnvironment({ platform: 'win32', hostEnv: windowsHost, configEnv: {} });
    expect(env).toEqual({
      APPDATA: 'C:\\Users\\dev\\AppData\\Roaming',
      PATH: 'C:\\Windows\\system32;C:\\Program Files\\nodejs\\',
      SYSTEMROOT: 'C:\\Windows',
      USERPROFILE: 'C:\\Users\\dev',
      PROGRAMFILES: 'C:\\Program Files',
    });
  });

  it('on Windows, points USERPROFILE at the fresh home and lets a config `Path` replace PATH', () => {
    const env = buildServerEnvironment({
      platform: 'win32',
      hostEnv: windowsHost,
      configEnv: { Path: 'C:\\tools' },
      freshHomeDir: 'C:\\Temp\\home',
    });
    expect(env.USERPROFILE).toBe('C:\\Temp\\home');
    expect(env.Path).toBe('C:\\tools');
    expect(env.PATH).toBeUndefined();
    expect(env.HOME).toBeUndefined();
  });
});

describe('lookupEnv / pathEntriesOf', () => {
  it('is exact on POSIX and case-insensitive on Windows', () => {
    expect(lookupEnv({ Path: '/x' }, 'PATH', 'linux')).toBeUndefined();
    expect(lookupEnv({ Path: 'C:\\x' }, 'PATH', 'win32')).toBe('C:\\x');
  });

  it('splits PATH on the platform delimiter and drops empty entries', () => {
    expect(pathEntriesOf({ PATH: '/a::/b:' }, 'linux')).toEqual(['/a', '/b']);
    expect(pathEntriesOf({ Path: 'C:\\a;;C:\\b' }, 'win32')).toEqual(['C:\\a', 'C:\\b']);
  });
});
