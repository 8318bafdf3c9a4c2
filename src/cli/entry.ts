import { flushed } from '../cancellation.js';
import { keepYoungGenerationSmall } from '../probe/young-generation.js';
import { forTerminal } from '../report/untrusted-text.js';
import { TOOL_VERSION } from '../version.js';
import { parseCliArgs, UsageError, usage } from './args.js';

// The `mcp-preflight` command, once src/cli.ts has checked the Node.js version. The engine is imported only when there is work, so --version is instant.
async function main(): Promise<number> {
  if (process.argv[2] === 'merge') return merge(process.argv.slice(3));
  let parsed;
  try {
    parsed = parseCliArgs(process.argv.slice(2), process.cwd(), process.env, Boolean(process.stdout.isTTY));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // One line: what is wrong, and where the options are (the whole help would bury the error). The message quotes
    // what was typed: through the door like any other untrusted text.
    process.stderr.write(`mcp-preflight: ${forTerminal(error.message)} (see mcp-preflight --help)\n`);
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

async function merge(argv: string[]): Promise<number> {
  const { mergeUsage, parseMergeArgs, runMerge } = await import('./merge.js');
  let options;
  try {
    options = parseMergeArgs(argv, process.cwd(), process.env, Boolean(process.stdout.isTTY));
  } catch (error) {
    const message = error instanceof Error ? error.message.split(/\.\s/)[0] : String(error);
    process.stderr.write(`mcp-preflight merge: ${forTerminal(message ?? '')} (see mcp-preflight merge --help)\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${mergeUsage}\n`);
    return 0;
  }
  return runMerge(options, { stdout: process.stdout, stderr: process.stderr, env: process.env });
}

main().then(
  async (code) => {
    process.exitCode = code;
    // Cancelled (130, 143): sessions cut short may still be winding down their timers; the report is out, so exit now.
    if (code > 128) {
      await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
      process.exit(code);
    }
  },
  (error: unknown) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`mcp-preflight: internal error: ${detail.split('\n').map(forTerminal).join('\n')}\n`);
    process.exitCode = 3;
  },
);
