#!/usr/bin/env node
// Broken: answers methods it does not know with a result instead of the -32601 "Method not found" error.
// With `--crash` it dies on them instead.
import { serve } from './lib/raw-server.mjs';

const crash = process.argv.includes('--crash');
serve({
  name: 'no-unknown-method',
  onUnknown: (params, message) => {
    if (crash) throw new Error(`unhandled method ${message.method}`);
    return { result: {} };
  },
});
