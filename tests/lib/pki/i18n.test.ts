import { describe, expect, it } from 'vitest';
import { dictionary } from '../../../src/lib/i18n';
import { PKI_CHAIN_PROBLEMS, PKI_ERROR_CODES, PKI_WARNING_CODES } from '../../../src/lib/pki';

describe('pki i18n', () => {
  it('has en and zh-CN words for every error, warning and chain problem code', () => {
    const en = dictionary('en');
    const zh = dictionary('zh-CN');
    for (const code of [...PKI_ERROR_CODES, ...PKI_WARNING_CODES, ...PKI_CHAIN_PROBLEMS]) {
      expect(en[`error.${code}`], code).toBeTruthy();
      expect(zh[`error.${code}`], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
