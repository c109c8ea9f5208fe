// The cfssl bundle: the files `cfssl gencert ... | cfssljson -bare NAME` leaves on disk (NAME.pem,
// NAME-key.pem, NAME.csr; docs/cfssl-compatibility.md), the JSON inputs that made them, a README and verify.sh, and the
// node scripts ticked on the scripts screen. Keys get mode 0600 like cfssljson writes them.
import type { Locale } from '../i18n';
import { bareFileNames } from '../pki/cfssljson';
import { requestFileName } from '../workspace/model';
import { cfsslReadme } from './cfssl-readme';
import { verifyScript } from './verify-script';
import { EXECUTABLE, PUBLIC, SECRET, zipBundleFiles, type BundleFile } from './zip';

export type { BundleFile } from './zip';

export interface BundleCertificate {
  name: string;
  profile: string;
  certPem: string;
  csrPem?: string;
  /** Absent after "forget keys". */
  keyPem?: string;
  /** The request's JSON as typed (NAME-csr.json). */
  csrJson: string;
  /** Whether it is a server certificate (server auth): only then does a missing SAN matter to verify.sh. */
  serverAuth: boolean;
}

/** A request Generate could not sign: its JSON still goes in, and README.md and verify.sh say why it is missing. */
export interface FailedCertificate {
  name: string;
  profile: string;
  csrJson: string;
  /** Why, in the bundle's language (the words the app showed). */
  reason: string;
}

export interface CfsslBundleInput {
  locale: Locale;
  configJson: string;
  ca: { certPem: string; keyPem?: string; csrPem?: string; csrJson?: string; generated: boolean };
  certificates: BundleCertificate[];
  failed?: FailedCertificate[];
  /** Scripts chosen on the Node scripts screen; written under scripts/. */
  scripts?: { name: string; content: string }[];
}

export function cfsslBundleFiles(input: CfsslBundleInput): BundleFile[] {
  const files: BundleFile[] = [];
  const add = (path: string, content: string | undefined, mode = PUBLIC) => {
    if (content !== undefined) files.push({ path, content, mode });
  };
  add('ca-config.json', input.configJson);
  const ca = bareFileNames('ca');
  add(requestFileName('ca'), input.ca.csrJson);
  add(ca.cert, input.ca.certPem);
  add(ca.key, input.ca.keyPem, SECRET);
  add(ca.csr, input.ca.csrPem);
  for (const cert of input.certificates) {
    const names = bareFileNames(cert.name);
    add(requestFileName(cert.name), cert.csrJson);
    add(names.cert, cert.certPem);
    add(names.key, cert.keyPem, SECRET);
    add(names.csr, cert.csrPem);
  }
  const failed = input.failed ?? [];
  for (const cert of failed) add(requestFileName(cert.name), cert.csrJson);
  const scripts = input.scripts ?? [];
  for (const script of scripts) add(`scripts/${safeFileName(script.name)}`, script.content, EXECUTABLE);
  add('verify.sh', verifyScript(input.certificates.map(({ name, serverAuth }) => ({ name, serverAuth })), input.locale, failed), EXECUTABLE);
  add(
    'README.md',
    cfsslReadme({
      locale: input.locale,
      certificates: input.certificates.map(({ name, profile }) => ({ name, profile })),
      failed: failed.map(({ name, profile, reason }) => ({ name, profile, reason })),
      caGenerated: input.ca.generated,
      scripts: scripts.map((s) => s.name),
    }),
  );
  return files;
}

export async function buildCfsslBundle(input: CfsslBundleInput, now = new Date()): Promise<Uint8Array> {
  return zipBundleFiles(cfsslBundleFiles(input), now);
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'script.sh';
}
