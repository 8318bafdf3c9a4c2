#!/usr/bin/env node
// Broken: answers `initialize`, then stops reading stdin, so nothing keeps its event loop alive and it exits.
import { serve } from './lib/raw-server.mjs';

const lines = serve({
  name: 'exits-after-handshake',
  exitOnStdinEnd: false,
  handlers: {
    'notifications/initialized': () => {
      lines.close();
      process.stdin.destroy();
    },
  },
});
