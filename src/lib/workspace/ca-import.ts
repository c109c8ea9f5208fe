// First checks on PEM text given for an existing CA, before the engine parses it: so that a JPEG dropped
// on the ca.pem slot or a key pasted into the certificate box gets a message about THAT, at that slot.
import { KubeprepError } from '../errors';

export type PemSlot = 'certificate' | 'private-key';

// Any label, as src/lib/pki/pem.ts reads them: cfssl 1.6 writes `Ed25519 PRIVATE KEY` (lower case).
const BEGIN = /-----BEGIN ([^-\r\n]+)-----/g;

/** The labels of the PEM blocks in TEXT, in order. */
function pemLabels(text: string): string[] {
  return Array.from(text.matchAll(BEGIN), (m) => m[1]!);
}

/** Throws `workspace.not-pem` or `workspace.wrong-pem` when TEXT cannot be what SLOT needs. */
export function checkPemSlot(text: string, slot: PemSlot, file: string): void {
  const expected = slot === 'certificate' ? 'CERTIFICATE' : 'PRIVATE KEY';
  const labels = pemLabels(text);
  if (labels.length === 0) {
    throw new KubeprepError('workspace.not-pem', { field: file, params: { file, label: expected } });
  }
  const fits = slot === 'certificate' ? labels.includes('CERTIFICATE') : labels.some((l) => l.endsWith('PRIVATE KEY'));
  if (!fits) {
    throw new KubeprepError('workspace.wrong-pem', {
      field: file,
      params: { file, found: labels.join(', '), label: expected },
    });
  }
}
