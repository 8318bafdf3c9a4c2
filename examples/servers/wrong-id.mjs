#!/usr/bin/env node
// Broken: answers `initialize` with an id that is not the request's, so the client never matches the answer.
import { initializeResult, serve } from './lib/raw-server.mjs';

serve({
  name: 'wrong-id',
  handlers: {
    initialize: (params, message) => ({
      id: typeof message.id === 'number' ? message.id + 100 : `${message.id}-reply`,
      result: initializeResult('wrong-id', { tools: {} }, params?.protocolVersion),
    }),
  },
});
