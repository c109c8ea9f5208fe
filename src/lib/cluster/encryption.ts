// Encryption at rest: kube-apiserver's EncryptionConfiguration (apiserver.config.k8s.io/v1), the same
// file on every control-plane node, or a Secret written by one API server cannot be read by another.
// secretbox (XSalsa20-Poly1305, a 32-byte key) rather than aescbc, which the Kubernetes docs call weak
// (padding oracle) and aesgcm, which needs a new key every 200k writes
// (https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/, "Providers").
// identity last, so that Secrets written before encryption was turned on stay readable.
import { base64Bytes, toYaml } from './yaml';

/** A fresh secretbox key from the CSPRNG, base64 as the configuration holds it. */
export function generateEncryptionKey(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return base64Bytes(random(new Uint8Array(32)));
}

export function encryptionConfigurationYaml(key: string): string {
  return toYaml({
    apiVersion: 'apiserver.config.k8s.io/v1',
    kind: 'EncryptionConfiguration',
    resources: [{
      resources: ['secrets'],
      providers: [{ secretbox: { keys: [{ name: 'key1', secret: key }] } }, { identity: {} }],
    }],
  });
}
