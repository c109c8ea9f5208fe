// Every failure of the PKI engine is a KubeprepError whose code starts with "pki."; every finding that
// does not stop the work is a Warning with a "pki." code. The codes are listed here once; each has its
// words in src/lib/i18n/messages/pki.ts (`error.<code>`, `warning.<code>`), which the type checker and
// tests/lib/i18n.test.ts hold to this list.
import { KubeprepError, type ErrorDetails, type Warning } from '../errors';
import { messageRef, type MessageParams, type MessageRef } from '../i18n/params';

export const PKI_ERROR_CODES = [
  'pki.json-syntax',
  'pki.json-type',
  'pki.json-not-object',
  'pki.json-too-deep',
  'pki.invalid-algorithm',
  'pki.rsa-too-weak',
  'pki.rsa-too-large',
  'pki.rsa-size-unsupported',
  'pki.invalid-curve',
  'pki.unsupported-algorithm',
  'pki.missing-subject',
  'pki.ca-not-allowed',
  'pki.invalid-duration',
  'pki.duration-unknown-unit',
  'pki.duration-missing-unit',
  'pki.duration-not-positive',
  'pki.pathlen-negative',
  'pki.invalid-oid',
  'pki.invalid-timestamp',
  'pki.invalid-validity',
  'pki.timestamp-out-of-range',
  'pki.not-after-in-past',
  'pki.config-no-signing',
  'pki.empty-expiry',
  'pki.config-auth-key-missing',
  'pki.config-auth-key-type',
  'pki.config-auth-key-not-hex',
  'pki.invalid-usages',
  'pki.no-key-usage',
  'pki.invalid-whitelist',
  'pki.whitelist-mismatch',
  'pki.policy-violation',
  'pki.invalid-dns-name',
  'pki.pem-decode',
  'pki.pem-label',
  'pki.der-decode',
  'pki.encrypted-key',
  'pki.unsupported-key',
  'pki.key-mismatch',
  'pki.csr-signature',
  'pki.csr-san-not-ascii',
  'pki.missing-ca',
  'pki.crypto',
  'pki.wrong-issuer',
  'pki.passphrase-too-short',
  'pki.wrong-passphrase',
  'pki.unsupported-encryption',
] as const;
export type PkiErrorCode = (typeof PKI_ERROR_CODES)[number];

/** Problem codes reported (not thrown) by verifyChain and the Inspect screen's chain verdicts. */
export const PKI_CHAIN_PROBLEMS = [
  'pki.chain-no-issuer',
  'pki.chain-signature',
  'pki.chain-expired',
  'pki.chain-not-yet-valid',
  'pki.chain-issuer-not-ca',
  'pki.chain-issuer-no-cert-sign',
  'pki.chain-path-length',
  'pki.chain-unhandled-critical',
  'pki.chain-name-not-permitted',
  'pki.chain-name-excluded',
] as const;
export type PkiChainProblem = (typeof PKI_CHAIN_PROBLEMS)[number];

export const PKI_WARNING_CODES = [
  'pki.hosts-missing',
  'pki.unknown-profile',
  'pki.unknown-usage',
  'pki.unknown-field',
  'pki.is-ca-misplaced',
  'pki.pathlenzero-ignored',
  'pki.duplicate-key',
  'pki.idn-host',
  'pki.ca-not-ca',
  'pki.ca-expired',
  'pki.ca-weak-key',
  'pki.csr-weak-key',
] as const;
export type PkiWarningCode = (typeof PKI_WARNING_CODES)[number];

export function pkiError(code: PkiErrorCode, details: ErrorDetails = {}): KubeprepError {
  return new KubeprepError(code, details);
}

export function pkiWarning(code: PkiWarningCode, field?: string, params?: MessageParams): Warning {
  const warning: Warning = { code };
  if (field !== undefined) warning.field = field;
  if (params !== undefined) warning.params = params;
  return warning;
}

/**
 * What a message names when it says "could not read {what}": an input the user gave, or an X.509
 * extension by its RFC 5280 name (`extension:keyUsage`). Each has words under `pki.what.<name>`.
 */
export const PKI_SUBJECTS = ['certificate', 'csr', 'private-key', 'public-key', 'ca-certificate', 'ca-key', 'pem-input', 'encrypted-private-key', 'json', 'subject-json', 'csr-json', 'config-json'] as const;
export type PkiSubject = (typeof PKI_SUBJECTS)[number] | `extension:${string}`;

export function subjectRef(what: PkiSubject): MessageRef {
  if (what.startsWith('extension:')) return messageRef('pki.what.extension', { name: what.slice('extension:'.length) });
  return messageRef(`pki.what.${what as (typeof PKI_SUBJECTS)[number]}`);
}
