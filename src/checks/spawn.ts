import type { Check } from '../model/check.js';
import type { Transcript } from '../model/transcript.js';
import { describeExit, describePhase, exitEvidence, stderrEvidence } from './util/evidence.js';
import { fail, pass, skip } from './util/outcome.js';
import { fieldPosition } from './util/position.js';
import { explainStderr } from './util/stderr-causes.js';
import { excerpt, formatMs } from './util/text.js';

const isPath = (command: string) => /[\\/]/.test(command);

/** Why the OS refused to start the process, with the fix for that cause. */
function refusal(transcript: Transcript): string {
  const { launch, spawn } = transcript;
  const cmd = excerpt(launch.command, 80);
  const cwd = excerpt(launch.cwd, 120);
  switch (spawn.errorCode) {
    case 'ENOENT':
      // The probe checks the working directory itself, because Node reports a missing one as a missing command.
      if (spawn.errorMessage?.startsWith('the working directory does not exist')) {
        return `the working directory ${cwd} does not exist. Servers start in the config file's folder (the workspace folder for .vscode/ and .cursor/); create it or fix "cwd".`;
      }
      if (!isPath(launch.command) && launch.resolvedCommand === undefined) {
        return `"${cmd}" is not on the server's PATH (see command-path for where it was looked up).`;
      }
      return (
        `the OS found no file to run: check that "${cmd}" exists${isPath(launch.command) ? ` (relative paths resolve against ${cwd})` : ''}, ` +
        `that the working directory ${cwd} exists, and that a script's \`#!\` interpreter is installed.`
      );
    case 'EACCES':
      return `"${cmd}" is not executable: run \`chmod +x\` on it, or run it through its interpreter ("command": "node", "args": ["${cmd}"]).`;
    case 'EINVAL':
      return `Node refuses to spawn a .cmd/.bat file without a shell (since 18.20.2/20.12.2): use "command": "cmd", "args": ["/c", "${cmd}", …].`;
    case 'EHIDDEN': {
      const file = launch.resolvedCommand ?? launch.command;
      const area = launch.isolation?.hidden
        .filter((a) => file === a.path || file.startsWith(`${a.path}/`))
        .sort((a, b) => b.path.length - a.path.length)[0];
      return (
        `"${cmd}" is ${excerpt(file, 120)}, inside ${area?.what ?? 'a folder the sandbox hides'}, which the sandbox hides. ` +
        'Install it outside (actions/setup-node and setup-python install into the tool cache, which the sandbox lets ' +
        'through), point "command" at a system-wide runtime, or set isolation to process.'
      );
    }
    case 'ESANDBOX':
      return 'the sandbox itself could not start (a problem of this machine, not of the server); its error is above.';
    case 'ENOIMAGE':
      return 'no container image has its runtime: set the image input (or --image) to one that does.';
    case 'ENOEXEC':
      return `"${cmd}" is not a binary the OS can run: add a \`#!/usr/bin/env node\` (or python) line, or set "command" to the interpreter.`;
    default:
      return `the OS refused to start "${cmd}" (${excerpt(spawn.errorCode ?? 'unknown error', 40)}).`;
  }
}

export const spawnCheck: Check = {
  id: 'spawn',
  title: 'Process starts and stays up until it answers initialize',
  remediation:
    'Run the exact command and args from the config in a terminal with a minimal environment (`env -i HOME=$HOME ' +
    'PATH=/usr/bin:/bin …`) and fix what it prints to stderr; a server must not exit before it has answered `initialize`.',
  requires: [],
  needsTranscript: true,
  transports: ['stdio'],
  run({ server, transcript }) {
    if (!transcript) return skip('The server was not launched.');
    const { spawn, exit, initialize } = transcript;
    const position = fieldPosition(server.spec, 'command');
    if (!spawn.ok) {
      const error = spawn.errorMessage ?? `spawn ${transcript.launch.command} ${spawn.errorCode ?? ''}`.trim();
      return fail(`The process did not start: \`${excerpt(error, 160)}\` — ${refusal(transcript)}`, {
        position,
        evidence: [`error: ${excerpt(error, 200)}`, `cwd: ${excerpt(transcript.launch.cwd, 200)}`],
      });
    }
    const answered = initialize?.outcome === 'result';
    // An exit in the shutdown phase is the probe ending a server that never answered: that is handshake's finding.
    if (exit && exit.phase !== 'shutdown' && !answered) {
      const cause = explainStderr(transcript.stderr.tail);
      return fail(
        `The process ${describeExit(exit)}, ${formatMs(exit.atMs)} after it started, ${describePhase(exit.phase)}, before answering ` +
          `initialize (clients show MCP error -32000: Connection closed). ${cause ? `Cause: ${cause}` : 'Its stderr below says why.'}`,
        { position, evidence: [exitEvidence(exit), ...stderrEvidence(transcript)] },
      );
    }
    const pid = spawn.pid === undefined ? '' : ` (pid ${spawn.pid})`;
    return pass(
      answered ? `Started${pid} and answered initialize.` : `Started${pid} and kept running (initialize is judged by handshake).`,
    );
  },
};
