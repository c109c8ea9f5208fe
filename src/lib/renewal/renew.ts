// Renewing chosen rows of the expiry report with the CA keys found in the inputs: each certificate is
// signed again by the CA that issued it, keeping its subject and every extension (reissueCertificate),
// valid from now (5 minutes back, as cfssl) for the chosen duration, with its key kept or a new one of
// the same type. A CA is never renewed here (CA_ROTATION in the catalogue says why and what it takes).
// Identical certificates found at several paths (the same client certificate on every control plane) are
// renewed once and written everywhere; with rotated keys, every certificate and key file that holds the
// old key gets the new one, or none does.
import { KubeprepError } from '../errors';
import { errorRef } from '../i18n/describe';
import {
  encodePem,
  exportPrivateKeyPem,
  generateKeyPair,
  loadCertificateAuthority,
  parseGoDuration,
  reissueCertificate,
  validityFor,
  type CertificateAuthority,
  type KeyPair,
} from '../pki';
import { exportSpki } from '../pki/keys';
import type { KeySource } from '../pki/keygen';
import type { Analysis, CertificateRow, KeyItem } from './analyze';
import { applyEdits, type BlockEdit } from './file-edits';
import { renewalProblem, type RenewalProblem } from './problems';

export interface RenewalOptions {
  /** New lifetime, a Go duration ("8760h"). */
  expiry: string;
  rotateKeys: boolean;
  now?: Date;
  /** Where rotated keys come from; WebCrypto's generation by default. */
  keys?: KeySource;
}

/** One place a renewed certificate was written, and where its key is (for verify.sh). */
export interface RenewalTarget {
  path: string;
  /** A kubeconfig: the certificate is its n-th client-certificate-data (from 1), the key its n-th client-key-data. */
  kubeconfigUser?: number;
  /** The file holding its key (may be the certificate's own file); absent when none was found. */
  keyPath?: string;
}

export interface RenewedCertificate {
  rows: string[];
  paths: string[];
  targets: RenewalTarget[];
  commonName: string;
  kind: CertificateRow['kind'];
  oldNotAfter: Date;
  notBefore: Date;
  notAfter: Date;
  keyRotated: boolean;
  /** Where the issuing CA's certificate is among the inputs ('' when it came from the signing files). */
  issuerPath: string;
  issuerPem: string;
  certPem: string;
}

export interface RenewalResult {
  renewed: RenewedCertificate[];
  /** Every file that changed: path → new bytes. */
  changed: Map<string, Uint8Array>;
  problems: RenewalProblem[];
}

/** Why a row cannot be renewed, or undefined when it can. */
export function refusal(row: CertificateRow): RenewalProblem | undefined {
  if (row.isCa) return renewalProblem(row.id, 'renewal.ca-refused', { path: row.path, cn: row.commonName });
  if (!row.issuerFingerprint) return renewalProblem(row.id, 'renewal.issuer-missing', { path: row.path, issuer: row.issuer });
  if (row.caKey === 'encrypted') return renewalProblem(row.id, 'renewal.ca-key-encrypted', { path: row.path, issuer: row.issuer });
  if (row.caKey === 'missing') return renewalProblem(row.id, 'renewal.ca-key-missing', { path: row.path, issuer: row.issuer });
  return undefined;
}

function positiveDuration(expiry: string): bigint {
  const ns = parseGoDuration(expiry, 'expiry');
  if (ns <= 0n) {
    throw new KubeprepError('pki.duration-not-positive', { field: 'expiry', allowed: '8760h', params: { field: 'expiry', value: expiry } });
  }
  return ns;
}

/** The selected rows that can be renewed, widened (with rotated keys) to every row sharing a key. */
function renewableSelection(analysis: Analysis, selected: ReadonlySet<string>, rotate: boolean, problems: RenewalProblem[]): { rows: CertificateRow[]; rotateKeysOf: Set<string> } {
  const rows = analysis.rows.filter((r) => selected.has(r.id));
  const ok = rows.filter((row) => {
    const refused = refusal(row);
    if (refused) problems.push(refused);
    return !refused;
  });
  const rotateKeysOf = new Set<string>();
  if (!rotate) return { rows: ok, rotateKeysOf };
  const chosen = new Map(ok.map((r) => [r.id, r]));
  for (const publicKey of new Set(ok.map((r) => r.publicKey))) {
    const sharing = analysis.rows.filter((r) => r.publicKey === publicKey);
    const first = sharing.find((r) => chosen.has(r.id))!;
    if (sharing.some((r) => refusal(r))) {
      problems.push(renewalProblem(first.id, 'renewal.shared-key', { path: first.path, others: sharing.filter((r) => refusal(r)).map((r) => r.path).join(', ') }));
      continue;
    }
    if (first.ownKeys.length === 0) {
      problems.push(renewalProblem(first.id, 'renewal.key-missing', { path: first.path }));
      continue;
    }
    rotateKeysOf.add(publicKey);
    for (const row of sharing) chosen.set(row.id, row);
  }
  return { rows: [...chosen.values()], rotateKeysOf };
}

/** Private key PEM in the form the old block had: PKCS#1/SEC1 as cfssl writes them, or PKCS#8. */
async function keyPemLike(key: KeyPair, old: KeyItem): Promise<string> {
  return exportPrivateKeyPem(key, old.item.label === 'PRIVATE KEY' ? 'pkcs8' : 'cfssl');
}

