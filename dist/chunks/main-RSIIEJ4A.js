import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);
import {
  writeExtraFormats
} from "./chunk-NFCRQDNV.js";
import {
  DISCOVERED_FILES,
  IsolationUnavailableError,
  SuppressionError,
  emptyShardLine,
  loadSuppressions,
  runPreflight,
  suppressionVocabulary
} from "./chunk-T3WNODIT.js";
import {
  formatMs,
  jsonReportChunks,
  openReportFile,
  renderTerminal,
  serverLine,
  terminalWidth,
  verdict,
  writeChunks
} from "./chunk-PIMTGGPY.js";
import {
  didYouMean,
  overLimitMessage
} from "./chunk-PY4H6BOA.js";
import {
  cancelOnSignals
} from "./chunk-UD5VTAHV.js";
import {
  forTerminal
} from "./chunk-OEXIEUCX.js";
import "./chunk-3LATT3HS.js";
import "./chunk-PN6J2TVM.js";

// src/cli/main.ts
import path from "node:path";

// src/report/progress.ts
var CLEAR_LINE = "\r\x1B[2K";
var LiveProgress = class {
  constructor(stream, options) {
    this.stream = stream;
    this.options = options;
    this.now = options.now ?? Date.now;
  }
  stream;
  options;
  running = /* @__PURE__ */ new Map();
  done = 0;
  shown = false;
  timer;
  stopped = false;
  now;
  total = 0;
  start(server) {
    this.total = server.total;
    this.running.set(key(server), { name: server.name, since: this.now() });
    this.schedule();
  }
  finish(server) {
    this.running.delete(key(server));
    this.done++;
    this.clear();
    this.stream.write(`${serverLine(server, this.options.color)}
`);
    if (this.running.size === 0 && this.done >= this.total) this.stop();
  }
  /** Clears the status line and stops redrawing for good (before the report, or at a cancellation). */
  stop() {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = void 0;
    this.clear();
  }
  /** The status line, at most the terminal's width (one line, so `\r` and clear-line redraw it in place). */
  line() {
    const now = this.now();
    const running = [...this.running.values()].map(({ name, since }) => `${forTerminal(name)} ${formatMs(now - since)}`);
    const text = `${this.done}/${this.total} servers checked${running.length ? ` \xB7 running: ${running.join(", ")}` : ""}`;
    const width = terminalWidth(this.stream.columns) - 1;
    const chars = Array.from(text);
    return chars.length > width ? `${chars.slice(0, width - 1).join("")}\u2026` : text;
  }
  schedule() {
    if (this.timer || this.stopped) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), this.options.intervalMs ?? 100);
    this.timer.unref();
  }
  draw() {
    if (this.running.size === 0 && this.done >= this.total) {
      this.stop();
      return;
    }
    this.stream.write(`${CLEAR_LINE}${this.options.color ? `\x1B[90m${this.line()}\x1B[39m` : this.line()}`);
    this.shown = true;
  }
  clear() {
    if (!this.shown) return;
    this.stream.write(CLEAR_LINE);
    this.shown = false;
  }
};
function key(server) {
  return `${server.config}:${server.line}:${server.name}`;
}

// src/cli/main.ts
var truncatedDiscoveryWarning = "mcp-preflight: warning: the folder tree is too large to search completely; some config files may not have been found. Pass the config files or their folders explicitly.\n";
async function runCli(options, io) {
  const say = (line) => io.stderr.write(`mcp-preflight: ${line}
`);
  let suppressions;
  try {
    const values = options.suppress ?? [];
    const source = (index) => values.length > 1 ? `--suppress #${index + 1}` : "--suppress";
    suppressions = await loadSuppressions(options.run.root, values, source, suppressionVocabulary);
  } catch (error) {
    if (!(error instanceof SuppressionError)) throw error;
    say(forTerminal(error.message));
    return 2;
  }
  let reportFile;
  if (options.json !== void 0 && options.json !== "-") {
    const opened = await openReportFile(path.resolve(options.run.root, options.json));
    if (!opened.ok) {
      say(`--json ${forTerminal(options.json)}: cannot write the report there (${opened.reason})`);
      return 2;
    }
    reportFile = opened.file;
  }
  const progress = isTty(io.stderr) ? new LiveProgress(io.stderr, { color: options.color }) : void 0;
  const cancellation = cancelOnSignals((signal, count) => {
    progress?.stop();
    say(
      count === 1 ? `${signal}: stopping the servers and writing a partial report\u2026` : `${signal}: killing every process the run started${count >= 3 ? " and exiting" : ""}`
    );
  });
  let result;
  try {
    result = await runPreflight({
      ...options.run,
      suppressions,
      env: io.env,
      signal: cancellation.signal,
      ...progress && { onServerStart: (s) => progress.start(s), onServerDone: (s) => progress.finish(s) }
    });
  } catch (error) {
    if (!(error instanceof IsolationUnavailableError)) throw error;
    await reportFile?.close();
    say(forTerminal(error.message));
    return 2;
  } finally {
    progress?.stop();
    cancellation.dispose();
  }
  const { report, missing, discoveryTruncated, overLimit, unknownServers } = result;
  const text = options.json === "-" ? io.stderr : io.stdout;
  for (const p of missing) say(`${forTerminal(p)}: no such file or directory`);
  if (discoveryTruncated) io.stderr.write(truncatedDiscoveryWarning);
  if (overLimit) {
    await reportFile?.close();
    say(overLimitMessage(overLimit, `--${overLimit.setting}`));
    return 2;
  }
  if (report.configs.length === 0 && report.cancelled === void 0) {
    await reportFile?.close();
    const where = options.run.paths.length ? options.run.paths.map(forTerminal).join(", ") : forTerminal(options.run.root);
    say(`no MCP config found under ${where} (looked for ${DISCOVERED_FILES.join(", ")})`);
    return 2;
  }
  if (unknownServers.length > 0) {
    await reportFile?.close();
    for (const { name, given, suggestions } of unknownServers) {
      const hint = didYouMean(suggestions);
      const option = given === "servers" ? "--server" : "--start";
      io.stderr.write(
        forTerminal(`mcp-preflight: ${option} ${JSON.stringify(name)} matches no server in the config files${hint ? `; ${hint}` : ""}`) + "\n"
      );
    }
    return 2;
  }
  if (report.shard?.servers === 0) say(emptyShardLine(report.shard));
  const width = terminalWidth(text.columns);
  text.write(renderTerminal(report, { color: options.color, verbose: options.verbose, width }));
  if (options.json === "-") await writeChunks(io.stdout, jsonReportChunks(report), { end: false });
  const failedWrite = await reportFile?.write(report);
  if (failedWrite !== void 0) {
    say(`--json ${forTerminal(options.json ?? "")}: cannot write the report there (${failedWrite})`);
    return 2;
  }
  const extraFailed = await writeExtraFormats(options, report, say);
  if (extraFailed) return 2;
  const cancelled = cancellation.exitCode();
  if (cancelled !== void 0) return cancelled;
  if (missing.length > 0) return 2;
  return verdict(report, options.run.failOn).failed ? 1 : 0;
}
function isTty(stream) {
  return stream.isTTY === true;
}
export {
  runCli,
  truncatedDiscoveryWarning
};
