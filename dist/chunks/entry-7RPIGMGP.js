import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);
import {
  keepYoungGenerationSmall
} from "./chunk-4HIXVKNL.js";
import {
  ISOLATION_MODES,
  NETWORK_MODES
} from "./chunk-5I44DZ7W.js";
import {
  LEG_LABEL_RULE,
  SETTINGS,
  closestNames,
  didYouMean,
  isLegLabel,
  parseShard,
  readNumberSetting
} from "./chunk-PY4H6BOA.js";
import {
  flushed
} from "./chunk-UD5VTAHV.js";
import {
  ALL_CLIENTS,
  PROFILES,
  forTerminal,
  unknownClients
} from "./chunk-OEXIEUCX.js";
import {
  PACKAGE_NAME,
  TOOL_BUGS_URL,
  TOOL_HOMEPAGE,
  TOOL_VERSION
} from "./chunk-3LATT3HS.js";
import "./chunk-PN6J2TVM.js";

// src/cli/args.ts
import { parseArgs } from "node:util";
var usage = `Usage: mcp-preflight [options] [PATH...]

Boots every MCP server declared in the config files under PATH (files or directories; default: the current
directory) in the stripped environment MCP clients use, checks it, and reports what breaks and how to fix it.

Options:
  --json FILE              also write the JSON report to FILE ('-' for stdout; the text report then goes to stderr)
  --junit FILE             also write a JUnit XML report to FILE (one testsuite per server)
  --sarif FILE             also write a SARIF 2.1.0 log to FILE (for GitHub code scanning)
  --server NAME            only check this server (repeatable)
  --start NAME=COMMAND     start the repository's own HTTP server for the remote entry NAME before checking it, and
                           stop it afterwards (repeatable; no shell: quotes group words)
  --shard K/N              check only the K-th of N disjoint parts of the servers (a job matrix; stable by
                           config path and name)
  --leg LABEL              name this run in a later merge (e.g. the matrix OS: windows-latest)
  --suppress 'CHECK [server=NAME] [client=ID] reason=WHY'
                           accept a finding on purpose (repeatable; also read from .mcp-preflight.yml)
  --startup-timeout MS     time a server has to answer initialize (default 30000, as Claude Code)
  --request-timeout MS     time each later request may take (default 10000)
  --stay-alive-ms MS       how long after the handshake every server must keep running (default 1000)
  --concurrency N          servers probed in parallel (default 8)
  --max-configs N          stop with an error when more config files than this are found (default 1000)
  --max-servers N          stop with an error when more servers than this are to be checked (default 1000)
  --fail-on LEVEL          error | warning | never: what makes the exit code 1 (default error)
  --fresh-home             point HOME (USERPROFILE on Windows) at an empty temporary directory
  --require-credentials    check a remote server whose credentials expand to nothing (it then fails
                           http-auth) instead of skipping it, as a pull request from a fork gets no secrets
  --isolation MODE         where servers run: auto (default: the sandbox where this machine has one, else
                           process, with a notice), sandbox (bubblewrap, Linux), docker, or process (plain
                           processes of your user: no boundary)
  --network MODE           host (default) or none: the sandbox's or container's network
  --image IMAGE            the container image for --isolation docker (default: node:24-bookworm-slim for
                           Node.js launchers, ghcr.io/astral-sh/uv:python3.13-bookworm-slim for Python ones)
  --client NAME            judge every server for this client, repeatable (default: the client whose config
                           file declares the server); NAME is 'all' or one of:
${wrap(PROFILES.map((p) => p.id).join(", "), 27, 112)}
  --protocol-versions      offer every protocol version in a short session each (default: on with --client)
  --no-protocol-versions   offer only the MCP SDK's latest version, also with --client
  --verbose                also list the checks that passed or were skipped
  --no-color               no colours (also when NO_COLOR is set or output is not a terminal; FORCE_COLOR=1
                           forces them)
  -v, --version            print the version
  -h, --help               print this help

Exit codes: 0 nothing at the fail-on level, 1 findings at that level, 2 usage error, no config, no such --isolation,
3 internal error of mcp-preflight (a bug: please report it at ${TOOL_BUGS_URL}).

npm package: ${PACKAGE_NAME} (npx ${PACKAGE_NAME} runs it without installing)
Documentation: ${TOOL_HOMEPAGE}`;
function wrap(text, indent, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.map((l) => `${" ".repeat(indent)}${l}`).join("\n");
}
var UsageError = class extends Error {
};
function parseCliArgs(argv, cwd, env, isTty) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "string" },
        junit: { type: "string" },
        sarif: { type: "string" },
        shard: { type: "string" },
        leg: { type: "string" },
        server: { type: "string", multiple: true },
        start: { type: "string", multiple: true },
        suppress: { type: "string", multiple: true },
        "startup-timeout": { type: "string" },
        "request-timeout": { type: "string" },
        "stay-alive-ms": { type: "string" },
        concurrency: { type: "string" },
        "max-configs": { type: "string" },
        "max-servers": { type: "string" },
        "fail-on": { type: "string" },
        "fresh-home": { type: "boolean" },
        "require-credentials": { type: "boolean" },
        isolation: { type: "string" },
        network: { type: "string" },
        image: { type: "string" },
        client: { type: "string", multiple: true },
        "protocol-versions": { type: "boolean" },
        "no-protocol-versions": { type: "boolean" },
        verbose: { type: "boolean" },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
        version: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" }
      }
    });
  } catch (error) {
    throw usageErrorFrom(error);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const failOn = values["fail-on"] ?? "error";
  if (!isFailOn(failOn)) throw new UsageError(`--fail-on must be error, warning or never (got "${failOn}")`);
  const clients = values.client ?? [];
  const unknown = unknownClients(clients);
  if (unknown.length > 0) {
    const known = [ALL_CLIENTS, ...PROFILES.map((p) => p.id)].join(", ");
    throw new UsageError(`unknown --client ${unknown.map((c) => `"${c}"`).join(", ")} (one of: ${known})`);
  }
  if (values["protocol-versions"] && values["no-protocol-versions"]) {
    throw new UsageError("--protocol-versions and --no-protocol-versions contradict each other");
  }
  const protocolVersions = values["protocol-versions"] ? true : values["no-protocol-versions"] ? false : void 0;
  const isolation = oneOf("--isolation", values.isolation ?? "auto", ISOLATION_MODES);
  const network = oneOf("--network", values.network ?? "host", NETWORK_MODES);
  if (values.image !== void 0 && isolation !== "docker") throw new UsageError("--image needs --isolation docker");
  if (values.image !== void 0 && values.image.trim() === "") throw new UsageError("--image must name an image");
  const shard = values.shard === void 0 ? void 0 : parseShard(values.shard);
  if (shard && !shard.ok) throw new UsageError(`--shard must be ${shard.expected} (got "${values.shard}")`);
  const leg = values.leg?.trim();
  if (leg !== void 0 && !isLegLabel(leg)) throw new UsageError(`--leg must be ${LEG_LABEL_RULE} (got "${values.leg}")`);
  return {
    kind: "run",
    options: {
      run: {
        paths: positionals,
        root: cwd,
        servers: values.server ?? [],
        ...values.start !== void 0 && { start: startCommands(values.start) },
        ...shard?.ok && { shard: shard.shard },
        ...leg && { leg },
        startupTimeoutMs: numberOption("--startup-timeout", values["startup-timeout"], SETTINGS.startupTimeoutMs),
        requestTimeoutMs: numberOption("--request-timeout", values["request-timeout"], SETTINGS.requestTimeoutMs),
        stayAliveMs: numberOption("--stay-alive-ms", values["stay-alive-ms"], SETTINGS.stayAliveMs),
        concurrency: numberOption("--concurrency", values.concurrency, SETTINGS.concurrency),
        maxConfigs: numberOption("--max-configs", values["max-configs"], SETTINGS.maxConfigs),
        maxServers: numberOption("--max-servers", values["max-servers"], SETTINGS.maxServers),
        freshHome: values["fresh-home"] ?? false,
        ...values["require-credentials"] && { requireCredentials: true },
        failOn,
        ...clients.length > 0 && { clients },
        ...protocolVersions !== void 0 && { protocolVersions },
        isolation,
        network,
        ...values.image !== void 0 && { image: values.image.trim() }
      },
      ...values.json !== void 0 && { json: values.json },
      ...values.junit !== void 0 && { junit: values.junit },
      ...values.sarif !== void 0 && { sarif: values.sarif },
      ...values.suppress !== void 0 && { suppress: values.suppress },
      verbose: values.verbose ?? false,
      color: colorWanted(values["no-color"], values.color, env, isTty)
    }
  };
}
function colorWanted(noColor, color, env, isTty) {
  if (noColor) return false;
  if (color !== void 0) return color;
  const force = env.FORCE_COLOR;
  if (force !== void 0 && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  if (env.NO_COLOR) return false;
  return isTty;
}
function startCommands(values) {
  const commands = /* @__PURE__ */ Object.create(null);
  for (const value of values) {
    const split = value.indexOf("=");
    const name = split === -1 ? "" : value.slice(0, split).trim();
    const command = split === -1 ? "" : value.slice(split + 1).trim();
    if (name === "" || command === "") throw new UsageError(`--start takes NAME=COMMAND (got "${value.slice(0, 80)}")`);
    if (Object.hasOwn(commands, name)) throw new UsageError(`--start names "${name}" twice`);
    commands[name] = command;
  }
  return commands;
}
function usageErrorFrom(error) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error.code;
  const option = /'(-{1,2}[^\s'=<,]+)/.exec(message)?.[1];
  if (option !== void 0 && code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const known = option.startsWith("--") ? usage.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? [] : [];
    const hint = didYouMean(closestNames(option, known), (name) => name);
    return new UsageError(`unknown option ${option}${hint ? `; ${hint}` : ""}`);
  }
  if (option !== void 0 && code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return new UsageError(/argument missing/.test(message) ? `${option} needs a value` : `${option} takes no value`);
  }
  return new UsageError(message.split(/\.\s/)[0] ?? message);
}
function oneOf(flag, value, allowed) {
  const found = allowed.find((a) => a === value);
  if (found === void 0) throw new UsageError(`${flag} must be ${allowed.join(", ")} (got "${value}")`);
  return found;
}
function isFailOn(value) {
  return value === "error" || value === "warning" || value === "never";
}
function numberOption(flag, raw, rule) {
  if (raw === void 0) return rule.default;
  const read = readNumberSetting(raw, rule);
  if (!read.ok) throw new UsageError(`${flag} must be ${read.expected} (got "${raw}")`);
  return read.value;
}

