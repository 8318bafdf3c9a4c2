#!/usr/bin/env node
// The baseline of the overhead benchmark: what a bare MCP SDK client does to use a server — spawn it (in the SDK's
// default environment), initialize, list its tools, close (the SDK's own shutdown: stdin close, then signals).
// Usage: node bench/bare-client.mjs COMMAND [ARG...]   (the server starts in the current directory)
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [command, ...args] = process.argv.slice(2);
const transport = new StdioClientTransport({ command, args, stderr: 'pipe' });
// Read stderr as mcp-preflight does, so a chatty server cannot block on a full pipe in one of the two runs only.
transport.stderr?.resume();
const client = new Client({ name: 'bare-client', version: '1.0.0' });
await client.connect(transport);
const { tools } = await client.listTools();
await client.close();
process.stdout.write(`${tools.length} tools\n`);
