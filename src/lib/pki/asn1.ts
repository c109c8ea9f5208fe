// Reading what people paste and drop: asn1js parses, this module holds it to DER and turns every asn1js
// or PKI.js exception into a coded pki.der-decode naming what was being read, so damaged input never
// throws past the engine. asn1js is a BER reader; DER (X.690 10.1, 10.2) additionally forbids the
// indefinite length form and constructed strings, which certificates, CSRs and keys never use.
import * as asn1js from 'asn1js';
import { KubeprepError } from '../errors';
import { messageRef, type MessageRef } from '../i18n/params';
import { buffer } from './bytes';
import { pkiError, subjectRef, type PkiSubject } from './errors';

function damaged(what: PkiSubject, reason: MessageRef, cause?: unknown): KubeprepError {
  return pkiError('pki.der-decode', { field: what, params: { what: subjectRef(what), reason }, allowed: 'DER', cause });
}

/** Exactly one DER value covering all of `bytes`. */
export function decodeDer(bytes: Uint8Array, what: PkiSubject): asn1js.AsnType {
  // parseEmbedded: false, or asn1js would try to read every OCTET STRING's contents as ASN.1 too.
  const { offset, result } = asn1js.fromBER(buffer(bytes), { parseEmbedded: false });
  if (offset === -1) throw damaged(what, messageRef('pki.der.malformed'));
  if (offset !== bytes.length) throw damaged(what, messageRef('pki.der.trailing', { count: bytes.length - offset }));
  if (!isDer(result)) throw damaged(what, messageRef('pki.der.ber'));
  return result;
}

function isDer(block: asn1js.AsnType): boolean {
  if (block.lenBlock.isIndefiniteForm) return false;
  if (!block.idBlock.isConstructed) return true;
  // Constructed forms of universal primitive types (BIT STRING, OCTET STRING, the string types) are BER only.
  if (block.idBlock.tagClass === 1 && block.idBlock.tagNumber !== 16 && block.idBlock.tagNumber !== 17) return false;
  const children = (block.valueBlock as { value?: unknown }).value;
  return !Array.isArray(children) || children.every((child: asn1js.AsnType) => isDer(child));
}

/** Runs a PKI.js reader over decoded ASN.1; whatever it throws becomes pki.der-decode for `what`. */
export function readAs<T>(what: PkiSubject, read: () => T): T {
  try {
    return read();
  } catch (cause) {
    if (cause instanceof KubeprepError) throw cause;
    throw damaged(what, messageRef('pki.der.structure'), cause);
  }
}

/** Whether a decoded value has the shape of a schema (PKI.js's `X.schema()`), without reading it. */
export function fitsSchema(value: asn1js.AsnType, schema: asn1js.AsnSchemaType): boolean {
  return asn1js.compareSchema(value, value, schema).verified;
}

// OIDs recur in every name and extension; asn1js writes one block as often as it is asked to, and
// parsing the dotted text is the costliest part of making one.
const oidBlocks = new Map<string, asn1js.ObjectIdentifier>();

export function oidBlock(dotted: string): asn1js.ObjectIdentifier {
  let block = oidBlocks.get(dotted);
  if (!block) oidBlocks.set(dotted, (block = new asn1js.ObjectIdentifier({ value: dotted })));
  return block;
}

/** The DER of an asn1js value or PKI.js schema. */
export function der(value: { toBER(sizeOnly?: boolean): ArrayBuffer }): Uint8Array {
  return new Uint8Array(value.toBER(false));
}

/** The value bytes of an asn1js block (OCTET STRING contents, INTEGER bytes, BIT STRING bits). */
export function valueBytes(block: { valueBlock: { valueHexView: Uint8Array } }): Uint8Array {
  return block.valueBlock.valueHexView.slice();
}

/**
 * A value whose encoding is already known, written into an asn1js structure as it is (asn1js's own
 * RawData is dropped when it sits inside a SEQUENCE, and copies its bytes at every read).
 */
class PreEncoded extends asn1js.RawData {
  constructor(private readonly encoding: ArrayBuffer) {
    super();
  }

  override toBER(sizeOnly?: boolean, writer?: asn1js.ViewWriter): ArrayBuffer {
    if (!writer) return this.encoding.slice(0); // the caller may change what it gets; the kept bytes stay
    writer.write(this.encoding);
    return new ArrayBuffer(0);
  }
}

/** `bytes` as an ArrayBuffer of their own (a copy unless the view spans its whole buffer already). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? (bytes.buffer as ArrayBuffer) : buffer(bytes).buffer;
}

/**
 * Makes a PKI.js object write `encoding`, the DER it was read from or made as, instead of encoding itself
 * again: a Name copied from a CA certificate stays byte for byte what the CA has (PKI.js would re-read
 * it at every use), and a key or an extension used in a CSR and a certificate is encoded once.
 */
export function keepEncoding<T extends object>(object: T, encoding: Uint8Array): T {
  const kept = buffer(encoding).buffer;
  Object.defineProperty(object, 'toSchema', { value: () => new PreEncoded(kept), configurable: true });
  return object;
}

/**
 * A signed structure (Certificate, CertificationRequest) around the exact TBS bytes that were signed:
 * PKI.js's toSchema() would parse those bytes back into objects first, which costs more than signing.
 */
export function signedDer(tbs: Uint8Array, algorithm: { toSchema(): asn1js.AsnType }, signature: asn1js.BitString): Uint8Array {
  const kept = new PreEncoded(ownBuffer(tbs)) as unknown as asn1js.BaseBlock;
  return der(new asn1js.Sequence({ value: [kept, algorithm.toSchema() as asn1js.BaseBlock, signature] }));
}
