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
 * The action's own repository at the ref the workflow uses (`GITHUB_ACTION_REPOSITORY`/`GITHUB_ACTION_REF`). A local
 * action (`uses: ./`) has neither: then it is the workflow's repository at the checked-out commit. Undefined when
 * neither is known (outside Actions): callers then show the repository-relative path instead of a link.
 */
export function docsLocationFromEnv(env: NodeJS.ProcessEnv): DocsLocation | undefined {
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s"'<>]+$/.test(serverUrl)) return undefined;
  const candidates: Array<[string | undefined, string | undefined]> = [
    [env.GITHUB_ACTION_REPOSITORY, env.GITHUB_ACTION_REF],
    [env.GITHUB_REPOSITORY, env.GITHUB_SHA],
  ];
  for (const [repository, ref] of candidates) {
    if (repository && ref && repositoryPattern.test(repository) && refPattern.test(ref) && !ref.includes('..')) {
      return { serverUrl, repository, ref };
    }
  }
  return undefined;
}

/** Absolute URL of a repository-relative docs path, or the path itself when no location is known. */
export function docsUrl(docsPath: string, location: DocsLocation | undefined): string {
  if (!location) return docsPath;
  const encodedPath = docsPath.split('/').map(encodeURIComponent).join('/');
  const encodedRef = location.ref.split('/').map(encodeURIComponent).join('/');
  return `${location.serverUrl}/${location.repository}/blob/${encodedRef}/${encodedPath}`;
}
