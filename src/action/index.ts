// Entry point of dist/index.js (action.yml `runs.main`). run() reports every error through core.setFailed itself.
import { run } from './main.js';

await run();
