#!/usr/bin/env node
// Asserts on the action's JSON report in the self-test workflow (.github/workflows/self-test.yml).
// Usage: node assert-report.mjs REPORT.json [--isolation=MODE] NAME=STATUS[,STATUS...][:CHECK-ID]...
//   --isolation=sandbox              the run's effective isolation, and every launched server's
//   healthy=pass                     the server "healthy" passed
//   banner=fail:stdout-purity        "banner" failed, and stdout-purity is among its findings (fail or warn)
//   ignores-sigterm=fail,warn:shutdown   either status: some results differ by OS (SIGTERM is a hard kill on Windows)
import { readFileSync } from 'node:fs';

const [reportPath, ...rest] = process.argv.slice(2);
const isolation = rest.find((arg) => arg.startsWith('--isolation='))?.slice('--isolation='.length);
const expectations = rest.filter((arg) => !arg.startsWith('--isolation='));
if (!reportPath || expectations.length === 0) {
  console.error('usage: assert-report.mjs REPORT.json NAME=STATUS[,STATUS...][:CHECK-ID]...');
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const problems = [];

if (isolation !== undefined) {
  const settings = report.settings.isolation;
  console.log(`isolation: ${JSON.stringify(settings)}`);
  if (settings?.effective !== isolation) problems.push(`isolation: expected ${isolation}, got ${settings?.effective}`);
  for (const server of report.servers.filter((s) => s.launch)) {
    if (server.launch.isolation !== isolation) problems.push(`${server.name}: ran in ${server.launch.isolation}, not ${isolation}`);
  }
}

for (const expectation of expectations) {
  const match = /^(.+?)=((?:pass|warn|fail|skip)(?:,(?:pass|warn|fail|skip))*)(?::([a-z0-9-]+))?$/.exec(expectation);
  if (!match) {
    problems.push(`bad expectation "${expectation}"`);
    continue;
  }
  const [, name, statuses, checkId] = match;
  const server = report.servers.find((s) => s.name === name);
  if (!server) {
    problems.push(`${name}: not in the report (servers: ${report.servers.map((s) => s.name).join(', ')})`);
    continue;
  }
  const findings = server.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => `${c.id}:${c.status}`);
  console.log(`${name}: ${server.status}${findings.length ? ` (${findings.join(', ')})` : ''}`);
  if (!statuses.split(',').includes(server.status)) problems.push(`${name}: expected ${statuses}, got ${server.status}`);
  if (checkId && !server.checks.some((c) => c.id === checkId && (c.status === 'fail' || c.status === 'warn'))) {
    problems.push(`${name}: expected a finding of ${checkId}, got ${findings.join(', ') || 'none'}`);
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(`✖ ${p}`);
  process.exit(1);
}
console.log(`✔ ${expectations.length} expectation(s) met`);
