import type { Check } from '../model/check.js';
import type { BoundaryRecord, HiddenArea, LaunchIsolation } from '../model/isolation.js';
import type { Transcript } from '../model/transcript.js';
import { pass, skip, warn } from './util/outcome.js';
import { count, excerpt, listSome } from './util/text.js';

/**
 * What a server did or needed outside its sandbox, from what the sandbox saw: its failed system calls (when strace
 * traced it), the files it wrote into its private HOME, and the errors it printed on stderr. Only a sandbox or a
 * container can see these, so they are warnings on the server that raised them, with the exact evidence; a plain
 * process (isolation: process) is not judged.
 */

const MAX_EVIDENCE = 12;

/** Errors a program prints when a file is missing, unreadable or on a read-only file system. */
const FILE_ERROR =
  /\b(?:ENOENT|EACCES|EPERM|EROFS)\b|No such file or directory|Permission denied|Read-only file system|Cannot find module/i;
const READ_ONLY_ERROR = /\bEROFS\b|Read-only file system/i;
/** Errors of a name lookup or a connection that the missing network caused. */
const NETWORK_ERROR =
  /\b(?:EAI_AGAIN|ENOTFOUND|ENETUNREACH|EHOSTUNREACH)\b|getaddrinfo|Temporary failure in name resolution|Name or service not known|Could not resolve host|Network is unreachable|No address associated with hostname/i;
const ABSOLUTE_PATH = /(?:^|[\s'"`(=:,[])(\/[^\s'"`),:\]]+)/g;

/** Each finding: the path or address it is about, and its evidence line. */
interface Finding {
  subject: string;
  evidence: string;
}

interface Findings {
  reads: Finding[];
  writes: Finding[];
  network: Finding[];
}

/** `~/.npmrc` for a path in the sandbox's HOME. */
function shown(file: string, home: string | undefined): string {
  return excerpt(home !== undefined && file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file, 160);
}

function areaOf(file: string, areas: readonly HiddenArea[]): HiddenArea | undefined {
  let found: HiddenArea | undefined;
  for (const area of areas) {
    const inside = file === area.path || file.startsWith(`${area.path}/`);
    if (inside && (!found || area.path.length > found.path.length)) found = area;
  }
  return found;
}

function fromTrace(boundary: BoundaryRecord, home: string | undefined, findings: Findings, seen: Set<string>): void {
  for (const read of boundary.hiddenReads) {
    seen.add(read.path);
    const subject = shown(read.path, home);
    findings.reads.push({
      subject,
      evidence: `read ${subject} (${read.syscall}: ${read.error}): the runner has it; ${read.where} is hidden`,
    });
  }
  for (const write of boundary.blockedWrites) {
    seen.add(write.path);
    const subject = shown(write.path, home);
    findings.writes.push({ subject, evidence: `write ${subject} (${write.syscall}: ${write.error}): ${write.where}` });
  }
  for (const file of boundary.homeFilesWritten) {
    const subject = excerpt(file, 160);
    findings.writes.push({
      subject,
      evidence: `wrote ${subject} in its private HOME: the runner's own home has that file, which it would have changed`,
    });
  }
  for (const connection of boundary.blockedConnections) {
    findings.network.push({
      subject: connection.dns ? 'a host name lookup' : connection.address,
      evidence: connection.dns
        ? `DNS query to ${connection.address} (${connection.syscall}: ${connection.error}): it tried to resolve a host name`
        : `connection to ${connection.address} (${connection.syscall}: ${connection.error})`,
    });
  }
}

/** What the server's own error messages show, for what the trace did not (or when there was no trace). */
function fromStderr(transcript: Transcript, isolation: LaunchIsolation, findings: Findings, seen: Set<string>): void {
  for (const line of transcript.stderr.tail) {
    if (isolation.network === 'none' && NETWORK_ERROR.test(line)) {
      findings.network.push({ subject: 'the network', evidence: `stderr: ${excerpt(line.trim(), 200)}` });
      continue;
    }
    if (!FILE_ERROR.test(line)) continue;
    for (const match of line.matchAll(ABSOLUTE_PATH)) {
      const file = (match[1] ?? '').replace(/[.;]+$/, '');
      if (seen.has(file)) continue;
      const area = areaOf(file, isolation.hidden);
      const inWorkspace = isolation.workspace?.paths.some((dir) => file === dir || file.startsWith(`${dir}/`)) ?? false;
      if (area && !inWorkspace) {
        seen.add(file);
        const subject = shown(file, isolation.home);
        findings.reads.push({ subject, evidence: `${subject} is in ${area.what}, which is hidden; stderr: ${excerpt(line.trim(), 200)}` });
      } else if (READ_ONLY_ERROR.test(line) && !(isolation.workspace?.access === 'throwaway' && inWorkspace)) {
        seen.add(file);
        const subject = shown(file, isolation.home);
        findings.writes.push({ subject, evidence: `${subject} is read-only here; stderr: ${excerpt(line.trim(), 200)}` });
      }
    }
  }
}

export const sideEffects: Check = {
  id: 'side-effects',
  title: 'Needs nothing the sandbox hides, writes only where it may, stays off a disabled network',
  remediation:
    "A server should get what it needs from its config entry: settings and credentials through `env`, not the user's " +
    'home (~/.npmrc, ~/.aws, ~/.config/…); write only to its working directory, HOME or the temp directory; and not ' +
    'depend on the network at start unless that is its job. When a dependency is intended, document it for users.',
  requires: [],
  needsTranscript: true,
  transports: ['stdio'],
  run({ transcript }) {
    if (!transcript) return skip('The server was not launched.');
    const isolation = transcript.launch.isolation;
    if (!isolation || isolation.mode === 'process') {
      return skip('The server ran as a plain process (isolation: process): only a sandbox or a container shows what it reaches outside.');
    }
    if (!transcript.spawn.ok) return skip('The server did not start (see spawn).');
    const findings: Findings = { reads: [], writes: [], network: [] };
    const seen = new Set<string>();
    if (transcript.boundary) fromTrace(transcript.boundary, isolation.home, findings, seen);
    fromStderr(transcript, isolation, findings, seen);
    const how =
      isolation.tracer === 'strace' && transcript.boundary
        ? 'its failed file and network system calls were traced'
        : 'judged from its stderr only (no system-call trace)';
    const all = [...findings.reads, ...findings.writes, ...findings.network].map((f) => f.evidence);
    if (all.length === 0) {
      const network = isolation.network === 'none' ? ', and did not try to reach the network' : '';
      return pass(`It looked for no file the ${isolation.mode} hides and wrote nowhere it may not${network} (${how}).`);
    }
    const subjects = (list: Finding[]) => listSome([...new Set(list.map((f) => f.subject))], 3);
    const parts = [
      findings.reads.length > 0 &&
        `looked for ${count(findings.reads.length, 'file')} that the runner has and the sandbox hides (${subjects(findings.reads)})`,
      findings.writes.length > 0 && `tried to write where it may not (${subjects(findings.writes)})`,
      findings.network.length > 0 && `tried to reach the network with network "none" (${subjects(findings.network)})`,
    ].filter((p): p is string => typeof p === 'string');
    const dropped = transcript.boundary?.dropped ? ` (${transcript.boundary.dropped} more not kept)` : '';
    return warn(
      `In the ${isolation.mode} it ${parts.join(', ')}${dropped}. Outside a sandbox — in a client on a user's machine, or ` +
        "with isolation: process — it would use or change the user's own files and network instead; a user who lacks " +
        `them sees it fail. Evidence: ${how}.`,
      { evidence: all.slice(0, MAX_EVIDENCE) },
    );
  },
};
