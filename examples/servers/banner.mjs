#!/usr/bin/env node
// Broken: prints a banner on stdout. stdout is the protocol channel, so clients see a line that is not JSON-RPC.
// Fix: log to stderr (console.error).
import { serve } from './lib/raw-server.mjs';

console.log('Weather MCP server v2.1 starting...');
serve({ name: 'banner' });
