#!/usr/bin/env node
// A well-behaved server built the usual way (the official SDK's McpServer over stdio): it logs to stderr only,
// answers everything, and exits when its stdin closes.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'healthy-notes', version: '1.0.0' });
const notes = new Map([['welcome', 'Notes live in memory and vanish when the server exits.']]);

server.registerTool(
  'add_note',
  { description: 'Store a note under a title.', inputSchema: { title: z.string(), text: z.string() } },
  async ({ title, text }) => {
    notes.set(title, text);
    return { content: [{ type: 'text', text: `Saved "${title}".` }] };
  },
);
server.registerTool(
  'get_note',
  { description: 'Read a note by title.', inputSchema: { title: z.string() } },
  async ({ title }) => ({ content: [{ type: 'text', text: notes.get(title) ?? `No note titled "${title}".` }] }),
);
server.registerTool('list_notes', { description: 'List the titles of all notes.' }, async () => ({
  content: [{ type: 'text', text: [...notes.keys()].join('\n') }],
}));
server.registerPrompt(
  'summarize_notes',
  { description: 'Ask the model to summarize every note.' },
  () => ({
    messages: [{ role: 'user', content: { type: 'text', text: [...notes.values()].join('\n') } }],
  }),
);
server.registerResource('all-notes', 'notes://all', { description: 'Every note as JSON.', mimeType: 'application/json' }, (uri) => ({
  contents: [{ uri: uri.href, text: JSON.stringify(Object.fromEntries(notes)) }],
}));

await server.connect(new StdioServerTransport());
console.error('healthy-notes: ready on stdio');
