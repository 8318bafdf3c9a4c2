import pkg from '../package.json' with { type: 'json' };

export const TOOL_NAME = 'mcp-preflight';
export const TOOL_VERSION: string = pkg.version;
/** The npm package the CLI is published as (the unscoped name belongs to an unrelated package). */
export const PACKAGE_NAME: string = pkg.name;
export const TOOL_HOMEPAGE: string = pkg.homepage;
export const TOOL_BUGS_URL: string = pkg.bugs.url;
/** `owner/name` of the GitHub repository (package.json `repository.url` is `git+https://github.com/owner/name.git`). */
export const TOOL_REPOSITORY: string = repositorySlug(pkg.repository.url);

export function repositorySlug(url: string): string {
  const slug = /^(?:git\+)?https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url)?.[1];
  if (slug === undefined) throw new Error(`package.json repository.url is not a GitHub URL: ${url}`);
  return slug;
}
