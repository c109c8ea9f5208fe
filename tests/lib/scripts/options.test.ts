import { describe, expect, it } from 'vitest';
import { isKubeprepError, type KubeprepError } from '../../../src/lib/errors';
import {
  RELEASES,
  RELEASE_FACTS,
  SCRIPT_FIELDS,
  SCRIPT_NAMES,
  allowedValues,
  completeOptions,
  enumerateOptions,
  validateOptions,
  type ScriptOptions,
} from '../../../src/lib/scripts';

function refusal(options: Partial<ScriptOptions>): KubeprepError {
  try {
    validateOptions({ ...completeOptions({ release: options.release }), ...options } as ScriptOptions);
  } catch (error) {
    if (isKubeprepError(error)) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(options)}`);
}

describe('the facts table', () => {
  it('offers kernel-lt everywhere but EL10, and aarch64 only on EL9', () => {
    expect(allowedValues('kernel', 'el10')).toEqual(['kernel-ml']);
    expect(allowedValues('kernel', 'el8')).toEqual(['kernel-lt', 'kernel-ml']);
    expect(RELEASES.filter((r) => allowedValues('arch', r).includes('aarch64'))).toEqual(['el9']);
  });

  it('trusts v1 only on EL7, v2 only on EL10, both in between', () => {
    expect(RELEASE_FACTS.el7.keys).toEqual(['v1']);
    expect(RELEASE_FACTS.el8.keys).toEqual(['v1', 'v2']);
    expect(RELEASE_FACTS.el9.keys).toEqual(['v1', 'v2']);
    expect(RELEASE_FACTS.el10.keys).toEqual(['v2']);
  });

  it('does not offer TUNA for the EL7 archive, nor nftables or cgroup v2 on EL7', () => {
    expect(allowedValues('mirror', 'el7')).not.toContain('tuna');
    expect(allowedValues('proxyMode', 'el7')).toEqual(['iptables', 'ipvs']);
    expect(allowedValues('cgroupV2', 'el7')).toEqual([false]);
    expect(allowedValues('cgroupV2', 'el8')).toEqual([true, false]);
  });
});

describe('validateOptions', () => {
  it('refuses kernel-lt on EL10 with the field, the reason and what is allowed', () => {
    const error = refusal({ release: 'el10', kernel: 'kernel-lt' });
    expect(error.code).toBe('scripts.unsupportedKernel');
    expect(error.field).toBe('kernel');
    expect(error.allowed).toBe('kernel-ml');
    expect(error.message).toContain('EL10 has kernel-ml only');
  });

  it('refuses aarch64 on EL7 and TUNA for EL7', () => {
    expect(refusal({ release: 'el7', arch: 'aarch64' }).code).toBe('scripts.unsupportedArch');
    const mirror = refusal({ release: 'el7', mirror: 'tuna' });
    expect(mirror.code).toBe('scripts.unsupportedMirror');
    expect(mirror.allowed).toBe('elrepo, aliyun, ustc');
  });

  it('refuses values no release has', () => {
    const error = refusal({ release: 'el9', mirror: 'example' as never });
    expect(error.code).toBe('scripts.invalidValue');
    expect(error.params).toMatchObject({ flag: 'mirror', value: 'example' });
  });

  it('checks only the fields a script reads', () => {
    const options = { ...completeOptions({ release: 'el10' }), kernel: 'kernel-lt' } as ScriptOptions;
    expect(() => validateOptions(options, SCRIPT_FIELDS['node-prep'])).not.toThrow();
    expect(() => validateOptions(options, SCRIPT_FIELDS['kernel-upgrade'])).toThrow(/kernel-ml only/);
  });
});

describe('completeOptions', () => {
  it('replaces values the release lacks with the nearest valid one', () => {
    const options = completeOptions({ release: 'el10', kernel: 'kernel-lt', arch: 'aarch64' });
    expect(options.kernel).toBe('kernel-ml');
    expect(options.arch).toBe('x86_64');
    expect(completeOptions({ release: 'el7' }).cgroupV2).toBe(false);
    expect(completeOptions({ release: 'el9', mirror: 'tuna' }).mirror).toBe('tuna');
  });
});

describe('enumerateOptions', () => {
  it('yields only valid, distinct combinations, and all of them', () => {
    for (const name of SCRIPT_NAMES) {
      const all = enumerateOptions(name);
      for (const options of all) expect(() => validateOptions(options)).not.toThrow();
      const keys = all.map((o) => JSON.stringify(SCRIPT_FIELDS[name].map((f) => o[f])));
      expect(new Set(keys).size).toBe(all.length);
    }
    // el7 2×3×2×2×2 + el8 2×4×8 + el9 2×2×4×8 + el10 1×4×8
    expect(enumerateOptions('kernel-upgrade')).toHaveLength(48 + 64 + 128 + 32);
  });
});
