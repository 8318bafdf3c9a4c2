// Preloaded (`node --import`) into a process whose memory is measured: when it exits, it writes its own peak resident
// set size in bytes (getrusage ru_maxrss: this process only, all its threads, no child process) to the file named by
// MCP_PREFLIGHT_PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.MCP_PREFLIGHT_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
