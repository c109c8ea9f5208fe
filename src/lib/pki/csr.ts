// CSR JSON, as cfssl reads it (csr/csr.go, cli/genkey, initca/initca.go): keys match case-insensitively,
// unknown keys are ignored (we also warn: `"name"` for `"names"` is a classic, cloudflare/cfssl#1405),
// a missing key means ECDSA P-256, and a partial key object keeps the other pre-filled default.
import type { Warning } from '../errors';
import { parseGoDuration } from './duration';
import { normalizeHosts } from './sans';
import { pkiError } from './errors';
import { DEFAULT_KEY_ALGO, DEFAULT_KEY_SIZE, ECDSA_CURVE_SIZES, RSA_MAX_BITS, RSA_MIN_BITS } from './facts';
import { field, isJsonObject, keyWarnings, parseJson, type JsonObject, type JsonValue } from './json';
import { isDottedOid } from './oid';
import {
  child,
  readBool,
  readInt,
  readObject,
  readArray,
  readString,
  readStringArray,
  readStringMap,
  requireObject,
  typeError,
  type Location,
} from './read';

export interface NameSpec {
  C?: string;
  ST?: string;
  L?: string;
  O?: string;
  OU?: string;
  E?: string;
  OID?: Record<string, string>;
}
export interface KeySpec {
  algo: 'rsa' | 'ecdsa' | 'ed25519';
  size: number;
}
export interface CaSpec {
  expiry?: string;
  pathlen?: number;
  pathlenzero?: boolean;
  backdate?: string;
}
export interface CsrSpec {
  CN: string;
  names: NameSpec[];
  hosts: string[];
  key: KeySpec;
  ca?: CaSpec;
  serialnumber?: string;
  /** initca only: CRL distribution point of the new root (cfssl `crl_url`). */
  crlUrl?: string;
  /** Findings that did not stop parsing (unknown keys). */
  warnings?: Warning[];
}

export const DEFAULT_KEY: Readonly<KeySpec> = { algo: DEFAULT_KEY_ALGO, size: DEFAULT_KEY_SIZE };

const TOP_KEYS = ['CN', 'names', 'hosts', 'key', 'ca', 'serialnumber', 'delegation_enabled', 'extensions', 'crl_url'];
const NAME_KEYS = ['C', 'ST', 'L', 'O', 'OU', 'E', 'OID', 'SerialNumber'];
const NAME_ATTRIBUTES = ['C', 'ST', 'L', 'O', 'OU', 'E'] as const;
const KEY_KEYS = ['algo', 'size'];
const CA_KEYS = ['expiry', 'pathlen', 'pathlenzero', 'backdate'];

export interface CsrOptions {
  /** `gencert -initca`: a `ca` object is allowed and a subject is required. */
  initca?: boolean;
}

export function parseCsrJson(text: string, options: CsrOptions = {}): CsrSpec {
  return validateCsrSpec(parseJson(text, 'csr-json'), options);
}

export function validateCsrSpec(value: unknown, options: CsrOptions = {}): CsrSpec {
  const root = requireObject(value as JsonValue, 'csr-json');
  const at: Location = { struct: 'CertificateRequest', path: '' };
  const warnings = keyWarnings(root, TOP_KEYS);
  for (const [name, keys] of [['key', KEY_KEYS], ['ca', CA_KEYS]] as const) {
    const object = field(root, name);
    if (isJsonObject(object)) warnings.push(...keyWarnings(object, keys, name));
  }
  const spec: CsrSpec = {
    CN: readString(root, 'CN', at) ?? '',
    names: readNames(root, at, warnings),
    hosts: [],
    key: readKey(root),
  };
  const hosts = normalizeHosts(readStringArray(root, 'hosts', at) ?? []);
  spec.hosts = hosts.hosts;
  warnings.push(...hosts.warnings);
  const serial = readString(root, 'serialnumber', at);
  if (serial !== undefined) spec.serialnumber = serial;
  const crlUrl = readString(root, 'crl_url', at);
  if (crlUrl !== undefined) spec.crlUrl = crlUrl;
  readBool(root, 'delegation_enabled', at);
  const ca = readCa(root);
  if (ca !== undefined) {
    if (!options.initca) {
      throw pkiError('pki.ca-not-allowed', { field: 'ca' });
    }
    spec.ca = ca;
  }
  if (options.initca) checkCaSubject(spec);
  if (warnings.length > 0) spec.warnings = warnings;
  return spec;
}

function readNames(root: JsonObject, at: Location, warnings: Warning[]): NameSpec[] {
  const list = readArray(root, 'names', at, '[]csr.Name') ?? [];
  return list.map((item, i) => {
    const here: Location = { struct: 'CertificateRequest', path: `names[${i}]` };
    if (item === null) return {};
    if (typeof item !== 'object' || Array.isArray(item)) typeError(item, here, 'csr.Name');
    const entry = item as JsonObject;
    warnings.push(...keyWarnings(entry, NAME_KEYS, `names[${i}]`));
    const name: NameSpec = {};
    for (const attribute of NAME_ATTRIBUTES) {
      const text = readString(entry, attribute, here);
      if (text !== undefined && text !== '') name[attribute] = text;
    }
    readString(entry, 'SerialNumber', here); // accepted and ignored, like cfssl
    const oids = readStringMap(entry, 'OID', here);
    if (oids !== undefined) {
      for (const oid of Object.keys(oids)) {
        if (!isDottedOid(oid)) {
          throw pkiError('pki.invalid-oid', { field: `names[${i}].OID`, allowed: '2.5.4.12', params: { value: oid } });
        }
      }
      if (Object.keys(oids).length > 0) name.OID = oids;
    }
    return name;
  });
}

