// What npm publishes and where everything points: the package name, no runtime dependencies, and one repository
// (package.json `repository`) named the same way in every file a user reads. `npm run check-package` proves the
// packed tarball installs alone and runs.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKAGE_NAME, repositorySlug, TOOL_BUGS_URL, TOOL_HOMEPAGE, TOOL_REPOSITORY } from '../../src/version.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

/** Every text file a user reads or GitHub runs (tests use made-up repositories on purpose). */
async function userFacingFiles(): Promise<string[]> {
  const top = ['README.md', 'CHANGELOG.md', 'action.yml', 'package.json'];
  const under = async (dir: string) =>
    (await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && /\.(md|ya?ml|json)$/.test(e.name))
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
  return [...top, ...(await under('docs')), ...(await under('examples')), ...(await under('.github'))];
}

describe('the npm package', () => {
  it('is @mcp-preflight/cli with the mcp-preflight command and no runtime dependencies of any kind', () => {
    expect(pkg.name).toBe('@mcp-preflight/cli');
    expect(PACKAGE_NAME).toBe(pkg.name);
    expect(pkg.bin).toEqual({ 'mcp-preflight': 'dist/cli.js' });
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies']) {
      expect(pkg[field], field).toBeUndefined();
    }
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'CHANGELOG.md']));
  });

  it('names one GitHub repository for its source, homepage and issues', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: `git+https://github.com/${TOOL_REPOSITORY}.git` });
    expect(TOOL_HOMEPAGE).toBe(`https://github.com/${TOOL_REPOSITORY}#readme`);
    expect(TOOL_BUGS_URL).toBe(`https://github.com/${TOOL_REPOSITORY}/issues`);
  });

  it('has a changelog section for its version (the release notes)', async () => {
    const changelog = await readFile(path.join(root, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(new RegExp(`^## \\[${String(pkg.version).replace(/\./g, '\\.')}\\]`, 'm'));
  });

  it('reads the repository from the URL forms npm writes', () => {
    expect(repositorySlug('git+https://github.com/acme/mcp-preflight.git')).toBe('acme/mcp-preflight');
    expect(repositorySlug('https://github.com/acme/mcp-preflight')).toBe('acme/mcp-preflight');
    expect(() => repositorySlug('https://gitlab.com/acme/mcp-preflight')).toThrow(/not a GitHub URL/);
  });

  it('is named the same way, with the same owner, in every file a user reads', async () => {
    const owner = TOOL_REPOSITORY.split('/')[0];
    const seen: string[] = [];
    for (const file of await userFacingFiles()) {
      const text = await readFile(path.join(root, file), 'utf8');
      for (const match of text.matchAll(/(?:github\.com\/|raw\.githubusercontent\.com\/|uses: )([\w.-]+)\/mcp-preflight\b/g)) {
        seen.push(`${file}: ${match[0]}`);
        expect(match[1], `${file}: ${match[0]}`).toBe(owner);
      }
      expect(text, `${file} runs the unrelated unscoped npm package`).not.toMatch(/npx mcp-preflight\b/);
    }
    expect(seen.length).toBeGreaterThan(5);
  });
});
