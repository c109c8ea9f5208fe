// The Inspect screen's logic: decode whatever PEM was pasted (certificates, CSRs, private keys, several at
// once) and answer the questions people paste them for: what is in it, does this key match this
// certificate, does the chain verify (and if not, which link is missing or wrong), when does it expire.
import type { KubeprepError } from '../errors';
import {
  certificateDetails,
  csrInfo,
  decodePem,
  encodePem,
  importPrivateKey,
  judgePastedCertificates,
  keyMatchesCertificate,
  type CertInfo,
  type ExtensionText,
  type KeyPair,
  type PastedVerdict,
  type PemBlock,
  type PkiChainProblem,
} from '../pki';
import { asKubeprepError } from '../errors';

export interface InspectedChain {
  verdict: PastedVerdict;
  /** Block indexes of the path: this certificate, then each issuer found among the blocks. */
  path: number[];
  /** What is wrong, on which certificate (`index`: its block; `depth`: 0 = this one, 1 = its issuer...). */
  problems: { code: PkiChainProblem; depth: number; index: number }[];
  /** The block of a certificate that has the missing issuer's name, but another key. */
  lookalike?: number;
}

export interface InspectedCertificate {
  kind: 'certificate';
  index: number;
  pem: string;
  info: CertInfo;
  extensions: ExtensionText[];
  selfSigned: boolean;
  chain: InspectedChain;
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

type Decoded = InspectedBlock | (InspectedKey & { key: KeyPair }) | (Omit<InspectedCertificate, 'chain' | 'selfSigned'> & { der: Uint8Array });

export async function inspectPem(text: string, options: { now?: Date } = {}): Promise<InspectedBlock[]> {
  const decoded = await Promise.all(decodePem(withJsonPemUnescaped(text)).map((block, index) => decodeBlock(block, index)));
  await judgeChains(decoded, options.now);
  await matchKeys(decoded);
  return decoded.map(finished);
}

/** A JSON string that holds a PEM block, with its escapes (`\n`, `\u002b`): cfssl's output, a kubeconfig turned to JSON. */
const JSON_PEM_STRING = /"(?:[^"\\\r\n]|\\.)*-----BEGIN (?:[^"\\\r\n]|\\.)*"/g;

/**
 * TEXT with every PEM block that sits JSON-escaped in a string (`{"cert":"-----BEGIN CERTIFICATE-----\nMII...`,
 * what `cfssl gencert` prints) written out as plain PEM on lines of its own, in place, so the blocks keep
 * their order (and their `# file` lines, src/lib/workspace/inspect-sources.ts, their count).
 */
export function withJsonPemUnescaped(text: string): string {
  return text.replace(JSON_PEM_STRING, (literal) => {
    try {
      return `\n${JSON.parse(literal) as string}\n`;
    } catch {
      return literal; // not a valid JSON string after all: read as it is
    }
  });
}

async function decodeBlock(block: PemBlock, index: number): Promise<Decoded> {
  const { label } = block;
  try {
    if (label === 'CERTIFICATE') {
      const pem = encodePem(label, block.der);
      const { info, extensions } = await certificateDetails(pem);
      return { kind: 'certificate', index, pem, info, extensions, der: block.der };
    }
    if (label === 'CERTIFICATE REQUEST' || label === 'NEW CERTIFICATE REQUEST') {
      const pem = encodePem(label, block.der);
      return { kind: 'csr', index, pem, info: await csrInfo(pem) };
    }
    // The whole block, headers included: a `Proc-Type: 4,ENCRYPTED` key is encrypted, not damaged.
    if (label.endsWith('PRIVATE KEY')) {
      const key = await importPrivateKey(block);
      return { kind: 'private-key', index, label, algorithm: key.spec.algo, size: key.spec.size, matches: [], key };
    }
    return { kind: 'other', index, label };
  } catch (error) {
    return { kind: 'error', index, label, error: asKubeprepError(error) };
  }
}

type PendingCertificate = Extract<Decoded, { der: Uint8Array }>;
const isPendingCertificate = (block: Decoded): block is PendingCertificate => block.kind === 'certificate' && 'der' in block;

/** Every certificate's chain through the other certificates pasted, with positions turned into block indexes. */
async function judgeChains(blocks: Decoded[], now: Date | undefined): Promise<void> {
  const certificates = blocks.filter(isPendingCertificate);
  const chains = await judgePastedCertificates(
    certificates.map((c) => c.der),
    now ? { now } : {},
  );
  const indexOf = (position: number) => certificates[position]!.index;
  certificates.forEach((certificate, position) => {
    const chain = chains[position]!;
    const inspected: InspectedChain = {
      verdict: chain.verdict,
      path: chain.path.map(indexOf),
      problems: chain.problems.map((p) => ({ ...p, index: indexOf(chain.path[p.depth]!) })),
    };
    if (chain.lookalike !== undefined) inspected.lookalike = indexOf(chain.lookalike);
    const { der: _der, ...rest } = certificate;
    blocks[blocks.indexOf(certificate)] = { ...rest, chain: inspected, selfSigned: chain.closed && chain.path.length === 1 };
  });
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

function finished(block: Decoded): InspectedBlock {
  if (block.kind !== 'private-key' || !('key' in block)) return block as InspectedBlock;
  const { key: _key, ...rest } = block;
  return rest;
}
