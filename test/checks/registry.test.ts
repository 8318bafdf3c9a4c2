import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileChecks, serverChecks } from '../../src/checks/registry.js';

const docs = (path: string) => new URL(`../../docs/checks/${path}`, import.meta.url);
const all = [...fileChecks, ...serverChecks];

describe('registry', () => {
  it('holds exactly the documented check ids', () => {
    expect(all.map((c) => c.id).sort()).toEqual(
      [
        'capabilities',
        'client-compat',
        'command-path',
        'config-parse',
        'config-schema',
        'config-variables',
        'handshake',
        'http-auth',
        'http-origin',
        'http-protocol',
        'http-reachable',
        'http-transport',
        'jsonrpc',
        'protocol-versions',
        'secrets',
        'shutdown',
        'side-effects',
        'spawn',
        'startup-time',
        'stays-alive',
        'stdout-purity',
        'tool-names',
        'tool-schemas',
        'tools-list',
        'windows-npx',
      ].sort(),
    );
  });

  it('orders prerequisites before the checks that need them', () => {
    serverChecks.forEach((check, index) => {
      for (const id of check.requires) {
        expect(
          serverChecks.findIndex((c) => c.id === id),
          `${check.id} requires ${id}`,
        ).toBeGreaterThanOrEqual(0);
        expect(
          serverChecks.findIndex((c) => c.id === id),
          `${check.id} requires ${id}`,
        ).toBeLessThan(index);
      }
    });
  });

  it.each(all.map((c) => [c.id, c] as const))('%s has kebab-case id, title, remediation and a docs page in the index', (id, check) => {
    expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    expect(check.title.length).toBeGreaterThan(5);
    expect(check.remediation.length).toBeGreaterThan(20);
    expect(existsSync(docs(`${id}.md`)), `docs/checks/${id}.md`).toBe(true);
    expect(readFileSync(docs('README.md'), 'utf8')).toContain(`(${id}.md)`);
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'), 'README check catalogue').toContain(`(docs/checks/${id}.md)`);
  });
});
