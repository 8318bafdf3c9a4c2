import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);

// src/launch/live-processes.ts
import { spawnSync } from "node:child_process";
var live = /* @__PURE__ */ new Set();
var hooked = false;
function trackLive(kill) {
  live.add(kill);
  if (!hooked) {
    hooked = true;
    process.once("exit", killLiveProcessesNow);
  }
  return () => {
    live.delete(kill);
  };
}
function killLiveProcessesNow() {
  for (const kill of [...live]) {
    live.delete(kill);
    try {
      kill();
    } catch {
    }
  }
}
function killTreeNow(pid) {
  if (process.platform === "win32") {
    spawnSync("taskkill", ["/T", "/F", "/PID", String(pid)], { windowsHide: true, stdio: "ignore", timeout: 5e3 });
    return;
  }
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
    }
  }
}

// src/cancellation.ts
var SIGNALS = { SIGINT: 2, SIGTERM: 15 };
function cancelOnSignals(announce = () => void 0) {
  const controller = new AbortController();
  let first;
  let count = 0;
  const handle = (signal) => {
    count++;
    announce(signal, count);
    if (first === void 0) {
      first = signal;
      controller.abort(signal);
    } else {
      killLiveProcessesNow();
      if (count >= 3) process.exit(128 + SIGNALS[first]);
    }
  };
  const handlers = Object.keys(SIGNALS).map((signal) => {
    const handler = () => handle(signal);
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return {
    signal: controller.signal,
    exitCode: () => first === void 0 ? void 0 : 128 + SIGNALS[first],
    dispose: () => {
      if (first === void 0) for (const remove of handlers) remove();
    }
  };
}
function flushed(stream) {
  return new Promise((resolve) => {
    stream.write("", () => resolve());
  });
}

export {
  trackLive,
  killLiveProcessesNow,
  killTreeNow,
  cancelOnSignals,
  flushed
};
