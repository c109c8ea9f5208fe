// Files dropped on the Inspect screen, as the PEM text its text area holds: PEM as it is, DER and base64
// without armour wrapped as PEM, a kubeconfig's embedded certificates and keys; each file's blocks after a
// `# <file name>` line so every card can say which file it came from. Binary never reaches the text area:
// archives and folders belong to the Expiry and renewal screen, anything else is named as unreadable.
import { encodePem } from '../pki/pem';
import { classifyFile } from './classify';
import { isArchiveName } from './paths';

export type InspectFileResult = { text: string } | { problem: 'elsewhere' | 'unreadable' };

export function inspectTextOf(name: string, bytes: Uint8Array): InspectFileResult {
  const magic = bytes.subarray(0, 4);
  const archive = isArchiveName(name) || (magic[0] === 0x1f && magic[1] === 0x8b) || (magic[0] === 0x50 && magic[1] === 0x4b);
  if (archive) return { problem: 'elsewhere' };
  const { file } = classifyFile({ path: name, bytes });
  if (file.items.length === 0) return { problem: 'unreadable' };
  // PEM stays as written (headers such as Proc-Type included); the other forms are armoured here.
  const pem = file.format === 'pem' ? new TextDecoder().decode(bytes).trim() + '\n' : file.items.map((item) => encodePem(item.label, item.der)).join('');
  return { text: `# ${name}\n${pem}` };
}