function target(analysis: Analysis, row: CertificateRow): RenewalTarget {
  const origin = row.item.origin;
  if (origin.format === 'kubeconfig') {
    const values = analysis.files.find((f) => f.path === row.path)?.kubeconfig?.values ?? [];
    const kubeconfigUser = values.slice(0, origin.value + 1).filter((v) => v.field === 'client-certificate-data').length;
    return { path: row.path, kubeconfigUser };
  }
  const keys = analysis.keys.filter((k) => row.ownKeys.includes(k.id) && k.item.origin.format !== 'kubeconfig');
  const keyPath = nearestPath(row.path, keys.map((k) => k.item.path));
  return keyPath ? { path: row.path, keyPath } : { path: row.path };
}

function sharedFolders(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

function nearestPath(path: string, candidates: readonly string[]): string | undefined {
  return [...candidates].sort((a, b) => sharedFolders(path, b) - sharedFolders(path, a))[0];
}

/** The row whose path shares the most leading folders with `path` (the CA in the same node's folder). */
function nearest(path: string, rows: readonly CertificateRow[]): CertificateRow | undefined {
  return [...rows].sort((x, y) => sharedFolders(path, y.path) - sharedFolders(path, x.path))[0];
}

export async function renewRows(analysis: Analysis, rowIds: Iterable<string>, options: RenewalOptions): Promise<RenewalResult> {
  const expiry = positiveDuration(options.expiry);
  const now = options.now ?? new Date();
  const problems: RenewalProblem[] = [];
  const selected = new Set(rowIds);
  if (selected.size === 0) problems.push(renewalProblem('', 'renewal.nothing-selected'));
  const { rows, rotateKeysOf } = renewableSelection(analysis, selected, options.rotateKeys, problems);
  const { notBefore, notAfter } = validityFor({ usages: [], expiry, expiryText: options.expiry }, now);

  const authorities = new Map<string, Promise<CertificateAuthority>>();
  const authorityFor = (fingerprint: string) => {
    let ca = authorities.get(fingerprint);
    if (!ca) {
      const found = analysis.authorities.get(fingerprint)!;
      ca = loadCertificateAuthority(encodePem('CERTIFICATE', found.der), encodePem(found.key!.item.label, found.key!.item.der));
      authorities.set(fingerprint, ca);
    }
    return ca;
  };
  // One new key per old key (all its certificates and key files change together).
  const newKeys = new Map<string, Promise<KeyPair>>();
  const newKeyFor = (row: CertificateRow) => {
    let key = newKeys.get(row.publicKey);
    if (!key) newKeys.set(row.publicKey, (key = (options.keys ?? generateKeyPair)({ algo: row.info.public_key.algorithm, size: row.info.public_key.size })));
    return key;
  };

  const groups = new Map<string, CertificateRow[]>();
  for (const row of rows) groups.set(row.info.sha256_fingerprint, [...(groups.get(row.info.sha256_fingerprint) ?? []), row]);

  const edits = new Map<string, BlockEdit[]>();
  const edit = (item: BlockEdit['item'], pem: string) => edits.set(item.path, [...(edits.get(item.path) ?? []), { item, pem }]);
  const renewed = await Promise.all(
    [...groups.values()].map(async (group): Promise<RenewedCertificate | undefined> => {
      const first = group[0]!;
      const rotate = rotateKeysOf.has(first.publicKey);
      try {
        const ca = await authorityFor(first.issuerFingerprint!);
        const key = rotate ? await newKeyFor(first) : undefined;
        const { pem } = await reissueCertificate(first.item.der, ca, { notBefore, notAfter, ...(key ? { spki: await exportSpki(key) } : {}) });
        for (const row of group) edit(row.item, pem);
        const issuer = analysis.authorities.get(first.issuerFingerprint!)!;
        if (notAfter.getTime() > new Date(issuer.info.not_after).getTime()) {
          problems.push(renewalProblem(first.id, 'renewal.outlives-ca', { path: first.path, ca: issuer.info.subject.common_name ?? '', date: issuer.info.not_after }));
        }
        const issuerRow = nearest(first.path, analysis.rows.filter((r) => r.info.sha256_fingerprint === issuer.info.sha256_fingerprint && r.item.origin.format !== 'kubeconfig'));
        return {
          rows: group.map((r) => r.id),
          paths: [...new Set(group.map((r) => r.path))],
          targets: group.map((row) => target(analysis, row)),
          commonName: first.commonName,
          kind: first.kind,
          oldNotAfter: first.notAfter,
          notBefore,
          notAfter,
          keyRotated: rotate,
          issuerPath: issuerRow?.path ?? '',
          issuerPem: encodePem('CERTIFICATE', issuer.der),
          certPem: pem,
        };
      } catch (error) {
        problems.push(renewalProblem(first.id, 'renewal.failed', { path: first.path, detail: errorRef(error) }));
        return undefined;
      }
    }),
  );

  // Rotated keys: every key block that held an old key gets the new one, in its old form.
  for (const [publicKey, key] of newKeys) {
    for (const old of analysis.keys.filter((k) => k.publicKey === publicKey && !k.extra)) edit(old.item, await keyPemLike(await key, old));
  }

  const changed = new Map<string, Uint8Array>();
  const inputs = new Map(analysis.inputs.map((f) => [f.path, f.bytes]));
  for (const file of analysis.files) {
    const fileEdits = edits.get(file.path);
    if (fileEdits) changed.set(file.path, applyEdits(file, inputs.get(file.path)!, fileEdits));
  }
  return { renewed: renewed.filter((r): r is RenewedCertificate => r !== undefined), changed, problems };
}
