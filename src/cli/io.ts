// The only place the command touches the terminal and the file system. Node's file errors become the
// coded errors every screen knows (common.file-*), naming the path as the user gave it.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KubeprepError, type ErrorCode } from '../lib/errors';

const FILE_ERRORS: Readonly<Record<string, ErrorCode>> = {
  ENOENT: 'common.file-not-found',
  EACCES: 'common.file-permission-denied',
  EISDIR: 'common.file-is-directory',
};

function fileError(path: string, error: unknown): unknown {
  const code = FILE_ERRORS[String((error as { code?: unknown } | null)?.code)];
  return code ? new KubeprepError(code, { field: path, params: { path }, cause: error }) : error;
}

/**
 * Characters a terminal obeys instead of showing (C0 controls but tab and newline, DEL, C1 controls,
 * and the bidirectional overrides and isolates of "Trojan Source", CVE-2021-42574), as they may come
 * from a file name, a CN or a flag value. Shown as `\uXXXX`, which a JSON string reads back unchanged.
 */
const TERMINAL_CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function writeStdout(text: string): void {
  process.stdout.write(escapeControls(text));
}

export function writeStderr(text: string): void {
  process.stderr.write(escapeControls(text));
}

/** Reads a file, or standard input when the path is "-". */
export async function readInput(path: string): Promise<Uint8Array> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw fileError(path, error);
  }
}

export async function readTextInput(path: string): Promise<string> {
  return new TextDecoder().decode(await readInput(path));
}

/**
 * Writes PATH all at once or not at all: the data goes to a new file beside it (same directory, so the
 * same file system), created with MODE (0600 for keys: never readable by others, not even for a
 * moment), flushed, then renamed over PATH. An existing PATH, whatever its mode, is replaced, never
 * rewritten in place; a write that fails leaves PATH as it was and removes the partial file.
 */
export async function writeOutputFile(path: string, data: Uint8Array | string, mode = 0o644): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const file = await open(temporary, 'wx', mode);
    created = true;
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    if (created) await unlink(temporary).catch(() => undefined);
    throw fileError(path, error);
  }
}