// src/cli/entry.ts
async function main() {
  if (process.argv[2] === "merge") return merge(process.argv.slice(3));
  let parsed;
  try {
    parsed = parseCliArgs(process.argv.slice(2), process.cwd(), process.env, Boolean(process.stdout.isTTY));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mcp-preflight: ${forTerminal(error.message)} (see mcp-preflight --help)
`);
    return 2;
  }
  if (parsed.kind === "help") {
    process.stdout.write(`${usage}
`);
    return 0;
  }
  if (parsed.kind === "version") {
    process.stdout.write(`${TOOL_VERSION}
`);
    return 0;
  }
  keepYoungGenerationSmall();
  const { runCli } = await import("./main-RSIIEJ4A.js");
  return runCli(parsed.options, { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
async function merge(argv) {
  const { mergeUsage, parseMergeArgs, runMerge } = await import("./merge-OQ4I3KE5.js");
  let options;
  try {
    options = parseMergeArgs(argv, process.cwd(), process.env, Boolean(process.stdout.isTTY));
  } catch (error) {
    const message = error instanceof Error ? error.message.split(/\.\s/)[0] : String(error);
    process.stderr.write(`mcp-preflight merge: ${forTerminal(message ?? "")} (see mcp-preflight merge --help)
`);
    return 2;
  }
  if (options === "help") {
    process.stdout.write(`${mergeUsage}
`);
    return 0;
  }
  return runMerge(options, { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
main().then(
  async (code) => {
    process.exitCode = code;
    if (code > 128) {
      await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
      process.exit(code);
    }
  },
  (error) => {
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    process.stderr.write(`mcp-preflight: internal error: ${detail.split("\n").map(forTerminal).join("\n")}
`);
    process.exitCode = 3;
  }
);
