// Entry point of dist/index.js (action.yml `runs.main`). run() reports every error through core.setFailed itself, and
// returns an exit code only when SIGINT or SIGTERM cancelled the run.
// The version line goes out first (a plain log line, as core.info writes it) and the action's modules load after it,
// so the log shows at once that the step is alive.
import { EOL } from 'node:os';
import { keepYoungGenerationSmall } from '../probe/young-generation.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

process.stdout.write(`${TOOL_NAME} ${TOOL_VERSION}${EOL}`);
keepYoungGenerationSmall();
const { run } = await import('./main.js');
const cancelled = await run();
if (cancelled !== undefined) {
  // Sessions cut short may still be winding down their timers: the report, summary and outputs are written, so exit.
  const { flushed } = await import('../cancellation.js');
  await flushed(process.stdout);
  process.exit(cancelled);
}
