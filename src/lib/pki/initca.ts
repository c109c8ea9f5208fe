// `cfssl gencert -initca` (initca/initca.go): a key, a CSR carrying the requested basic constraints,
// and a certificate self-signed under cfssl's built-in CA policy. -config and -profile play no part
// (cloudflare/cfssl#1034): the CA's lifetime and path length come from the CSR JSON's "ca" object.
import type { Warning } from '../errors';
import type { SigningProfile } from './config';
import { checkKeySpec, type CsrSpec } from './csr';
import { parseGoDuration } from './duration';
import { pkiWarning } from './errors';
import { CA_USAGES, DEFAULT_CA_EXPIRY } from './facts';
import { generateKeyPair, type KeyPair } from './keys';
import type { KeySource } from './keygen';
import { prepareCsr } from './pkcs10';
import { finish, issue, requestFromBuiltCsr, type IssuedCertificate } from './sign';

/** The built-in policy of `gencert -initca` (initca.go CAPolicy plus the JSON `ca` object). */
export function caPolicy(spec: CsrSpec): { profile: SigningProfile; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const ca = spec.ca ?? {};
  const expiryText = ca.expiry ?? DEFAULT_CA_EXPIRY;
  const profile: SigningProfile = {
    usages: [...CA_USAGES],
    expiry: parseGoDuration(expiryText, 'ca.expiry'),
    expiryText,
    caConstraint: { isCa: true, maxPathLen: ca.pathlen ?? 0, maxPathLenZero: false },
  };
  if (ca.backdate) profile.backdate = parseGoDuration(ca.backdate, 'ca.backdate');
  if ((ca.pathlen ?? 0) !== 0 && ca.pathlenzero) {
    warnings.push(pkiWarning('pki.pathlenzero-ignored', 'ca.pathlenzero'));
  } else {
    profile.caConstraint!.maxPathLenZero = ca.pathlenzero ?? false;
  }
  if (spec.crlUrl) profile.crlUrl = spec.crlUrl;
  return { profile, warnings };
}


/**
 * `cfssl gencert -initca`: key, CSR, self-signed CA certificate. With `key` that key is used (and no key
 * PEM returned); else a new one comes from `keys` (WebCrypto's generation by default).
 */
export async function initCa(spec: CsrSpec, options: { now?: Date; key?: KeyPair; keys?: KeySource } = {}): Promise<IssuedCertificate> {
  const { profile, warnings } = caPolicy(spec);
  const key = options.key ?? (await (options.keys ?? generateKeyPair)(checkKeySpec(spec.key)));
  const csr = await prepareCsr(spec, key);
  const [certPem, signedCsr] = await Promise.all([
    issue(requestFromBuiltCsr(spec, csr), profile, 'default', null, key, options.now ? { now: options.now } : {}),
    csr.sign(),
  ]);
  return finish(certPem, signedCsr.pem, key, !options.key, [...(spec.warnings ?? []), ...warnings]);
}
