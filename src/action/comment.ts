/**
 * The opt-in sticky PR comment: one per workflow, job and runner OS, found again by a hidden marker and updated in
 * place. Best effort: a read-only token (pull requests from forks) or any API error never fails the step.
 */
import type { context, getOctokit } from '@actions/github';

export interface IssueRef {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface IssueComment {
  id: number;
  body?: string | null;
  /** The comment's author (GitHub sends null for a deleted account). */
  user?: { login: string } | null;
}

/** The calls the comment needs; tests pass a fake, the action wraps Octokit. */
export interface CommentApi {
  listComments(ref: IssueRef): Promise<IssueComment[]>;
  createComment(ref: IssueRef, body: string): Promise<void>;
  updateComment(ref: IssueRef, commentId: number, body: string): Promise<void>;
  /** The login the token acts as, when the API tells (a personal token, an app's bot); undefined otherwise. */
  viewerLogin(): Promise<string | undefined>;
}

/** Who writes with the workflow's GITHUB_TOKEN, whose identity `GET /user` does not reveal. */
export const ACTIONS_BOT = 'github-actions[bot]';

/** What the comment needs from `@actions/github`'s context. */
export interface EventContext {
  eventName: string;
  payload: (typeof context)['payload'];
  repo: { owner: string; repo: string };
  workflow: string;
  job: string;
}

export function octokitCommentApi(octokit: ReturnType<typeof getOctokit>): CommentApi {
  return {
    // Paginated: on a long PR the marker comment can be far down the list.
    listComments: (ref) =>
      octokit.paginate(octokit.rest.issues.listComments, {
        owner: ref.owner,
        repo: ref.repo,
        issue_number: ref.issueNumber,
        per_page: 100,
      }),
    createComment: async (ref, body) => {
      await octokit.rest.issues.createComment({ owner: ref.owner, repo: ref.repo, issue_number: ref.issueNumber, body });
    },
    updateComment: async (ref, commentId, body) => {
      await octokit.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: commentId, body });
    },
    viewerLogin: async () => {
      // A user token answers GET /user; an app installation token answers GraphQL's viewer; GITHUB_TOKEN neither.
      const rest = await octokit.rest.users.getAuthenticated().then(
        (response) => response.data.login,
        () => undefined,
      );
      if (rest) return rest;
      return octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }').then(
        (data) => data.viewer.login || undefined,
        () => undefined,
      );
    },
  };
}

export type CommentTarget = { ref: IssueRef } | { skip: string; notice: boolean };

/** The pull request to comment on, or why not (a notice for forks, plain info for other events). */
export function commentTarget(context: EventContext): CommentTarget {
  const pr = context.payload.pull_request;
  if (!pr) return { skip: `no pull request in a ${context.eventName} event`, notice: false };
  const head = (pr.head as { repo?: { full_name?: string } | null } | undefined)?.repo?.full_name;
  const base = context.payload.repository?.full_name;
  // pull_request_target runs with the base repository's token, so only plain pull_request events from forks are read-only.
  if (context.eventName === 'pull_request' && head && base && head !== base) {
    return { skip: `the pull request comes from the fork ${head}, whose GITHUB_TOKEN is read-only`, notice: true };
  }
  return { ref: { ...context.repo, issueNumber: pr.number } };
}

/** A hidden marker unique to this workflow, job and runner OS (an OS matrix gets one comment per OS). */
export function commentMarker(context: EventContext, runnerOs: string): string {
  const key = [context.workflow, context.job, runnerOs].join('/');
  // Keep it a valid, unbreakable HTML comment whatever the workflow is called.
  return `<!-- mcp-preflight:${key.replace(/[^A-Za-z0-9 _./-]/g, '_').replace(/-{2,}/g, '-')} -->`;
}

/**
 * Updates the comment that carries `marker`, or creates it. Anyone can paste the marker into a comment of their own:
 * only a comment written by the identity the token acts as (its viewer, else `github-actions[bot]`) is ours to edit.
 * When ours cannot be edited (deleted meanwhile, locked), a new one is posted.
 */
export async function upsertComment(
  api: CommentApi,
  ref: IssueRef,
  marker: string,
  body: string,
): Promise<'created' | 'updated' | 'replaced'> {
  const text = `${marker}\n${body}`;
  const [comments, viewer] = await Promise.all([api.listComments(ref), api.viewerLogin()]);
  const author = (viewer ?? ACTIONS_BOT).toLowerCase();
  const ours = comments.find((c) => c.user?.login.toLowerCase() === author && c.body?.includes(marker));
  if (ours) {
    try {
      await api.updateComment(ref, ours.id, text);
      return 'updated';
    } catch {
      await api.createComment(ref, text);
      return 'replaced';
    }
  }
  await api.createComment(ref, text);
  return 'created';
}

/** The API said the token may not write here (read-only token, missing `pull-requests: write`, no access). */
export function isPermissionError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 401 || status === 403 || status === 404;
}
