// The public face of the PKI engine: cfssl's operations (initca, gencert, sign, certinfo) on PKI.js and
// asn1js over WebCrypto, and the readers they rest on. Users import only from here (the UI through
// src/ui/common/engine.ts, loaded on demand). What is cfssl's behaviour and what is kubeprep's own is
// in docs/cfssl-compatibility.md. Every refusal is a KubeprepError with a code from errors.ts; every
// finding that does not stop the work a Warning; the catalogue words both.
export { PKI_ERROR_CODES, PKI_WARNING_CODES, PKI_CHAIN_PROBLEMS, PKI_SUBJECTS, type PkiErrorCode, type PkiWarningCode, type PkiChainProblem } from './errors';
export * from './facts';
export { parseGoDuration, formatGoDuration } from './duration';
export { parseIp, formatIp, toIpv4 } from './ip';
export { classifyHost, classifyHosts, checkDnsName, type HostKind, type ClassifiedHosts, type DnsRule } from './hosts';
export { normalizeHosts } from './sans';
export { checkNameWhitelists } from './name-whitelist';
export { signingCaWarnings, signingCaFactsFromInfo, type SigningCaFacts } from './ca-checks';
export { signingCaFacts, csrKeyWarnings } from './ca-facts';
export {
  parseCsrJson,
  validateCsrSpec,
  checkKeySpec,
  parseSubjectJson,
  type SubjectOverride,
  DEFAULT_KEY,
  type NameSpec,
  type KeySpec,
  type CaSpec,
  type CsrSpec,
} from './csr';
export {
  parseConfigJson,
  defaultSigningConfig,
  resolveProfile,
  DEFAULT_PROFILE_USAGES,
  type CaConstraint,
  type SigningProfile,
  type SigningConfig,
} from './config';
export { USAGES, usageEffects, KEY_USAGE_NAMES, EXT_KEY_USAGE_NAMES, type UsageEffect } from './usages';
export { decodePem, encodePem, type PemBlock } from './pem';
export {
  generateKeyPair,
  exportPrivateKeyPem,
  importPrivateKey,
  importRsaPrivateKey,
  importPrivateKeyPem,
  privateKeyPkcs8,
  exportPublicKeyPem,
  specFromSpki,
  rsaHashForSize,
  type KeyPair,
} from './keys';
export { subjectFromSpec, encodeSubject, type Subject } from './name';
export { buildCsr } from './pkcs10';
export { randomSerial, subjectKeyId } from './certificate';
export { signatureAlgorithmFor, SIGNATURE_NAMES } from './signature';
export { initCa, caPolicy } from './initca';
export { loadCertificateAuthority, caFromIssued } from './authority';
export {
  generateCertificate,
  signCsrPem,
  generateMany,
  validityFor,
  type IssuedCertificate,
  type CertificateAuthority,
  type SignOptions,
  type GenerateOptions,
  type GenerateJob,
} from './sign';
export {
  certInfo,
  certificateDetails,
  csrInfo,
  certInfoJson,
  keyIdText,
  type CertInfo,
  type CertificateDetails,
  type CsrInfo,
  type SubjectInfo,
} from './certinfo';
export type { ExtensionText } from './extension-text';
export { OPENSSL_EXTENSION_NAMES, OPENSSL_EXT_KEY_USAGE, OPENSSL_KEY_USAGE } from './openssl-names';
export { reissueCertificate, type ReissueOptions } from './reissue';
export {
  keyEncryptionKey,
  encryptPrivateKeyPem,
  decryptPrivateKeyPem,
  PBKDF2_ITERATIONS,
  type KeyEncryptionKey,
} from './encrypted-key';
export { MIN_PASSPHRASE_LENGTH } from './passphrase';
export {
  certificatePublicKeyBits,
  publicKeyBits,
  privateKeyPublicBits,
  verifyChain,
  judgePastedCertificates,
  keyMatchesCertificate, type ChainResult, type PastedChain, type PastedVerdict } from './verify';
export { bareFileNames, cfsslJsonOutput, goJsonEscape } from './cfssljson';
export { defaultCsrJson, defaultConfigJson, DEFAULT_TYPES } from './defaults';
