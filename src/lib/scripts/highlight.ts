// A tiny bash highlighter for the preview: enough to tell comments, strings, variables and keywords
// apart in the scripts this module generates. Not a parser; unknown text stays plain.

export type TokenKind = 'plain' | 'comment' | 'string' | 'variable' | 'keyword' | 'heredoc';

export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'do', 'done', 'case', 'esac', 'while', 'local', 'return', 'exit', 'set']);

/** Lexes one line outside a heredoc. `#` starts a comment only at a word start. */
function lexLine(line: string, push: (kind: TokenKind, text: string) => void): void {
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    const atWordStart = i === 0 || /[\s;(|&]/.test(line[i - 1]!);
    if (c === '#' && atWordStart) {
      push('comment', line.slice(i));
      return;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end === -1 ? line.length : end + 1;
      push('string', line.slice(i, stop));
      i = stop;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      push('string', line.slice(i, Math.min(j + 1, line.length)));
      i = j + 1;
      continue;
    }
    if (c === '$') {
      const match = /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|[0-9?#@*$!-])/.exec(line.slice(i));
      if (match) {
        push('variable', match[0]);
        i += match[0].length;
        continue;
      }
    }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(line.slice(i));
    if (word && atWordStart) {
      const next = line[i + word[0].length];
      push(KEYWORDS.has(word[0]) && (next === undefined || /[\s;]/.test(next)) ? 'keyword' : 'plain', word[0]);
      i += word[0].length;
      continue;
    }
    push('plain', c);
    i++;
  }
}

/** Tokens for a whole script; adjacent tokens of one kind are merged to keep the DOM small. */
export function highlightShell(source: string): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === kind) last.text += text;
    else tokens.push({ kind, text });
  };
  let heredocEnd: string | null = null;
  for (const line of source.split('\n')) {
    if (heredocEnd !== null) {
      push(line === heredocEnd ? 'keyword' : 'heredoc', line);
      if (line === heredocEnd) heredocEnd = null;
    } else {
      lexLine(line, push);
      const start = /<<-?\s*'?([A-Za-z_]+)'?\s*$/.exec(line);
      if (start) heredocEnd = start[1]!;
    }
    push('plain', '\n');
  }
  // Every line got a '\n' above; the last line of the source has none.
  const last = tokens[tokens.length - 1]!;
  last.text = last.text.slice(0, -1);
  return last.text === '' ? tokens.slice(0, -1) : tokens;
}
