// What each file holds, as PEM blocks with their origin: PEM text (any number of blocks), DER, base64
// without armour (of DER or of PEM), or a kubeconfig's embedded data. Files that hold none of these get
// one message each; nothing is thrown.
import { errorRef } from '../i18n/describe';
import type { MessageRef } from '../i18n/params';
import { decodePem, type PemBlock } from '../pki/pem';
import type { InventoryFile } from './collect';
import { isKubeconfig, readKubeconfig, type KubeconfigFacts, type KubeconfigField } from './kubeconfig';
import { problem, type InventoryProblem } from './problems';
import { decodeBareBase64, derShape, looksLikeText } from './sniff';

export type ItemOrigin =
  | { format: 'pem' | 'der' | 'base64' }
  | { format: 'kubeconfig'; field: KubeconfigField; owner: string; value: number };

export interface InventoryItem extends PemBlock {
  path: string;
  /** Position among the file's blocks, from 0. */
  index: number;
  origin: ItemOrigin;
}

export type FileFormat = 'pem' | 'der' | 'base64' | 'kubeconfig' | 'other';

export interface ClassifiedFile {
  path: string;
  format: FileFormat;
  items: InventoryItem[];
  /** Kubeconfigs: the text and where its values are, for renewing them in place. */
  kubeconfig?: KubeconfigFacts & { text: string };
}

const decoder = new TextDecoder();

function blocksOf(path: string, blocks: readonly PemBlock[], origin: (index: number) => ItemOrigin, first = 0): InventoryItem[] {
  return blocks.map((block, i) => ({ ...block, path, index: first + i, origin: origin(i) }));
}

function fromDer(bytes: Uint8Array): PemBlock[] {
  const label = derShape(bytes);
  return label ? [{ label, der: bytes, headers: {} }] : [];
}

function fromKubeconfig(path: string, text: string): { file: ClassifiedFile; problems: InventoryProblem[] } {
  const facts = readKubeconfig(text);
  const items: InventoryItem[] = [];
  const problems: InventoryProblem[] = [];
  facts.values.forEach((value, i) => {
    try {
      const blocks = decodePem(value.text, 'pem-input');
      items.push(...blocksOf(path, blocks, () => ({ format: 'kubeconfig', field: value.field, owner: value.owner, value: i }), items.length));
    } catch (error) {
      problems.push(problem(path, 'inventory.damaged', { field: value.field, detail: errorRef(error) }));
    }
  });
  const hasClientCertificate = facts.values.some((v) => v.field === 'client-certificate-data');
  if (!hasClientCertificate) {
    problems.push(facts.fileReferences.length > 0
      ? problem(path, 'inventory.kubeconfig-file-reference', { files: facts.fileReferences.join(', ') })
      : problem(path, 'inventory.kubeconfig-no-certificates', { tokens: facts.tokenUsers }));
  }
  return { file: { path, format: 'kubeconfig', items, kubeconfig: { ...facts, text } }, problems };
}

/** One file's blocks and the problems found reading it. */
export function classifyFile(file: InventoryFile): { file: ClassifiedFile; problems: InventoryProblem[] } {
  const { path, bytes } = file;
  const other = (code: 'inventory.not-pki' | 'inventory.damaged' = 'inventory.not-pki', detail?: MessageRef) => ({
    file: { path, format: 'other' as const, items: [] },
    problems: [problem(path, code, detail ? { detail } : {})],
  });
  const der = fromDer(bytes);
  if (der.length > 0) return { file: { path, format: 'der', items: blocksOf(path, der, () => ({ format: 'der' })) }, problems: [] };
  if (!looksLikeText(bytes)) return other();
  const text = decoder.decode(bytes);
  // A BEGIN line of its own (a script that merely mentions one, like verify.sh, is not PEM).
  if (/^[ \t]*-----BEGIN [^\r\n-]+-----\s*$/m.test(text)) {
    try {
      return { file: { path, format: 'pem', items: blocksOf(path, decodePem(text, 'pem-input'), () => ({ format: 'pem' })) }, problems: [] };
    } catch (error) {
      return other('inventory.damaged', errorRef(error));
    }
  }
  if (isKubeconfig(text)) return fromKubeconfig(path, text);
  const decoded = decodeBareBase64(text);
  if (decoded) {
    const inner = fromDer(decoded);
    if (inner.length > 0) return { file: { path, format: 'base64', items: blocksOf(path, inner, () => ({ format: 'base64' })) }, problems: [] };
    const innerText = decoder.decode(decoded);
    if (innerText.includes('-----BEGIN ')) {
      try {
        return { file: { path, format: 'base64', items: blocksOf(path, decodePem(innerText, 'pem-input'), () => ({ format: 'base64' })) }, problems: [] };
      } catch {
        /* not PEM after all: fall through */
      }
    }
  }
  return other();
}
