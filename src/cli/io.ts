// The only place the command touches the terminal and the file system. Node's file errors become the
// coded errors every screen knows (common.file-*), naming the path as the user gave it.
import { readFile, writeFile } from 'node:fs/promises';
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

export function writeStdout(text: string): void {
  process.stdout.write(text);
}

export function writeStderr(text: string): void {
  process.stderr.write(text);
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

export async function writeOutputFile(path: string, data: Uint8Array | string, mode?: number): Promise<void> {
  try {
    await writeFile(path, data, mode === undefined ? undefined : { mode });
  } catch (error) {
    throw fileError(path, error);
  }
}
