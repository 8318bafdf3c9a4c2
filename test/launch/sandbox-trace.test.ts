import { describe, expect, it } from 'vitest';
import { BoundaryCollector, type BoundaryContext, parseCall, TraceReader } from '../../src/launch/sandbox-trace.js';

describe('parseCall', () => {
  it('reads a failed call: pid, name, paths, write intent and errno', () => {
    expect(
      parseCall('[pid    12] openat(AT_FDCWD, "/home/runner/.npmrc", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)'),
    ).toEqual({
      pid: 12,
      syscall: 'openat',
      paths: ['/home/runner/.npmrc'],
      write: false,
      error: 'ENOENT',
    });
    expect(
      parseCall('[pid 7] openat(AT_FDCWD, "/usr/zz", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = -1 EROFS (Read-only file system)'),
    ).toMatchObject({
      write: true,
      error: 'EROFS',
    });
    expect(parseCall('mkdir("/usr/x", 0777)       = -1 EROFS (Read-only file system)')).toMatchObject({
      pid: 0,
      syscall: 'mkdir',
      write: true,
    });
    expect(parseCall('[pid 9] renameat2(AT_FDCWD, "a", AT_FDCWD, "/etc/b", 0) = -1 EXDEV (Invalid cross-device link)')?.paths).toEqual([
      'a',
      '/etc/b',
    ]);
  });

  it('reads connections: an address, or a Unix socket path', () => {
    expect(
      parseCall(
        '[pid 5] connect(19, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("10.255.255.1")}, 16) = -1 ENETUNREACH (Network is unreachable)',
      ),
    ).toMatchObject({
      syscall: 'connect',
      address: { host: '10.255.255.1', port: 443 },
      error: 'ENETUNREACH',
    });
    expect(
      parseCall(
        'connect(4, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH (x)',
      )?.address,
    ).toEqual({ host: '2001:db8::1', port: 53 });
    expect(
      parseCall('connect(4, {sa_family=AF_UNIX, sun_path="/run/docker.sock"}, 110) = -1 ECONNREFUSED (Connection refused)')?.paths,
    ).toEqual(['/run/docker.sock']);
  });

  it('decodes the escapes strace prints, and ignores relative paths against another directory fd', () => {
    expect(parseCall('openat(AT_FDCWD, "/tmp/\\303\\251\\"x", O_RDONLY) = -1 ENOENT (x)')?.paths).toEqual(['/tmp/é"x']);
    expect(parseCall('openat(3, "rel", O_RDONLY) = -1 ENOENT (x)')?.paths).toEqual([]);
    expect(parseCall('openat(3, "/abs", O_RDONLY) = -1 ENOENT (x)')?.paths).toEqual(['/abs']);
    expect(parseCall('bwrap: setting up uid map: Permission denied')).toBeUndefined();
    expect(parseCall('[pid 3] openat(AT_FDCWD, "/x", O_RDONLY) = 3')).toBeUndefined();
  });
});

describe('TraceReader', () => {
  it('joins a call another process interrupted', () => {
    const reader = new TraceReader();
    expect(reader.read('[pid  8] openat(AT_FDCWD, "/home/runner/.aws/config", O_RDONLY <unfinished ...>')).toBeUndefined();
    expect(reader.read('[pid  9] mkdir("/usr/y", 0777) = -1 EROFS (Read-only file system)')).toMatchObject({ pid: 9, syscall: 'mkdir' });
    expect(reader.read('[pid  8] <... openat resumed>) = -1 ENOENT (No such file or directory)')).toMatchObject({
      pid: 8,
      syscall: 'openat',
      paths: ['/home/runner/.aws/config'],
      error: 'ENOENT',
    });
    expect(reader.read('[pid 10] <... openat resumed>) = -1 ENOENT (x)')).toBeUndefined();
  });
});

