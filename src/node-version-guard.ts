/** The oldest Node.js the CLI runs on (the action itself runs on node24). */
export const MIN_NODE_MAJOR = 20;

/** The line to print for `version` (as in `process.version`), or undefined when it is new enough. */
export function unsupportedNodeMessage(version: string): string | undefined {
  const major = Number(/^v?(\d+)/.exec(version)?.[1]);
  if (major >= MIN_NODE_MAJOR) return undefined;
  return `mcp-preflight needs Node.js ${MIN_NODE_MAJOR} or newer; this is Node.js ${version}.`;
}
