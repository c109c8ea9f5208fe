// The one private-key filter (src/lib/workspace/private-keys.ts) against every form a private key takes
// when people paste it: each label kubeprep, cfssl and OpenSSL write, encrypted PKCS#8 and traditional
// encrypted PEM, DER in bare base64, a kubeconfig's client-key-data, a JWK. Node's crypto writes the keys
// here (it is OpenSSL underneath); tests/interop/private-key-filter.test.ts adds the openssl command's.
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { containsPrivateKey, storableText, withoutPrivateKeys, withoutPrivateKeysIn } from '../../../src/lib/workspace/private-keys';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUBvZ5Q2cIYnJ1ZXRlc3RjZXJ0aWZpY2F0ZTAKBggqhkjOPQQDAjAT\n-----END CERTIFICATE-----\n';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');

function base64Der(key: KeyObject, type: 'pkcs1' | 'pkcs8' | 'sec1'): string {
  return (key.export({ format: 'der', type }) as Buffer).toString('base64');
}

function wrap(base64: string, width = 64): string {
  return base64.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n');
}

/** Every secret a user could paste, with a name for the failure message. */
const SECRETS: Record<string, string> = {
  'RSA PKCS#1 PEM': rsa.privateKey.export({ format: 'pem', type: 'pkcs1' }) as string,
  'RSA PKCS#8 PEM': rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  'EC SEC1 PEM': ec.privateKey.export({ format: 'pem', type: 'sec1' }) as string,
  'EC PKCS#8 PEM': ec.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  'Ed25519 PKCS#8 PEM': ed.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  "Ed25519 with cfssl 1.6's label": (ed.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string).replace(/PRIVATE KEY/g, 'Ed25519 PRIVATE KEY'),
  'Ed25519 upper-case label': (ed.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string).replace(/PRIVATE KEY/g, 'ED25519 PRIVATE KEY'),
  'encrypted PKCS#8 PEM': rsa.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string,
  'traditional encrypted PEM (Proc-Type)': rsa.privateKey.export({ format: 'pem', type: 'pkcs1', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string,
  'EC traditional encrypted PEM': ec.privateKey.export({ format: 'pem', type: 'sec1', cipher: 'aes-128-cbc', passphrase: 'secret' }) as string,
  'CRLF line ends': (rsa.privateKey.export({ format: 'pem', type: 'pkcs1' }) as string).replace(/\n/g, '\r\n'),
  'no END line': (ec.privateKey.export({ format: 'pem', type: 'sec1' }) as string).split('-----END')[0]!,
  'OPENSSH label': '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n',
  'RSA PKCS#1 DER, bare base64': wrap(base64Der(rsa.privateKey, 'pkcs1')),
  'RSA PKCS#8 DER, one line': base64Der(rsa.privateKey, 'pkcs8'),
  'EC SEC1 DER, bare base64': base64Der(ec.privateKey, 'sec1'),
  'Ed25519 PKCS#8 DER, bare base64': base64Der(ed.privateKey, 'pkcs8'),
  'encrypted PKCS#8 DER, bare base64': (rsa.privateKey.export({ format: 'der', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'x' }) as Buffer).toString('base64'),
  'bare OpenSSH key body': 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACD',
  'kubeconfig client-key-data': `users:\n- name: admin\n  user:\n    client-key-data: ${Buffer.from(rsa.privateKey.export({ format: 'pem', type: 'pkcs1' }) as string).toString('base64')}\n`,
  'kubeconfig client-key-data, quoted': `    client-key-data: "${Buffer.from(ec.privateKey.export({ format: 'pem', type: 'sec1' }) as string).toString('base64')}"\n`,
};

/** A fragment that proves some of the key survived: a long slice from the middle of its secret part. */
function telltale(secret: string): string {
  const body = secret.replace(/-{3,}[^\n]*-{3,}|Proc-Type:[^\n]*|DEK-Info:[^\n]*|client-key-data:|users:|- name: admin|user:/g, '').replace(/[\s"]/g, '');
  return body.slice(Math.floor(body.length / 2), Math.floor(body.length / 2) + 24);
}

describe('private key filter', () => {
  for (const [name, secret] of Object.entries(SECRETS)) {
    it(`removes ${name}, and keeps the text around it`, () => {
      const text = `before\n${CERT}${secret}\nafter\n`;
      expect(containsPrivateKey(text)).toBe(true);
      const kept = withoutPrivateKeys(text);
      expect(kept).not.toContain(telltale(secret));
      expect(kept).not.toMatch(/PRIVATE/i);
      expect(kept).toContain(CERT);
      expect(kept.startsWith('before\n')).toBe(true);
      // A block without its END line runs to the end of the text: nothing after it can be told apart.
      if (name !== 'no END line') expect(kept.trimEnd().endsWith('after')).toBe(true);
    });
  }

  it('removes the private members of a JSON Web Key, in text and in values, and keeps the public ones', () => {
    const jwk = rsa.privateKey.export({ format: 'jwk' }) as Record<string, string>;
    const text = JSON.stringify(jwk, null, 2);
    const kept = JSON.parse(withoutPrivateKeys(text)) as Record<string, string>;
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(kept[member]).toBe('');
    expect(kept.n).toBe(jwk.n);
    const value = withoutPrivateKeysIn({ keys: [jwk, ed.privateKey.export({ format: 'jwk' })] });
    expect(JSON.stringify(value)).not.toContain(jwk.d);
    expect(value.keys[0]).toMatchObject({ kty: 'RSA', n: jwk.n, e: jwk.e });
    expect(value.keys[1]).not.toHaveProperty('d');
  });

  it('leaves certificates, CSRs, public keys, JSON and ordinary text alone', () => {
    const publicPem = rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const publicPkcs1 = rsa.publicKey.export({ format: 'pem', type: 'pkcs1' }) as string;
    const publicDer = (ec.publicKey.export({ format: 'der', type: 'spki' }) as Buffer).toString('base64');
    const json = '{"CN": "etcd", "hosts": ["10.0.0.1"], "key": {"algo": "rsa", "size": 2048}}';
    for (const text of [CERT, publicPem, publicPkcs1, publicDer, json, 'a'.repeat(500), 'Z'.repeat(10_000)]) {
      expect(withoutPrivateKeys(text)).toBe(text);
      expect(containsPrivateKey(text)).toBe(false);
    }
  });

  it('filters JSON value by value, whatever the escaping, and keeps the JSON valid', () => {
    const key = SECRETS["Ed25519 with cfssl 1.6's label"]!;
    const workspace = { caCertPem: CERT + key, requests: [{ json: `{"CN": "a", "note": ${JSON.stringify(key)}}` }] };
    const stored = storableText(JSON.stringify(workspace));
    expect(stored).not.toMatch(/PRIVATE/i);
    expect(stored).not.toContain(telltale(key));
    const back = JSON.parse(stored) as typeof workspace;
    expect(back.caCertPem).toBe(CERT);
    expect(JSON.parse(back.requests[0]!.json)).toEqual({ CN: 'a', note: '' });
    expect(storableText('not json { ' + key)).toBe('not json { ');
  });

  it('takes linear time on hostile text', () => {
    // Patterns that make a backtracking matcher quadratic: a BEGIN line without its dashes, many
    // unterminated BEGIN lines, one enormous base64 run. Counted, not timed: each must still finish
    // with the right result (a quadratic pass over 1 MB would not return within the test timeout).
    const longLine = '-----BEGIN PRIVATE' + ' '.repeat(200_000);
    expect(withoutPrivateKeys(longLine)).toBe(longLine);
    const manyBegins = '-----BEGIN X-----\n'.repeat(20_000);
    expect(withoutPrivateKeys(manyBegins)).toBe(manyBegins);
    const bigRun = 'QUJD'.repeat(250_000);
    expect(withoutPrivateKeys(bigRun)).toBe(bigRun);
  });
});
