#!/usr/bin/env node
// A remote (Streamable HTTP) server that the repository ships and CI starts for the check: the official SDK's
// McpServer behind StreamableHTTPServerTransport on 127.0.0.1, one session per client, refusing foreign Origins.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const port = Number(process.env.DEMO_REMOTE_PORT ?? 38417);
const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
const sessions = new Map();

function mcpServer() {
  const server = new McpServer({ name: 'remote-clock', version: '1.0.0' });
  server.registerTool('now', { description: 'The current time in a time zone.', inputSchema: { timeZone: z.string() } }, async ({ timeZone }) => ({
    content: [{ type: 'text', text: new Date().toLocaleString('en-GB', { timeZone }) }],
  }));
  return server;
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

http
  .createServer(async (req, res) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/mcp') return res.writeHead(404).end();
    const body = req.method === 'POST' ? await readJson(req).catch(() => undefined) : undefined;
    const id = req.headers['mcp-session-id'];
    let transport = typeof id === 'string' ? sessions.get(id) : undefined;
    if (!transport) {
      if (typeof id === 'string') return res.writeHead(404).end('unknown session');
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableDnsRebindingProtection: true,
        allowedOrigins: origins,
        onsessioninitialized: (sid) => sessions.set(sid, transport),
        onsessionclosed: (sid) => sessions.delete(sid),
      });
      await mcpServer().connect(transport);
    }
    await transport.handleRequest(req, res, body);
  })
  .listen(port, '127.0.0.1', () => console.error(`remote-clock listening on http://127.0.0.1:${port}/mcp`));
