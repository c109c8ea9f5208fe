// Every refusal of the workspace (the Certificates screen's files) is a KubeprepError whose code is
// listed here once, and every lint finding a Warning with a code from the second list; each has its
// words in src/lib/i18n/messages/workspace.ts (`error.<code>`; `warning.<code>` with `.why` and `.fix`).
export const WORKSPACE_ERROR_CODES = [
  'workspace.not-an-object',
  'workspace.name-invalid',
  'workspace.name-taken',
  'workspace.name-windows-device',
  'workspace.unknown-request',
  'workspace.import-unknown',
  'workspace.not-pem',
  'workspace.wrong-pem',
  'workspace.no-ca',
] as const;
export type WorkspaceErrorCode = (typeof WORKSPACE_ERROR_CODES)[number];

export const WORKSPACE_WARNING_CODES = [
  'workspace.server-auth-without-hosts',
  'workspace.rsa-too-weak',
  'workspace.leaf-outlives-ca',
  'workspace.unknown-usage',
  'workspace.unknown-profile',
  'workspace.profile-signs-nothing',
  'workspace.invalid-dns-host',
  'workspace.expiry-over-10-years',
  'workspace.ca-not-ca',
  'workspace.ca-expired',
  'workspace.ca-weak',
] as const;
export type WorkspaceWarningCode = (typeof WORKSPACE_WARNING_CODES)[number];
