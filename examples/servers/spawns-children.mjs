#!/usr/bin/env node
// Broken: starts a helper process that ignores SIGTERM and is never stopped, so it outlives the server.
import { spawn } from 'node:child_process';
import { serve } from './lib/raw-server.mjs';

const helper = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000);'], {
  stdio: 'ignore',
});
helper.unref();
console.error(`spawns-children: helper pid ${helper.pid}`);
serve({ name: 'spawns-children' });
