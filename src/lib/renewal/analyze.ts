// From the files read to the rows of the expiry report: every certificate (each PEM block of each file,
// each kubeconfig's embedded ones) with what it is, who issued it among the inputs, and whether the key
// that can renew it is there: the issuer's key for a leaf, its own for a CA. Runs on the X.509 engine.
import { classifyFiles, type ClassifiedFile, type InventoryFile, type InventoryItem, type InventoryProblem, problem } from '../inventory';
import {
  certInfo,
  certificatePublicKeyBits,
  encodePem,
  judgePastedCertificates,
  privateKeyPublicBits,
  publicKeyBits,
  type CertInfo,
} from '../pki';
import { errorRef } from '../i18n/describe';
import { toHex } from '../pki/bytes';
import { formatDistinguishedName } from '../workspace/certificate-text';
import { certificateKind, type CertificateKind } from './kinds';
import { kubeadmEntry, type KubeadmCertificate } from './kubeadm';

export type KeyPresence = 'present' | 'encrypted' | 'missing';

export interface CertificateRow {
  /** `path#block` */
  id: string;
  path: string;
  index: number;
  item: InventoryItem;
  info: CertInfo;
  subject: string;
  issuer: string;
  commonName: string;
  kind: CertificateKind;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
  selfSigned: boolean;
  /** The certificate's public key bits (hex): rows that share a key are renewed together when keys rotate. */
  publicKey: string;
  /** The issuing CA found among the inputs (its fingerprint), when found. */
  issuerFingerprint?: string;
  /** The key that can renew this row: the issuer's for a leaf, its own for a CA. */
  caKey: KeyPresence;
  /** Private key blocks (`path#block`) holding this certificate's own key. */
  ownKeys: string[];
  kubeadm?: KubeadmCertificate;
}

export interface KeyItem {
  id: string;
  item: InventoryItem;
  /** Public key bits (hex); absent when the key is encrypted or unreadable. */
  publicKey?: string;
  encrypted: boolean;
  /** From the separately dropped signing files: used to sign, never written out. */
  extra: boolean;
}

export interface Authority {
  fingerprint: string;
  der: Uint8Array;
  info: CertInfo;
  key?: KeyItem;
}

export interface Analysis {
  rows: CertificateRow[];
  files: ClassifiedFile[];
  /** The inputs as read (the renewal zip starts from them). */
  inputs: InventoryFile[];
  keys: KeyItem[];
  authorities: Map<string, Authority>;
  /** Bare key pairs (the service-account sa.key / sa.pub): whether the public half matches a private key. */
  keyPairs: { path: string; matches: boolean }[];
  problems: InventoryProblem[];
}

const rowId = (item: InventoryItem) => `${item.path}#${item.index}`;
const isEncrypted = (item: InventoryItem) => item.label === 'ENCRYPTED PRIVATE KEY' || (item.headers['Proc-Type'] ?? '').includes('ENCRYPTED');
const isPrivateKey = (item: InventoryItem) => /PRIVATE KEY$/.test(item.label);

function fingerprintOf(der: Uint8Array): string {
  // A cheap identity for deduplication (the same CA is in every node's folder); not a security measure.
  let hash = 0x811c9dc5;
  for (const b of der) hash = Math.imul(hash ^ b, 0x01000193) >>> 0;
  return `${der.length}:${hash.toString(16)}:${toHex(der.subarray(der.length - 16))}`;
}

async function readKeys(items: readonly InventoryItem[], extra: boolean, problems: InventoryProblem[]): Promise<KeyItem[]> {
  return Promise.all(
    items.filter(isPrivateKey).map(async (item): Promise<KeyItem> => {
      const key: KeyItem = { id: rowId(item), item, encrypted: isEncrypted(item), extra };
      if (key.encrypted) return key;
      try {
        key.publicKey = toHex(await privateKeyPublicBits(item));
      } catch (error) {
        problems.push(problem(item.path, 'inventory.damaged', { detail: errorRef(error) }));
      }
      return key;
    }),
  );
}

interface UniqueCertificate {
  der: Uint8Array;
  info: CertInfo;
  publicKey: string;
  issuer?: string;
}