describe('BoundaryCollector', () => {
  const context = (overrides: Partial<BoundaryContext> = {}): BoundaryContext => ({
    hidden: [
      { path: '/home/runner', what: "the runner's home directory" },
      { path: '/home/runner/work/_temp', what: "the runner's temp directory" },
    ],
    writable: ['/home/runner', '/tmp', '/home/runner/work/repo/repo'],
    workspace: ['/home/runner/work/repo/repo'],
    exposed: ['/opt/hostedtoolcache/node/24.11.0/x64'],
    network: 'none',
    cwd: '/home/runner/work/repo/repo',
    ignorePids: new Set([3]),
    existsOnHost: (file) => ['/home/runner/.npmrc', '/home/runner/work/_temp/set_env'].includes(file),
    ...overrides,
  });
  const collect = (lines: string[], overrides: Partial<BoundaryContext> = {}) => {
    const collector = new BoundaryCollector(context(overrides), 'strace');
    const reader = new TraceReader();
    for (const line of lines) {
      const event = reader.read(line);
      if (event) collector.add(event);
    }
    return collector.record;
  };

  it('keeps a hidden file only when the runner has it, and never the sandbox shell own calls', () => {
    const record = collect([
      '[pid 4] openat(AT_FDCWD, "/home/runner/.npmrc", O_RDONLY) = -1 ENOENT (x)',
      '[pid 4] openat(AT_FDCWD, "/home/runner/.optional-nowhere", O_RDONLY) = -1 ENOENT (x)',
      '[pid 3] openat(AT_FDCWD, "/home/runner/work/_temp/set_env", O_RDONLY) = -1 ENOENT (x)',
      '[pid 4] openat(AT_FDCWD, "/home/runner/work/repo/repo/missing.json", O_RDONLY) = -1 ENOENT (x)',
      '[pid 4] openat(AT_FDCWD, "/home/runner/.npmrc", O_RDONLY) = -1 ENOENT (x)',
    ]);
    expect(record.hiddenReads).toEqual([
      { syscall: 'openat', path: '/home/runner/.npmrc', error: 'ENOENT', where: "the runner's home directory" },
    ]);
  });

  it('keeps writes the boundary refused, not those that failed in writable places for their own reasons', () => {
    const record = collect([
      '[pid 4] openat(AT_FDCWD, "/home/runner/work/_temp/set_env", O_WRONLY|O_APPEND) = -1 EROFS (x)',
      '[pid 4] mkdir("/usr/lib/x", 0777) = -1 EROFS (x)',
      '[pid 4] openat(AT_FDCWD, "/proc/1/fd/1", O_WRONLY) = -1 EACCES (x)',
      '[pid 4] openat(AT_FDCWD, "/tmp/no/such/dir", O_WRONLY|O_CREAT, 0666) = -1 ENOENT (x)',
      '[pid 4] openat(AT_FDCWD, "cache/x", O_WRONLY|O_CREAT, 0666) = -1 ENOENT (x)',
      '[pid 4] openat(AT_FDCWD, "/etc/missing-dir/x", O_WRONLY|O_CREAT, 0666) = -1 ENOENT (x)',
    ]);
    expect(record.blockedWrites.map((w) => [w.path, w.where])).toEqual([
      ['/home/runner/work/_temp/set_env', "the runner's temp directory"],
      ['/usr/lib/x', 'the read-only system'],
      ['/proc/1/fd/1', 'the read-only system'],
    ]);
  });

  it('reports a write into a read-only workspace only as such', () => {
    const record = collect(['[pid 4] openat(AT_FDCWD, "out.json", O_WRONLY|O_CREAT, 0666) = -1 EROFS (x)'], {
      writable: ['/home/runner', '/tmp'],
    });
    expect(record.blockedWrites).toEqual([
      {
        syscall: 'openat',
        path: '/home/runner/work/repo/repo/out.json',
        error: 'EROFS',
        where: 'the workspace (read-only in this sandbox)',
      },
    ]);
  });

  it('keeps connections only with network none, and never to loopback', () => {
    const lines = [
      '[pid 4] connect(4, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("192.0.2.53")}, 16) = -1 ENETUNREACH (x)',
      '[pid 4] connect(5, {sa_family=AF_INET, sin_port=htons(5432), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (x)',
    ];
    expect(collect(lines).blockedConnections).toEqual([{ syscall: 'connect', address: '192.0.2.53:53', dns: true, error: 'ENETUNREACH' }]);
    expect(collect(lines, { network: 'host' }).blockedConnections).toEqual([]);
  });

  it('keeps at most 20 records a list and counts the rest', () => {
    const lines = Array.from({ length: 25 }, (_, i) => `[pid 4] mkdir("/usr/x${i}", 0777) = -1 EROFS (x)`);
    const record = collect(lines);
    expect(record.blockedWrites).toHaveLength(20);
    expect(record.dropped).toBe(5);
  });
});
