#!/usr/bin/env node
// Broken: answers `initialize` only after a long warm-up (default 60 s, or argv[2] ms), longer than clients wait.
import { serve } from './lib/raw-server.mjs';

const delayMs = Number(process.argv[2] ?? 60_000);
serve({
  name: 'slow-init',
  handlers: {
    initialize: (params, message) => {
      setTimeout(() => {
        process.stdout.write(
          `${JSON.stringify({
            jsonrpc: '2.0',
            id: message.id,
            result: {
              protocolVersion: params?.protocolVersion ?? '2025-06-18',
              capabilities: { tools: {} },
              serverInfo: { name: 'slow-init', version: '1.0.0' },
            },
          })}\n`,
        );
      }, delayMs);
      return undefined;
    },
  },
});
