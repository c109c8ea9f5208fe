// Plain byte helpers shared by the engine: hex, comparison, BigInt, and views WebCrypto accepts.

export function toHex(bytes: Uint8Array, separator = ''): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(separator);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toHex(bytes)}`);
}

/** A copy backed by a plain ArrayBuffer, the type WebCrypto and PKI.js accept everywhere. */
export function buffer(bytes: ArrayBuffer | ArrayBufferView): Uint8Array<ArrayBuffer> {
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes.slice(0));
  return new Uint8Array(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
