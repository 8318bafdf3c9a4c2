import { keepYoungGenerationSmall } from '../probe/young-generation.js';
import { TOOL_VERSION } from '../version.js';
import { parseCliArgs, UsageError, usage } from './args.js';

// The `mcp-preflight` command, once src/cli.ts has checked the Node.js version. The engine is imported only when there is work, so --version is instant.
async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(process.argv.slice(2), process.cwd(), process.env, Boolean(process.stdout.isTTY));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // One line: what is wrong, and where the options are (the whole help would bury the error).
    process.stderr.write(`mcp-preflight: ${error.message} (see mcp-preflight --help)\n`);
    return 2;
  }
  if (parsed.kind === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  keepYoungGenerationSmall();
  const { runCli } = await import('./main.js');
  return runCli(parsed.options, { stdout: process.stdout, stderr: process.stderr, env: process.env });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mcp-preflight: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 3;
  },
);
