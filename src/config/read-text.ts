import { isUtf8 } from 'node:buffer';
import { open, stat } from 'node:fs/promises';
import type { ConfigError } from '../model/spec.js';
import { LineIndex } from './json-with-positions.js';

/** Config files are a few kilobytes; anything beyond this is not a config and is not read into memory. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

export type ConfigText = { ok: true; text: string } | { ok: false; error: ConfigError };

/**
 * Reads a config file as UTF-8 without ever throwing. A leading UTF-8 BOM is kept in the text: whether it is
 * acceptable depends on the client's parser (see `parseJsonWithPositions`).
 */
export async function readConfigText(file: string, maxBytes = MAX_CONFIG_BYTES): Promise<ConfigText> {
  let bytes: Buffer;
  try {
    // stat before open: opening a FIFO or device for reading can block forever.
    const info = await stat(file);
    if (!info.isFile()) return fileError('not a regular file');
    if (info.size > maxBytes) return tooLarge(maxBytes);
    const read = await readAtMost(file, info.size, maxBytes + 1);
    if (read.length > maxBytes) return tooLarge(maxBytes);
    bytes = read;
  } catch (error) {
    return fileError(`cannot read the file (${describeFsError(error)})`);
  }
  return decodeUtf8(bytes);
}

/** Decodes bytes as UTF-8, reporting UTF-16 files and the position of the first invalid byte. */
export function decodeUtf8(bytes: Uint8Array): ConfigText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    // What PowerShell's `>` and `Out-File` write on Windows PowerShell 5.
    return fileError('the file is UTF-16 encoded; MCP clients read UTF-8: save it as UTF-8');
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  if (isUtf8(bytes)) return { ok: true, text };
  const { line, column } = new LineIndex(text).position(firstInvalidCharacter(text, bytes));
  return { ok: false, error: { message: 'the file is not valid UTF-8: save it as UTF-8', line, column } };
}

/**
 * Index in `text` of the first U+FFFD that the decoder substituted for invalid bytes (as opposed to a U+FFFD that is
 * really in the file). Only called for bytes that are not valid UTF-8.
 */
function firstInvalidCharacter(text: string, bytes: Uint8Array): number {
  const encoder = new TextEncoder();
  let byteOffset = 0;
  let consumed = 0;
  for (let index = text.indexOf('\uFFFD'); index !== -1; index = text.indexOf('\uFFFD', index + 1)) {
    // Every earlier U+FFFD was a literal one, so the text before `index` re-encodes to exactly the bytes before it.
    byteOffset += encoder.encode(text.slice(consumed, index)).length;
    const isLiteral = bytes[byteOffset] === 0xef && bytes[byteOffset + 1] === 0xbf && bytes[byteOffset + 2] === 0xbd;
    if (!isLiteral) return index;
    byteOffset += 3;
    consumed = index + 1;
  }
  return text.length;
}

/**
 * The file's bytes, at most `limit`. The buffer is sized by what stat said (a tiny file costs a tiny buffer, never the
 * cap); a file that grew since is read on in chunks, up to the limit.
 */
async function readAtMost(file: string, statSize: number, limit: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    // One byte more than stat said, so growth is noticed without a second read on the common path.
    let size = Math.min(statSize + 1, limit);
    while (total < limit) {
      const buffer = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const { bytesRead } = await handle.read(buffer, filled, size - filled, total + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      chunks.push(buffer.subarray(0, filled));
      total += filled;
      if (filled < size) break;
      size = Math.min(GROWTH_CHUNK_BYTES, limit - total);
    }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  } finally {
    await handle.close();
  }
}

const GROWTH_CHUNK_BYTES = 64 * 1024;

function tooLarge(maxBytes: number): ConfigText {
  return fileError(`the file is larger than ${maxBytes} bytes; config files that large are not read`);
}

function fileError(message: string): ConfigText {
  return { ok: false, error: { message, line: 1, column: 1 } };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : String(error);
}
