import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration } from '../../../src/lib/pki';
import { caught } from './support';

const H = 3_600_000_000_000n;

const failure = (text: string) => caught(() => parseGoDuration(text, 'expiry'));

describe('parseGoDuration (Go time.ParseDuration)', () => {
  it.each([
    ['8760h', 8760n * H],
    ['43800h', 43800n * H],
    ['26h30m', 26n * H + 30n * 60_000_000_000n],
    ['1.5h', 5400n * 1_000_000_000n],
    ['.5s', 500_000_000n],
    ['1.s', 1_000_000_000n],
    ['0', 0n],
    ['-0', 0n],
    ['+5m', 300_000_000_000n],
    ['-5h', -5n * H],
    ['1h1h', 2n * H],
    ['300ms', 300_000_000n],
    ['2us', 2000n],
    ['2µs', 2000n],
    ['2μs', 2000n],
    ['7ns', 7n],
    ['0h', 0n],
    ['1.0000000001s', 1_000_000_000n],
    ['9223372036854775807ns', 9223372036854775807n],
    ['-9223372036854775808ns', -9223372036854775808n],
    ['2562047h', 2562047n * H],
  ])('%s', (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });

  it.each([
    ['10y', 'time: unknown unit "y" in duration "10y"'],
    ['365d', 'time: unknown unit "d" in duration "365d"'],
    ['1H', 'time: unknown unit "H" in duration "1H"'],
    ['', 'time: invalid duration ""'],
    ['-', 'time: invalid duration "-"'],
    ['h', 'time: invalid duration "h"'],
    ['.h', 'time: invalid duration ".h"'],
    ['10', 'time: missing unit in duration "10"'],
    ['1h 30m', 'time: unknown unit "h " in duration "1h 30m"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['2562048h', 'time: invalid duration "2562048h"'],
    ['3d\u00e9', 'time: unknown unit "d\\xc3\\xa9" in duration "3d\\xc3\\xa9"'],
  ])('rejects %j as Go does (%s)', (text, message) => {
    // Go's three cases, each a code of its own; the unit as Go quotes it.
    const error = failure(text);
    const unknownUnit = /^time: unknown unit (".*") in duration/.exec(message);
    const code = unknownUnit ? 'pki.duration-unknown-unit' : message.startsWith('time: missing unit') ? 'pki.duration-missing-unit' : 'pki.invalid-duration';
    expect(error.code).toBe(code);
    expect(error.field).toBe('expiry');
    if (unknownUnit) expect(error.params.unit).toBe(unknownUnit[1]);
  });
});

describe('formatGoDuration (Go Duration.String)', () => {
  it.each([
    [0n, '0s'],
    [8760n * H, '8760h0m0s'],
    [5400n * 1_000_000_000n, '1h30m0s'],
    [1_500_000_000n, '1.5s'],
    [300_000_000n, '300ms'],
    [2000n, '2µs'],
    [7n, '7ns'],
    [-5n * H, '-5h0m0s'],
    [61_000_000_001n, '1m1.000000001s'],
  ])('%s -> %s', (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });

  it('round-trips through the parser', () => {
    for (const text of ['8760h0m0s', '1h30m0s', '1.5s', '-5h0m0s', '2562047h47m16.854775807s']) {
      expect(formatGoDuration(parseGoDuration(text))).toBe(text);
    }
  });
});
