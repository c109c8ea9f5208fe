// The public face of the PKI engine (contract: /work/PKI-API.md). Users import only from here.
// Additions to the contract (names and shapes of the contract are unchanged):
// - CsrSpec.crlUrl (initca CRL DP) and CsrSpec.warnings (unknown JSON keys, e.g. "name" for "names");
// - SigningProfile.ocspNoCheck; classifyHost(s) take { uriSans } (false = cfssl 1.2 behaviour);
// - checkKeySpec, usageEffects, KEY_USAGE_NAMES/EXT_KEY_USAGE_NAMES, toIpv4 (Go To4), rsaHashForSize,
//   signatureAlgorithmFor, validityFor, caPolicy, NO_HOSTS_MESSAGE, certInfoJson, keyIdText, goJsonEscape;
// - generateCertificate options also take { key, crlUrl }; signCsrPem options take { subject } (parseSubjectJson); generateMany(jobs: GenerateJob[], ca, config,
//   { now }) -> IssuedCertificate[] (every key generated concurrently first);
// - verifyChain returns { ok, problems: PkiChainProblem[], length } (length = certificates in the path);
// - judgePastedCertificates(ders, { now }): each certificate's chain among the others, judged like
//   openssl verify -partial_chain (Inspect); certificateDetails(pem) -> { info, extensions } (the text view);
// - importPrivateKey(block) reads a decoded PEM block with its headers (traditional encrypted keys);
// - csrInfo(pem) -> CsrInfo (subject, SANs, sigalg, signature_valid, public_key, basic_constraints, pem);
// - reissueCertificate(der, ca, { notBefore, notAfter, spki? }): renewal keeping subject and extensions;
// - keyEncryptionKey / encryptPrivateKeyPem / decryptPrivateKeyPem: PBES2 encrypted PKCS#8;
// - verifyChain options.partialChain (every CA given trusted); privateKeyPkcs8, specFromSpki;
// - PKI_ERROR_CODES / PKI_WARNING_CODES / PKI_CHAIN_PROBLEMS: every code, each with error.<code> in i18n.
export { PKI_ERROR_CODES, PKI_WARNING_CODES, PKI_CHAIN_PROBLEMS, type PkiErrorCode, type PkiWarningCode, type PkiChainProblem } from './errors';
export { parseGoDuration, formatGoDuration } from './duration';
export { parseIp, formatIp, toIpv4 } from './ip';
export { classifyHost, classifyHosts, type HostKind, type ClassifiedHosts } from './hosts';
export {
  parseCsrJson,
  validateCsrSpec,
  checkKeySpec,
  parseSubjectJson,
  type SubjectOverride,
  DEFAULT_KEY,
  DEFAULT_CA_EXPIRY,
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
  NO_HOSTS_MESSAGE,
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
