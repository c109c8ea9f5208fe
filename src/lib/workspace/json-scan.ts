// Finds where JSON text stops being valid (RFC 8259 grammar). Browsers word JSON.parse errors differently
// and current V8 often gives no position at all ("Unexpected token '}', ... is not valid JSON"), so the
// line and column shown in the editor come from this scanner, the same in every browser and in Node.

export interface JsonProblem {
  offset: number;
  /** English, short: `unexpected "}"`, `unexpected end of input`. */
  detail: string;
}

/** The first syntax problem in TEXT, or null when TEXT is valid JSON. */
export function findJsonProblem(text: string): JsonProblem | null {
  let i = 0;
  const fail = (detail?: string): never => {
    throw { offset: i, detail: detail ?? (i >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`) };
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const code = text.charCodeAt(i);
      if (code < 0x20) fail('control character in string');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('bad \\u escape');
          i += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail('bad escape');
      }
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match || match[0] === '' || match[0] === '-') fail();
    i += match![0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') return object();
    if (ch === '[') return array();
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    fail();
  };
  const object = () => {
    i++;
    ws();
    if (text[i] === '}') return void i++;
    for (;;) {
      ws();
      if (text[i] !== '"') fail(text[i] === '}' ? 'trailing comma' : undefined);
      string();
      ws();
      if (text[i] !== ':') fail();
      i++;
      value();
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === '}') return void i++;
      else fail();
    }
  };
  const array = () => {
    i++;
    ws();
    if (text[i] === ']') return void i++;
    for (;;) {
      ws();
      if (text[i] === ']') fail('trailing comma');
      value();
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === ']') return void i++;
      else fail();
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (problem) {
    return problem as JsonProblem;
  }
}
