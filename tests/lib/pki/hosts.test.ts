import { describe, expect, it } from 'vitest';
import { classifyHost, classifyHosts } from '../../../src/lib/pki';

describe('classifyHost (cfssl order IP -> email -> URI -> DNS)', () => {
  it.each([
    ['127.0.0.1', 'ip', '127.0.0.1'],
    ['::1', 'ip', '::1'],
    ['ops@example.com', 'email', 'ops@example.com'],
    ['Ops <ops@x.io>', 'email', 'ops@x.io'],
    ['spiffe://cluster.local/ns/default/sa/x', 'uri', 'spiffe://cluster.local/ns/default/sa/x'],
    ['https://example.com/a', 'uri', 'https://example.com/a'],
    ['urn:a:b', 'uri', 'urn:a:b'],
    ['/just/a/path', 'uri', '/just/a/path'],
    ['localhost:8080', 'uri', 'localhost:8080'],
    ['kubernetes.default:443', 'uri', 'kubernetes.default:443'],
    ['10.0.0.1:80', 'dns', '10.0.0.1:80'],
    ['localhost', 'dns', 'localhost'],
    ['*.example.com', 'dns', '*.example.com'],
    ['_svc', 'dns', '_svc'],
    ['', 'dns', ''],
    ['kubernetes.default.svc.cluster.local', 'dns', 'kubernetes.default.svc.cluster.local'],
    ['10.0.0.0/8', 'dns', '10.0.0.0/8'],
    ['user@host:8080', 'dns', 'user@host:8080'],
    ['http://bad host/', 'dns', 'http://bad host/'],
  ])('%j is %s', (host, kind, value) => {
    expect(classifyHost(host)).toEqual({ kind, value });
  });

  it('treats URIs as DNS names when URI SANs are off (cfssl 1.2)', () => {
    expect(classifyHost('spiffe://a/b', { uriSans: false }).kind).toBe('dns');
  });
});

describe('classifyHosts', () => {
  it('groups by kind and keeps input order inside each group', () => {
    const hosts = ['10.0.0.2', 'b.example', 'spiffe://x/y', 'a@b.c', 'a.example', '10.0.0.1', 'localhost'];
    expect(classifyHosts(hosts)).toEqual({
      dns: ['b.example', 'a.example', 'localhost'],
      emails: ['a@b.c'],
      ips: ['10.0.0.2', '10.0.0.1'],
      uris: ['spiffe://x/y'],
    });
  });
});
