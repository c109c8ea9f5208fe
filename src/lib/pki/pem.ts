// PEM (RFC 7468) as Go's encoding/pem writes it: 64-column base64 lines, a trailing newline.
import { messageRef } from '../i18n/params';
import { pkiError, subjectRef, type PkiSubject } from './errors';

export interface PemBlock {
  label: string;
  der: Uint8Array;
  headers: Record<string, string>;
}

const BEGIN = /-----BEGIN ([^-\r\n]*)-----/g;

/** All PEM blocks in `text`; no block, a missing END line or bad base64 -> pki.pem-decode. */
export function decodePem(text: string, what: PkiSubject = 'pem-input'): PemBlock[] {
  const blocks: PemBlock[] = [];
  BEGIN.lastIndex = 0;
  for (let match = BEGIN.exec(text); match; match = BEGIN.exec(text)) {
    const label = match[1]!;
    const endMarker = `-----END ${label}-----`;
    const end = text.indexOf(endMarker, BEGIN.lastIndex);
    if (end < 0) {
      throw pkiError('pki.pem-decode', { field: what, allowed: endMarker, params: { what: subjectRef(what), reason: messageRef('pki.pem.no-end', { label }) } });
    }
    const { headers, body } = splitHeaders(text.slice(BEGIN.lastIndex, end));
    blocks.push({ label, der: decodeBase64(body, what, label), headers });
    BEGIN.lastIndex = end + endMarker.length;
  }
  if (blocks.length === 0) {
    throw pkiError('pki.pem-decode', { field: what, allowed: '-----BEGIN ...-----', params: { what: subjectRef(what), reason: messageRef('pki.pem.none') } });
  }
  return blocks;
}

function splitHeaders(inner: string): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  const lines = inner.split(/\r?\n/);
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (i < lines.length && /^[A-Za-z-]+:/.test(lines[i]!)) {
    for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
      const colon = lines[i]!.indexOf(':');
      if (colon > 0) headers[lines[i]!.slice(0, colon).trim()] = lines[i]!.slice(colon + 1).trim();
    }
  }
  return { headers, body: lines.slice(i).join('') };
}

function decodeBase64(body: string, what: PkiSubject, label: string): Uint8Array {
  const clean = body.replace(/\s+/g, '');
  if (clean === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    throw pkiError('pki.pem-decode', { field: what, allowed: 'base64', params: { what: subjectRef(what), reason: messageRef('pki.pem.base64', { label }) } });
  }
  const binary = atob(clean);
  // A plain loop: Uint8Array.from with a mapping function takes seconds on a 10 MB paste.
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodePem(label: string, der: Uint8Array): string {
  // 4 KiB at a time through apply: spreading large chunks is several times slower on big inputs.
  const parts: string[] = [];
  for (let i = 0; i < der.length; i += 0x1000) parts.push(String.fromCharCode.apply(null, der.subarray(i, i + 0x1000) as unknown as number[]));
  const base64 = btoa(parts.join(''));
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}${lines.length ? '\n' : ''}-----END ${label}-----\n`;
}

/** The first block with one of `labels`; anything else -> pki.pem-label naming what was found. */
export function findPem(text: string, labels: readonly string[], what: PkiSubject): PemBlock {
  const blocks = decodePem(text, what);
  const block = blocks.find((b) => labels.includes(b.label));
  if (!block) {
    throw pkiError('pki.pem-label', { field: what, allowed: labels.join(', '), params: { what: subjectRef(what), expected: labels[0]!, label: blocks[0]!.label } });
  }
  return block;
}
