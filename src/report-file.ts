/**
 * The JSON report file of the CLI (`--json FILE`) and the action (`report-path`): opened before any server starts, so
 * a path that cannot be written is known at once, and written at the end in pieces, so a report of any size fits.
 */
import { constants, type Stats } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import type { Report } from './model/report.js';
import { jsonReportChunks } from './report/json.js';

export type OpenedReportFile = { ok: true; file: ReportFile } | { ok: false; reason: string };

export interface ReportFile {
  /** Writes the report (replacing what the file held) and closes the file; resolves with a reason when it failed. */
  write(report: Report): Promise<string | undefined>;
  /** Closes the file without writing (the run ended before a report existed). */
  close(): Promise<void>;
}

/**
 * Opens `file` for the report, or says in a few words why it cannot be written there. A file that is not a regular
 * one (a device, a pipe) gets one newline at once, which a JSON reader skips: that is the only way to see that
 * `/dev/full` takes nothing before the run rather than after it.
 */
export async function openReportFile(file: string): Promise<OpenedReportFile> {
  const info = await stat(file).catch(() => undefined);
  let handle: FileHandle | undefined;
  try {
    if (info?.isDirectory()) return { ok: false, reason: 'it is a directory' };
    if (info?.isFIFO()) {
      // Opening a pipe nobody reads would block: check for a reader without waiting.
      await (await open(file, constants.O_WRONLY | constants.O_NONBLOCK)).close();
    }
    handle = await open(file, info === undefined || info.isFile() ? 'w' : 'a');
    if (info !== undefined && !info.isFile()) await handle.write('\n');
  } catch (error) {
    await handle?.close().catch(() => undefined);
    return { ok: false, reason: describeWriteError(error) };
  }
  return { ok: true, file: new OpenReportFile(handle, info) };
}

class OpenReportFile implements ReportFile {
  constructor(
    private readonly handle: FileHandle,
    private readonly info: Stats | undefined,
  ) {}

  async write(report: Report): Promise<string | undefined> {
    const regular = this.info === undefined || this.info.isFile();
    try {
      // A regular file may have been written to meanwhile: start it over.
      if (regular) await this.handle.truncate(0);
    } catch (error) {
      await this.close();
      return describeWriteError(error);
    }
    // The stream owns the handle from here and closes it (a FileHandle does not close while a stream holds it).
    const stream = this.handle.createWriteStream({ ...(regular && { start: 0 }) });
    const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
    try {
      await writeChunks(stream, jsonReportChunks(report));
      return undefined;
    } catch (error) {
      stream.destroy();
      return describeWriteError(error);
    } finally {
      await closed;
    }
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/**
 * Writes text pieces to a stream, batched and with backpressure, and ends it (unless `end` is false: stdout); rejects
 * on the first write error.
 */
export async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>, { end = true } = {}): Promise<void> {
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  let batch = '';
  const flush = async () => {
    const text = batch;
    batch = '';
    if (!stream.write(text)) await Promise.race([new Promise((resolve) => stream.once('drain', resolve)), failed]);
  };
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= BATCH_CHARS) await flush();
  }
  if (batch) await flush();
  if (end) await Promise.race([new Promise<void>((resolve) => stream.end(() => resolve())), failed]);
}

const BATCH_CHARS = 64 * 1024;

const reasons: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENXIO: 'no process reads that pipe',
  EFBIG: 'the file would be too large',
};

/** An fs error in a few words (the code is kept for what has no words here). */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return reasons[code] ?? code;
  return error instanceof Error ? error.message : String(error);
}
