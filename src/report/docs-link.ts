import { TOOL_REPOSITORY, TOOL_VERSION } from '../version.js';

/** Where a check's documentation page lives, so annotations and summaries can link to it at the right version. */
export interface DocsLocation {
  /** e.g. `https://github.com` (GitHub Enterprise has its own). */
  serverUrl: string;
  /** `owner/name` of the repository that holds `docs/checks/`. */
  repository: string;
  /** Tag, branch or commit the pages are read at. */
  ref: string;
}

const repositoryPattern = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const refPattern = /^[A-Za-z0-9_./-]+$/;

/**
 * The pages of the running version at its release tag in the project's repository (package.json `repository`): what
 * the CLI links to, since a repository-relative path means nothing outside a clone.
 */
export const RELEASED_DOCS: DocsLocation = { serverUrl: 'https://github.com', repository: TOOL_REPOSITORY, ref: `v${TOOL_VERSION}` };

/**
 * The action's own repository at the ref the workflow uses (`GITHUB_ACTION_REPOSITORY`/`GITHUB_ACTION_REF`). A local
 * action (`uses: ./`) has neither: then it is the workflow's repository at the checked-out commit. When neither is
 * known (outside Actions, or values that would make a misleading link), the released pages.
 */
export function docsLocationFromEnv(env: NodeJS.ProcessEnv): DocsLocation {
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s"'<>]+$/.test(serverUrl)) return RELEASED_DOCS;
  const candidates: Array<[string | undefined, string | undefined]> = [
    [env.GITHUB_ACTION_REPOSITORY, env.GITHUB_ACTION_REF],
    [env.GITHUB_REPOSITORY, env.GITHUB_SHA],
  ];
  for (const [repository, ref] of candidates) {
    if (repository && ref && repositoryPattern.test(repository) && refPattern.test(ref) && !ref.includes('..')) {
      return { serverUrl, repository, ref };
    }
  }
  return RELEASED_DOCS;
}

/** Absolute URL of a repository-relative docs path (default: in the released pages). */
export function docsUrl(docsPath: string, location: DocsLocation = RELEASED_DOCS): string {
  const encodedPath = docsPath.split('/').map(encodeURIComponent).join('/');
  const encodedRef = location.ref.split('/').map(encodeURIComponent).join('/');
  return `${location.serverUrl}/${location.repository}/blob/${encodedRef}/${encodedPath}`;
}
