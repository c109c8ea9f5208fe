import { describe, expect, it } from 'vitest';
import { encodeSubject, parseCsrJson, subjectFromSpec } from '../../../src/lib/pki';
import { isPrintableString, oid, setOf, time } from '../../../src/lib/pki/go-encoding';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const ascii = (s: string) => Buffer.from(s, 'utf8').toString('hex');

describe('subject DN encoding (Go pkix.Name.ToRDNSequence)', () => {
  it('orders C, ST, L, O, OU, CN whatever the JSON order', () => {
    const spec = parseCsrJson('{"CN":"etcd","names":[{"OU":"System","O":"k8s","L":"BeiJing","ST":"BeiJing","C":"CN"}]}');
    const der = hex(encodeSubject(subjectFromSpec(spec)));
    const order = ['550406', '550408', '550407', '55040a', '55040b', '550403'].map((o) => der.indexOf(o));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((i) => i > 0)).toBe(true);
  });

  it('puts several values of one type into ONE multi-valued RDN, DER-sorted (cfssl #599, #824)', () => {
    const spec = parseCsrJson('{"CN":"x","names":[{"O":"system:masters"},{"O":"Second Org","OU":"u1"}]}');
    const expected =
      '3045' +
      `312a` +
      `3011060355040a130a${ascii('Second Org')}` +
      `3015060355040a130e${ascii('system:masters')}` +
      `310b3009060355040b1302${ascii('u1')}` +
      `310a300806035504031301${ascii('x')}`;
    expect(hex(encodeSubject(subjectFromSpec(spec)))).toBe(expected);
  });

  it('writes serialNumber after CN, then E and OID extras as single RDNs', () => {
    const spec = parseCsrJson('{"CN":"x","serialnumber":"42","names":[{"E":"a@b.c","OID":{"2.5.4.12":"Boss"}}]}');
    const der = hex(encodeSubject(subjectFromSpec(spec)));
    expect(der).toBe(
      '303e' +
        `310a300806035504031301${ascii('x')}` +
        `310b300906035504051302${ascii('42')}` +
        `310d300b060355040c1304${ascii('Boss')}` +
        `3114301206092a864886f70d0109010c05${ascii('a@b.c')}`,
    );
  });

  it('uses PrintableString only for Go\'s printable set, UTF8String otherwise', () => {
    expect(isPrintableString("Ab 09 '()+,-./:=?")).toBe(true);
    for (const text of ['a&b', 'a*b', 'a@b', 'a_b', '北京', 'a;b', 'a!b']) expect(isPrintableString(text), text).toBe(false);
    const der = hex(encodeSubject(subjectFromSpec(parseCsrJson('{"CN":"R&D","names":[{"O":"北京"}]}'))));
    expect(der).toContain(`0c06${ascii('北京')}`);
    expect(der).toContain(`0c03${ascii('R&D')}`);
  });

  it('writes an empty Name as 30 00', () => {
    expect(hex(encodeSubject(subjectFromSpec({ CN: '', names: [] })))).toBe('3000');
  });
});

describe('DER helpers', () => {
  it('sorts SET OF by encoding', () => {
    expect(hex(setOf([Uint8Array.of(4, 1, 2), Uint8Array.of(2, 1, 9), Uint8Array.of(4, 1, 1)]))).toBe('3109020109040101040102');
  });

  it('encodes OIDs with multi-byte arcs', () => {
    expect(hex(oid('1.2.840.113549.1.9.14'))).toBe('06092a864886f70d01090e');
    expect(hex(oid('2.16.840.1.113730.4.1'))).toBe('06096086480186f8420401');
  });

  it('uses UTCTime before 2050 and GeneralizedTime from 2050 on', () => {
    expect(hex(time(new Date('2049-12-31T23:59:59Z')))).toBe(`170d${ascii('491231235959Z')}`);
    expect(hex(time(new Date('2050-01-01T00:00:00Z')))).toBe(`180f${ascii('20500101000000Z')}`);
    expect(hex(time(new Date('2026-11-27T10:18:00.900Z')))).toBe(`170d${ascii('261127101800Z')}`);
  });
});
