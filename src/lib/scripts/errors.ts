// Every refusal of the script generators and of `kubeprep script` is a KubeprepError whose code is
// listed here once, so the i18n table (src/lib/i18n/messages/scripts.ts, `error.<code>`) and its test
// can check that each one has words in both languages.
export const SCRIPTS_ERROR_CODES = [
  'scripts.invalid-value',
  'scripts.unsupported-arch',
  'scripts.unsupported-kernel',
  'scripts.unsupported-mirror',
  'scripts.unsupported-proxy-mode',
  'scripts.unsupported-cgroup',
  'scripts.unsupported-kubernetes-version',
  'scripts.unsupported-script',
  'scripts.invalid-port',
  'scripts.invalid-image-repository',
  'scripts.invalid-hostname',
  'scripts.invalid-hosts-entry',
  'scripts.unknown-script',
  'scripts.unknown-flag',
  'scripts.missing-value',
] as const;
export type ScriptsErrorCode = (typeof SCRIPTS_ERROR_CODES)[number];
