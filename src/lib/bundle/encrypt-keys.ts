// A download's private keys under a passphrase: every file that is one private key PEM (cfssl's
// NAME-key.pem, kubeadm's *.key, sa.key) becomes an encrypted PKCS#8 `ENCRYPTED PRIVATE KEY`
// (src/lib/pki/encrypted-key.ts), and the README gains a section on opening them. Kubeconfigs and files
// holding a certificate with its key stay as they are: kubectl, the kubelet and etcd read no encrypted key,
// and a mixed file cannot be decrypted with one `openssl pkey`. The same key at several paths (the CA key
// on every control plane) is encrypted once.
import { translate, type Locale } from '../i18n';
import { encryptPrivateKeyPem, keyEncryptionKey } from '../pki';
import { decodePem } from '../pki/pem';
import { useRenewalMessages } from '../renewal/messages';
import type { BinaryBundleFile, BundleFile } from './zip';

type AnyFile = BundleFile | BinaryBundleFile;

const SINGLE_KEY = /^\s*-----BEGIN ((?:RSA |EC )?PRIVATE KEY)-----[\s\S]*?-----END \1-----\s*$/;

function keyText(file: AnyFile): string | undefined {
  const text = typeof file.content === 'string' ? file.content : file.content.length < 65536 ? new TextDecoder().decode(file.content) : '';
  if (!SINGLE_KEY.test(text)) return undefined;
  try {
    return decodePem(text).length === 1 ? text : undefined;
  } catch {
    return undefined;
  }
}

export interface EncryptKeysOptions {
  locale: Locale;
  /** The README the section is added to ('' for none). */
  readme: string;
  iterations?: number;
}

/** The files with every single-key file encrypted under `passphrase`, and the README told how to open them. */
export async function encryptBundleKeys(files: readonly AnyFile[], passphrase: string, options: EncryptKeysOptions): Promise<AnyFile[]> {
  const kek = await keyEncryptionKey(passphrase, options.iterations === undefined ? {} : { iterations: options.iterations });
  const encrypted = new Map<string, Promise<string>>();
  const keyPaths: string[] = [];
  const out = await Promise.all(
    files.map(async (file): Promise<AnyFile> => {
      const text = keyText(file);
      if (text === undefined) return file;
      keyPaths.push(file.path);
      let pem = encrypted.get(text);
      if (!pem) encrypted.set(text, (pem = encryptPrivateKeyPem(text, kek)));
      return { path: file.path, content: await pem, mode: file.mode };
    }),
  );
  const readme = out.findIndex((f) => f.path === options.readme);
  if (readme >= 0 && keyPaths.length > 0) {
    const file = out[readme]!;
    const text = typeof file.content === 'string' ? file.content : new TextDecoder().decode(file.content);
    out[readme] = { ...file, content: `${text.trimEnd()}\n\n${encryptedKeysSection(options.locale, kek.iterations, keyPaths[0]!)}` };
  }
  return out;
}

/** 600000 -> "600,000": the same in every locale's README, without the runtime's locale data. */
function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** The README section: what the keys are encrypted with, how to decrypt one, how verify.sh opens them. */
export function encryptedKeysSection(locale: Locale, iterations: number, examplePath: string): string {
  useRenewalMessages();
  const file = examplePath.slice(examplePath.lastIndexOf('/') + 1);
  return [
    `## ${translate(locale, 'renewal.keys.title')}`,
    '',
    translate(locale, 'renewal.keys.body', { iterations: groupThousands(iterations) }),
    '',
    '```sh',
    `openssl pkey -in ${file} -passin 'pass:…' -out ${file}`,
    `openssl pkey -in ${file} -passin file:/root/passphrase.txt -out ${file}`,
    '```',
    '',
    translate(locale, 'renewal.keys.verify'),
    '',
  ].join('\n');
}
