// The only place the command touches the terminal and the file system.
import { readFile, writeFile } from 'node:fs/promises';

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
  return new Uint8Array(await readFile(path));
}

export async function readTextInput(path: string): Promise<string> {
  return new TextDecoder().decode(await readInput(path));
}

export async function writeOutputFile(path: string, data: Uint8Array | string, mode?: number): Promise<void> {
  await writeFile(path, data, mode === undefined ? undefined : { mode });
}
