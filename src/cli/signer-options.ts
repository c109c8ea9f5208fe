// What `gencert` and `sign` both read from their flags before signing: the -config policy and the
// -ca/-ca-key pair. One place, so both commands fail with the same words.
import { KubeprepError } from '../lib/errors';
import { checkNameWhitelists, defaultSigningConfig, loadCertificateAuthority, parseConfigJson, resolveProfile, type CertificateAuthority, type SigningConfig } from '../lib/pki';
import { readTextInput } from './io';
import { printWarnings, reportError } from './report';

/**
 * -config read and checked (its warnings printed), or cfssl's default policy without it. A bad file is
 * reported here under cfssl's "Failed to load config file" and comes back as the exit status.
 */
export async function loadSigningConfig(path: string | undefined): Promise<{ config: SigningConfig } | { exitCode: number }> {
  if (path === undefined) return { config: defaultSigningConfig() };
  try {
    const loaded = parseConfigJson(await readTextInput(path));
    checkNameWhitelists(loaded.config);
    printWarnings(loaded.warnings);
    return { config: loaded.config };
  } catch (error) {
    return { exitCode: reportError(error, 'cli.config-failed') };
  }
}

export interface CaFiles {
  cert: string;
  key: string;
}

/** Signing needs both -ca and -ca-key; ALLOWED lists the flags the command accepts instead. */
export function requireCaFiles(values: Readonly<Record<string, string>>, allowed: string): CaFiles {
  const cert = values.ca;
  const key = values['ca-key'];
  if (cert === undefined || key === undefined) {
    throw new KubeprepError('pki.missing-ca', { field: cert === undefined ? '-ca' : '-ca-key', allowed });
  }
  return { cert, key };
}

export async function loadCaFiles(files: CaFiles): Promise<CertificateAuthority> {
  return loadCertificateAuthority(await readTextInput(files.cert), await readTextInput(files.key));
}

/** Resolves -profile up front so the fallback warning is printed even when signing then fails. */
export function chooseProfile(config: SigningConfig, name: string | undefined): string {
  const resolved = resolveProfile(config, name);
  printWarnings(resolved.warnings);
  return resolved.name;
}
