import { describe, expect, it } from 'vitest';
import { highlightShell } from '../../../src/lib/scripts/highlight';
import { completeOptions, generateScript } from '../../../src/lib/scripts';

describe('highlightShell', () => {
  it('tells comments, strings, variables, keywords and heredocs apart', () => {
    const tokens = highlightShell("# hi\nif [ \"$A\" = 'b' ]; then echo ${B}; fi\ncat <<'EOF'\nx=1 # not a comment\nEOF\n");
    const kinds = (kind: string) => tokens.filter((t) => t.kind === kind).map((t) => t.text);
    expect(kinds('comment')).toEqual(['# hi']);
    expect(kinds('string')).toEqual(['"$A"', "'b'", "'EOF'"]);
    expect(kinds('variable')).toEqual(['${B}']);
    expect(kinds('keyword')).toEqual(['if', 'then', 'fi', 'EOF']);
    expect(kinds('heredoc')).toEqual(['x=1 # not a comment']);
  });

  it('loses no character of a generated script', () => {
    const script = generateScript('kernel-upgrade', completeOptions({ release: 'el7', locale: 'zh-CN' }));
    expect(highlightShell(script).map((t) => t.text).join('')).toBe(script);
    expect(highlightShell('a # b').map((t) => t.text).join('')).toBe('a # b');
  });
});