/** cfssl pre-fills `{algo: ecdsa, size: 256}` and lets the JSON overwrite single fields (docs/cfssl-compatibility.md). */
function readKey(root: JsonObject): KeySpec {
  const at: Location = { struct: 'CertificateRequest', path: 'key' };
  const object = readObject(root, 'key', { struct: 'CertificateRequest', path: '' }, 'csr.KeyRequest');
  const algo = (object && readString(object, 'algo', at)) ?? DEFAULT_KEY.algo;
  const size = (object && readInt(object, 'size', at)) ?? DEFAULT_KEY.size;
  return checkKeySpec({ algo: algo as KeySpec['algo'], size });
}

/** The limits cfssl applies when it generates a key (csr.go Generate). */
export function checkKeySpec(spec: { algo: string; size: number }): KeySpec {
  const params = { algo: spec.algo, size: spec.size, min: RSA_MIN_BITS, max: RSA_MAX_BITS };
  const rsaSizes = `${RSA_MIN_BITS}–${RSA_MAX_BITS}`;
  switch (spec.algo) {
    case 'rsa':
      if (spec.size < RSA_MIN_BITS) throw pkiError('pki.rsa-too-weak', { field: 'key.size', allowed: rsaSizes, params, cfsslCode: 2400 });
      if (spec.size > RSA_MAX_BITS) throw pkiError('pki.rsa-too-large', { field: 'key.size', allowed: rsaSizes, params, cfsslCode: 2400 });
      // Go makes any size exactly; WebCrypto does not: Chromium refuses a modulus that is not whole bytes,
      // and a 2049-bit request would quietly become another size elsewhere. So whole bytes only.
      if (spec.size % 8 !== 0) throw pkiError('pki.rsa-size-unsupported', { field: 'key.size', allowed: `${rsaSizes}, ×8`, params });
      return { algo: 'rsa', size: spec.size };
    case 'ecdsa':
      if (!(ECDSA_CURVE_SIZES as readonly number[]).includes(spec.size)) {
        throw pkiError('pki.invalid-curve', { field: 'key.size', allowed: ECDSA_CURVE_SIZES.join(', '), params, cfsslCode: 2400 });
      }
      return { algo: 'ecdsa', size: spec.size };
    case 'ed25519':
      return { algo: 'ed25519', size: 256 }; // cfssl ignores the size of Ed25519 keys
    default:
      throw pkiError('pki.invalid-algorithm', { field: 'key.algo', allowed: 'rsa, ecdsa, ed25519', params, cfsslCode: 2400 });
  }
}

function readCa(root: JsonObject): CaSpec | undefined {
  const object = readObject(root, 'ca', { struct: 'CertificateRequest', path: '' }, 'csr.CAConfig');
  if (object === undefined) return undefined;
  const at: Location = { struct: 'CertificateRequest', path: 'ca' };
  const ca: CaSpec = {};
  const expiry = readString(object, 'expiry', at);
  if (expiry !== undefined && expiry !== '') {
    checkPositiveDuration(expiry, 'ca.expiry');
    ca.expiry = expiry;
  }
  const backdate = readString(object, 'backdate', at);
  if (backdate !== undefined && backdate !== '') {
    parseGoDuration(backdate, 'ca.backdate');
    ca.backdate = backdate;
  }
  const pathlen = readInt(object, 'pathlen', at);
  if (pathlen !== undefined) {
    // cfssl's pathlen is a Go int: -1 is Go's "no limit", as 0 without pathlenzero is. Below -1 cfssl
    // writes the negative number into the certificate, which a path length (INTEGER (0..MAX), RFC 5280
    // 4.2.1.9) cannot be.
    if (pathlen < -1) throw pkiError('pki.pathlen-negative', { field: 'ca.pathlen', allowed: '-1, 0, 1, 2, …', params: { value: pathlen } });
    ca.pathlen = pathlen;
  }
  const pathlenzero = readBool(object, 'pathlenzero', at);
  if (pathlenzero !== undefined) ca.pathlenzero = pathlenzero;
  return ca;
}

/** Parses a duration that must be > 0 (an expiry); cfssl would accept "-5h" and issue a dead cert. */
export function checkPositiveDuration(text: string, field: string): bigint {
  const ns = parseGoDuration(text, field);
  if (ns <= 0n) {
    throw pkiError('pki.duration-not-positive', { field, allowed: '8760h, 87600h', params: { field, value: text } });
  }
  return ns;
}

/** initca/initca.go validator: a CN, or names whose every entry has one of C/ST/L/O/OU. */
function checkCaSubject(spec: CsrSpec): void {
  if (spec.CN !== '') return;
  const complete =
    spec.names.length > 0 &&
    spec.names.every((n) => [n.C, n.ST, n.L, n.O, n.OU].some((v) => v !== undefined && v.trim() !== ''));
  if (!complete) {
    throw pkiError('pki.missing-subject', { field: 'CN', allowed: 'CN, names[].C/ST/L/O/OU', cfsslCode: 5300 });
  }
}

/** The optional subject file of `cfssl sign CSR.pem SUBJECT.json` (signer.Subject: CN, names, SerialNumber). */
export type SubjectOverride = Pick<CsrSpec, 'CN' | 'names' | 'serialnumber'>;

export function parseSubjectJson(text: string): SubjectOverride {
  const root = requireObject(parseJson(text, 'subject-json'), 'subject-json');
  const at: Location = { struct: 'Subject', path: '' };
  const override: SubjectOverride = { CN: readString(root, 'CN', at) ?? '', names: readNames(root, at, []) };
  const serial = readString(root, 'SerialNumber', at);
  if (serial) override.serialnumber = serial;
  return override;
}
