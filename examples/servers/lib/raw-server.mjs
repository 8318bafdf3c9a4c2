// A tiny handwritten stdio JSON-RPC server, so the broken demo servers behave exactly the same on every run.
// Each fixture passes its tools/prompts/resources and overrides the one thing it gets wrong.
import { createInterface } from 'node:readline';

export const SUPPORTED_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];

/** Writes one JSON-RPC message as one line on stdout. */
export function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

export function initializeResult(name, capabilities, requestedVersion) {
  return {
    protocolVersion: SUPPORTED_VERSIONS.includes(requestedVersion) ? requestedVersion : SUPPORTED_VERSIONS[0],
    capabilities,
    serverInfo: { name, version: '1.0.0' },
  };
}

export const exampleTool = {
  name: 'get_forecast',
  description: 'Weather forecast for a city.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

/**
 * Serves requests read from stdin. `options.handlers` may override any method: a handler returns
 * `{ result }`, `{ error }`, or undefined to send nothing. Other methods go to `onUnknown`, which by default answers
 * requests with -32601 "Method not found".
 * With `exitOnStdinEnd` (default) the server exits when stdin closes, as the spec asks.
 */
export function serve({
  name,
  tools = [exampleTool],
  prompts,
  resources,
  handlers = {},
  onUnknown = methodNotFound,
  exitOnStdinEnd = true,
}) {
  const capabilities = { tools: {} };
  if (prompts) capabilities.prompts = {};
  if (resources) capabilities.resources = {};
  const defaults = {
    initialize: (params) => ({ result: initializeResult(name, capabilities, params?.protocolVersion) }),
    ping: () => ({ result: {} }),
    'tools/list': () => ({ result: { tools } }),
    'prompts/list': () => ({ result: { prompts: prompts ?? [] } }),
    'resources/list': () => ({ result: { resources: resources ?? [] } }),
    'resources/templates/list': () => ({ result: { resourceTemplates: [] } }),
  };
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    const handler = own(handlers, message.method) ?? own(defaults, message.method);
    if (message.id === undefined) {
      own(handlers, message.method)?.(message.params, message);
      return;
    }
    const reply = (handler ?? onUnknown)(message.params, message);
    if (reply) send({ jsonrpc: '2.0', id: reply.id ?? message.id, ...(reply.error ? { error: reply.error } : { result: reply.result }) });
  });
  if (exitOnStdinEnd) lines.on('close', () => process.exit(0));
  return lines;
}

function own(table, key) {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

function methodNotFound(params, message) {
  return { error: { code: -32601, message: `Method not found: ${message.method}` } };
}
