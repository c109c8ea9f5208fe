// Putting renewed certificates and rotated keys back into the files they came from, in the form each
// file had: a PEM block replaced in place (the other blocks and any text around them unchanged), a DER
// file rewritten as DER, base64 without armour as base64, a kubeconfig's value replaced where it is.
import { decodeBareBase64, replaceKubeconfigValues, type ClassifiedFile, type InventoryItem } from '../inventory';
import { decodePem } from '../pki/pem';

export interface BlockEdit {
  item: InventoryItem;
  /** The new block as PEM text (one block). */
  pem: string;
}

const BLOCK = /-----BEGIN ([^-\r\n]*)-----[\s\S]*?-----END \1-----\r?\n?/g;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x1000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x1000) as unknown as number[]);
  return btoa(binary);
}

/** The file's new bytes with every edit applied (edits of one file, by block index or kubeconfig value). */
export function applyEdits(file: ClassifiedFile, original: Uint8Array, edits: readonly BlockEdit[]): Uint8Array {
  const encoder = new TextEncoder();
  if (file.format === 'kubeconfig' && file.kubeconfig) {
    const values = file.kubeconfig.values;
    const replacements = edits.map((edit) => {
      const origin = edit.item.origin;
      const value = values[origin.format === 'kubeconfig' ? origin.value : -1]!;
      return { start: value.start, end: value.end, text: edit.pem };
    });
    return encoder.encode(replaceKubeconfigValues(file.kubeconfig.text, replacements));
  }
  if (file.format === 'der') return decodePem(edits[0]!.pem)[0]!.der;
  const text = new TextDecoder().decode(original);
  if (file.format === 'base64') {
    // Base64 of DER stays base64 of DER; base64 of PEM text (a Secret's value) stays that.
    const inner = new TextDecoder().decode(decodeBareBase64(text) ?? new Uint8Array());
    const bytes = inner.includes('-----BEGIN ') ? encoder.encode(replaceBlocks(inner, edits)) : decodePem(edits[0]!.pem)[0]!.der;
    return encoder.encode(base64(bytes) + (/\n\s*$/.test(text) ? '\n' : ''));
  }
  return encoder.encode(replaceBlocks(text, edits));
}

function replaceBlocks(text: string, edits: readonly BlockEdit[]): string {
  const byIndex = new Map(edits.map((e) => [e.item.index, e.pem]));
  let index = 0;
  return text.replace(BLOCK, (block) => byIndex.get(index++) ?? block);
}