async function readCertificates(items: readonly InventoryItem[], problems: InventoryProblem[]): Promise<Map<string, UniqueCertificate>> {
  const unique = new Map<string, UniqueCertificate>();
  for (const item of items) {
    const fingerprint = fingerprintOf(item.der);
    if (unique.has(fingerprint)) continue;
    try {
      unique.set(fingerprint, { der: item.der, info: await certInfo(encodePem('CERTIFICATE', item.der)), publicKey: toHex(certificatePublicKeyBits(item.der)) });
    } catch (error) {
      problems.push(problem(item.path, 'inventory.damaged', { detail: errorRef(error) }));
    }
  }
  // Each certificate's issuer among all of them, judged as openssl verify does (name, key id, signature).
  const fingerprints = [...unique.keys()];
  const chains = await judgePastedCertificates(fingerprints.map((f) => unique.get(f)!.der));
  chains.forEach((chain, i) => {
    if (chain.path.length > 1) unique.get(fingerprints[i]!)!.issuer = fingerprints[chain.path[1]!];
  });
  return unique;
}

function presence(keys: readonly KeyItem[] | undefined, encryptedAround: boolean): KeyPresence {
  if (keys && keys.length > 0) return 'present';
  return encryptedAround ? 'encrypted' : 'missing';
}

/**
 * Analyses the inputs (`files`, the cluster's) and `signingFiles` (CA certificates and keys dropped
 * separately: they sign, they get no rows and are never written out).
 */
export async function analyzeInventory(files: readonly InventoryFile[], signingFiles: readonly InventoryFile[] = []): Promise<Analysis> {
  const main = classifyFiles(files);
  const extra = classifyFiles(signingFiles);
  const problems = [...main.problems, ...extra.problems];
  const mainItems = main.files.flatMap((f) => f.items);
  const extraItems = extra.files.flatMap((f) => f.items);
  const certificateItems = [...mainItems, ...extraItems].filter((i) => i.label === 'CERTIFICATE');
  const keys = [...(await readKeys(mainItems, false, problems)), ...(await readKeys(extraItems, true, problems))];
  const unique = await readCertificates(certificateItems, problems);

  const keysByPublic = new Map<string, KeyItem[]>();
  for (const key of keys) if (key.publicKey) keysByPublic.set(key.publicKey, [...(keysByPublic.get(key.publicKey) ?? []), key]);
  const anyEncrypted = keys.some((k) => k.encrypted);

  const authorities = new Map<string, Authority>();
  for (const [fingerprint, cert] of unique) {
    if (!cert.info.basic_constraints.is_ca) continue;
    const key = keysByPublic.get(cert.publicKey)?.[0];
    authorities.set(fingerprint, { fingerprint, der: cert.der, info: cert.info, ...(key ? { key } : {}) });
  }

  const rows: CertificateRow[] = [];
  for (const item of mainItems.filter((i) => i.label === 'CERTIFICATE')) {
    const fingerprint = fingerprintOf(item.der);
    const cert = unique.get(fingerprint);
    if (!cert) continue;
    const { info } = cert;
    const isCa = info.basic_constraints.is_ca;
    const selfSigned = cert.issuer === fingerprint || (cert.issuer === undefined && formatDistinguishedName(info.subject) === formatDistinguishedName(info.issuer));
    const signer = isCa ? cert.publicKey : cert.issuer ? unique.get(cert.issuer)?.publicKey : undefined;
    const clientData = item.origin.format !== 'kubeconfig' || item.origin.field === 'client-certificate-data';
    const kubeadm = clientData ? kubeadmEntry(item.path) : undefined;
    rows.push({
      id: rowId(item),
      path: item.path,
      index: item.index,
      item,
      info,
      subject: formatDistinguishedName(info.subject),
      issuer: formatDistinguishedName(info.issuer),
      commonName: info.subject.common_name ?? '',
      kind: certificateKind({ path: item.path, origin: item.origin, isCa, commonName: info.subject.common_name ?? '', organizations: (info.subject.organization ?? '').split(','), extKeyUsages: info.ext_key_usages }),
      notBefore: new Date(info.not_before),
      notAfter: new Date(info.not_after),
      isCa,
      selfSigned,
      publicKey: cert.publicKey,
      ...(cert.issuer && cert.issuer !== fingerprint ? { issuerFingerprint: cert.issuer } : {}),
      caKey: presence(signer ? keysByPublic.get(signer) : undefined, anyEncrypted),
      ownKeys: (keysByPublic.get(cert.publicKey) ?? []).filter((k) => !k.extra).map((k) => k.id),
      ...(kubeadm && (kubeadm.ca === '') === isCa ? { kubeadm } : {}),
    });
  }

  const keyPairs = mainItems
    .filter((i) => i.label === 'PUBLIC KEY')
    .map((item) => {
      try {
        return { path: item.path, matches: keysByPublic.has(toHex(publicKeyBits(item.der))) };
      } catch {
        return { path: item.path, matches: false };
      }
    });
  return { rows, files: main.files, inputs: [...files], keys, authorities, keyPairs, problems };
}
