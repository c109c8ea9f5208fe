// The renewal zip: every file that was read, at its path, the renewed ones changed and the rest byte for
// byte as they were, plus kubeprep-renewal/ (README.md, verify.sh and the CA certificates it checks
// against). Keys and kubeconfigs are 0600 (or the mode the archive gave them).
import type { Locale } from '../i18n';
import { EXECUTABLE, PUBLIC, SECRET, type BinaryBundleFile, type BundleFile } from '../bundle/zip';
import type { Analysis } from './analyze';
import { renewalReadme } from './readme';
import type { RenewalResult } from './renew';
import { restartPlan } from './restarts';
import { issuerFiles, RENEWAL_DIR, renewalVerifyScript } from './verify-script';

export interface RenewalBundleOptions {
  locale: Locale;
  expiry: string;
  rotateKeys: boolean;
  now: Date;
}

export function renewalBundleFiles(analysis: Analysis, result: RenewalResult, options: RenewalBundleOptions): (BundleFile | BinaryBundleFile)[] {
  const secret = new Set(analysis.files.filter((f) => f.format === 'kubeconfig' || f.items.some((i) => /PRIVATE KEY$/.test(i.label))).map((f) => f.path));
  const files: (BundleFile | BinaryBundleFile)[] = analysis.inputs.map((input) => ({
    path: input.path,
    content: result.changed.get(input.path) ?? input.bytes,
    mode: secret.has(input.path) ? SECRET : (input.mode ?? PUBLIC) & 0o777 || PUBLIC,
  }));
  const plan = restartPlan(result.renewed, analysis.inputs.map((f) => f.path));
  files.push({ path: `${RENEWAL_DIR}/README.md`, content: renewalReadme({ ...options, renewed: result.renewed, problems: result.problems, plan }), mode: PUBLIC });
  files.push({ path: `${RENEWAL_DIR}/verify.sh`, content: renewalVerifyScript(result.renewed, options.locale), mode: EXECUTABLE });
  for (const [pem, path] of issuerFiles(result.renewed)) files.push({ path, content: pem, mode: PUBLIC });
  return files;
}
