// Every refusal of the script generators and of `kubeprep script` is a KubeprepError whose code is
// listed here once; each has its words in src/lib/i18n/messages/scripts.ts (`error.<code>`). Flags the
// command does not know are the command line's own refusals (cli.* in src/lib/errors.ts).
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
] as const;
export type ScriptsErrorCode = (typeof SCRIPTS_ERROR_CODES)[number];
