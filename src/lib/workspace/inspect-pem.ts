// The Inspect screen's logic: decode whatever PEM was pasted (certificates, CSRs, private keys, several at
// once) and answer the questions people paste them for: what is in it, does this key match this
// certificate, does the chain verify, when does it expire.
import type { KubeprepError } from '../errors';
import { certInfo, csrInfo, decodePem, encodePem, importPrivateKeyPem, keyMatchesCertificate, verifyChain, type CertInfo, type KeyPair } from '../pki';
import { asKubeprepError } from './generate';

export interface InspectedCertificate {
  kind: 'certificate';
  index: number;
  pem: string;
  info: CertInfo;
  selfSigned: boolean;
  /** Verification against the other certificates pasted; undefined for a self-signed one. */
  chain?: { ok: boolean; problems: string[] };
}

export interface InspectedRequest {
  kind: 'csr';
  index: number;
  pem: string;
  info: Awaited<ReturnType<typeof csrInfo>>;
}

export interface InspectedKey {
  kind: 'private-key';
  index: number;
  label: string;
  algorithm: string;
  size: number;
  /** Indexes of the pasted certificates whose public key this key matches. */
  matches: number[];
}

export interface InspectedOther {
  kind: 'other';
  index: number;
  label: string;
}

export interface InspectedFailure {
  kind: 'error';
  index: number;
  label: string;
  error: KubeprepError;
}

export type InspectedBlock = InspectedCertificate | InspectedRequest | InspectedKey | InspectedOther | InspectedFailure;

export async function inspectPem(text: string): Promise<InspectedBlock[]> {
  const blocks = decodePem(text);
  const decoded = await Promise.all(blocks.map((block, index) => decodeBlock(block.label, encodePem(block.label, block.der), index)));
  const certificates = decoded.filter((b): b is InspectedCertificate => b.kind === 'certificate');
  await Promise.all(
    certificates.map(async (cert) => {
      if (cert.selfSigned) return;
      const others = certificates.filter((c) => c !== cert).map((c) => c.pem);
      cert.chain = await verifyChain(cert.pem, others);
    }),
  );
  await matchKeys(decoded);
  return decoded.map((block) => ('key' in block ? stripKey(block) : block));
}

type Decoded = InspectedBlock | (InspectedKey & { key: KeyPair });

async function decodeBlock(label: string, pem: string, index: number): Promise<Decoded> {
  try {
    if (label === 'CERTIFICATE') {
      const info = await certInfo(pem);
      return { kind: 'certificate', index, pem, info, selfSigned: isSelfSigned(info) };
    }
    if (label === 'CERTIFICATE REQUEST' || label === 'NEW CERTIFICATE REQUEST') {
      return { kind: 'csr', index, pem, info: await csrInfo(pem) };
    }
    if (label.endsWith('PRIVATE KEY')) {
      const key = await importPrivateKeyPem(pem);
      return { kind: 'private-key', index, label, algorithm: key.spec.algo, size: key.spec.size, matches: [], key };
    }
    return { kind: 'other', index, label };
  } catch (error) {
    return { kind: 'error', index, label, error: asKubeprepError(error) };
  }
}

function isSelfSigned(info: CertInfo): boolean {
  const sameName = JSON.stringify(info.subject) === JSON.stringify(info.issuer);
  return sameName && (!info.authority_key_id || info.authority_key_id === info.subject_key_id);
}

/** Fills `matches` for every key, then drops the CryptoKey so nothing outlives the inspection. */
async function matchKeys(blocks: Decoded[]): Promise<void> {
  const certificates = blocks.filter((b): b is InspectedCertificate => b.kind === 'certificate');
  await Promise.all(
    blocks.map(async (block) => {
      if (block.kind !== 'private-key' || !('key' in block)) return;
      for (const cert of certificates) {
        if (await keyMatchesCertificate(block.key, cert.pem).catch(() => false)) block.matches.push(cert.index);
      }
    }),
  );
}

function stripKey(block: InspectedKey & { key?: KeyPair }): InspectedKey {
  const { key: _key, ...rest } = block;
  return rest;
}
