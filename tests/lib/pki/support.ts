// Helpers for the PKI unit tests: catch an error and hand it back for code/field assertions.
import { KubeprepError } from '../../../src/lib/errors';

export function caught(run: () => unknown): KubeprepError {
  try {
    run();
  } catch (error) {
    if (error instanceof KubeprepError) return error;
    throw error;
  }
  throw new Error('expected a KubeprepError, nothing was thrown');
}

export async function caughtAsync(run: () => Promise<unknown>): Promise<KubeprepError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof KubeprepError) return error;
    throw error;
  }
  throw new Error('expected a KubeprepError, nothing was thrown');
}

/**
 * Go's encoding/json wording (scanner.go) for a pki.json-syntax error, rebuilt from its coded reason: the
 * engine names the same case Go does, so each case maps back to Go's exact sentence.
 */
export function goJsonSyntaxWords(error: KubeprepError): string {
  const reason = error.params.reason as { key: string; params?: { char?: string; context?: { key: string; params?: Record<string, string> } } };
  if (reason.key === 'pki.json.end') return 'unexpected end of JSON input';
  const context = reason.params!.context!;
  const go: Record<string, string> = {
    'pki.json.context.after-top-level': 'after top-level value',
    'pki.json.context.value': 'looking for beginning of value',
    'pki.json.context.key': 'looking for beginning of object key string',
    'pki.json.context.after-key': 'after object key',
    'pki.json.context.after-pair': 'after object key:value pair',
    'pki.json.context.after-element': 'after array element',
    'pki.json.context.string': 'in string literal',
    'pki.json.context.unicode-escape': 'in \\u hexadecimal character escape',
    'pki.json.context.escape': 'in string escape code',
    'pki.json.context.number': 'in numeric literal',
    'pki.json.context.literal': `in literal ${context.params?.word} (expecting ${context.params?.expected})`,
  };
  return `invalid character ${reason.params!.char} ${go[context.key]}`;
}
