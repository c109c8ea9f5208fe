// Generating the whole workspace: every key at once (Promise.all over WebCrypto generateKey, which runs
// off the main thread in browsers, so the page stays responsive without a Web Worker), then the CA, then
// every leaf. A failure belongs to one certificate: the others are still issued.
import { asKubeprepError, KubeprepError } from '../errors';
import { errorRef } from '../i18n/describe';
import {
  caFromIssued,
  generateCertificate,
  generateKeyPair,
  initCa,
  parseConfigJson,
  parseCsrJson,
  type CertificateAuthority,
  type CsrSpec,
  type IssuedCertificate,
  type KeyPair,
  type SigningConfig,
} from '../pki';
import type { KeySource } from '../pki/keygen';
import { nextTask } from '../next-task';

export type CertificateStatus = 'waiting' | 'generating-key' | 'signing' | 'done' | 'failed';

export interface GenerationRequest {
  name: string;
  json: string;
  profile: string;
}

export type CaSource = { kind: 'generate'; csrJson: string } | { kind: 'existing'; authority: CertificateAuthority };

export interface GenerationInput {
  config: string;
  ca: CaSource;
  requests: GenerationRequest[];
  now?: Date;
  /** Where the keys come from (a pool of keys made while the user edited); new WebCrypto keys by default. */
  keys?: KeySource;
}

export interface CertificateOutcome {
  name: string;
  profile: string;
  issued?: IssuedCertificate;
  error?: KubeprepError;
}

export interface GenerationResult {
  /** The CA's own outcome; `issued` only when it was generated here. */
  ca: CertificateOutcome & { authority?: CertificateAuthority; generated: boolean };
  certificates: CertificateOutcome[];
}

export type ProgressListener = (name: string, status: CertificateStatus, error?: KubeprepError) => void;

const CA_NAME = 'ca';

export async function generateWorkspace(input: GenerationInput, onProgress: ProgressListener = () => {}): Promise<GenerationResult> {
  const config = attempt(() => parseConfigJson(input.config).config);
  const caSpec = input.ca.kind === 'generate' ? attempt(() => parseCsrJson((input.ca as { csrJson: string }).csrJson, { initca: true })) : undefined;
  const leafSpecs = input.requests.map((r) => attempt(() => parseCsrJson(r.json)));

  const keys = input.keys ?? generateKeyPair;
  const caKey = caSpec ? keyFor(CA_NAME, caSpec, keys, onProgress) : Promise.resolve(undefined);
  const leafKeys = input.requests.map((r, i) => keyFor(r.name, leafSpecs[i]!, keys, onProgress));
  const [caKeyPair, ...leafKeyPairs] = await Promise.all([caKey, ...leafKeys]);

  const ca = await settleCa(input, caSpec, caKeyPair, onProgress);
  const certificates = await Promise.all(
    input.requests.map((request, i) =>
      signLeaf(request, leafSpecs[i]!, leafKeyPairs[i], config, ca.authority, ca.error, input.now, onProgress),
    ),
  );
  return { ca, certificates };
}

type Attempt<T> = { value: T; error?: undefined } | { value?: undefined; error: KubeprepError };

function attempt<T>(run: () => T): Attempt<T> {
  try {
    return { value: run() };
  } catch (error) {
    return { error: asKubeprepError(error) };
  }
}

async function keyFor(name: string, spec: Attempt<CsrSpec>, keys: KeySource, onProgress: ProgressListener): Promise<Attempt<KeyPair> | undefined> {
  if (spec.error) return undefined;
  onProgress(name, 'generating-key');
  try {
    const key = await keys(spec.value.key);
    onProgress(name, 'signing');
    return { value: key };
  } catch (error) {
    return { error: asKubeprepError(error) };
  }
}

async function settleCa(
  input: GenerationInput,
  spec: Attempt<CsrSpec> | undefined,
  key: Attempt<KeyPair> | undefined,
  onProgress: ProgressListener,
): Promise<GenerationResult['ca']> {
  if (input.ca.kind === 'existing') {
    onProgress(CA_NAME, 'done');
    return { name: CA_NAME, profile: '', authority: input.ca.authority, generated: false };
  }
  const error = spec?.error ?? key?.error;
  if (error || !spec?.value || !key?.value) return failed(CA_NAME, '', error ?? missingStep(), onProgress, { generated: true });
  try {
    const issued = await initCa(spec.value, { key: key.value, now: input.now });
    const authority = await caFromIssued(issued);
    onProgress(CA_NAME, 'done');
    return { name: CA_NAME, profile: '', issued, authority, generated: true };
  } catch (caught) {
    return failed(CA_NAME, '', asKubeprepError(caught), onProgress, { generated: true });
  }
}

async function signLeaf(
  request: GenerationRequest,
  spec: Attempt<CsrSpec>,
  key: Attempt<KeyPair> | undefined,
  config: Attempt<SigningConfig>,
  authority: CertificateAuthority | undefined,
  caError: KubeprepError | undefined,
  now: Date | undefined,
  onProgress: ProgressListener,
): Promise<CertificateOutcome> {
  const { name, profile } = request;
  const error = spec.error ?? key?.error ?? config.error;
  if (error) return failed(name, profile, error, onProgress);
  if (!authority || !key || !spec.value || !config.value) {
    const reason = caError ? errorRef(caError) : '';
    return failed(name, profile, new KubeprepError('workspace.no-ca', { params: { name, reason } }), onProgress);
  }
  try {
    await nextTask(); // each leaf's signing in its own task, not all of them in one
    const issued = await generateCertificate(spec.value, authority, config.value, { profile: profile || undefined, key: key.value, now });
    onProgress(name, 'done');
    return { name, profile, issued };
  } catch (caught) {
    return failed(name, profile, asKubeprepError(caught), onProgress);
  }
}

function failed<T extends object>(
  name: string,
  profile: string,
  error: KubeprepError,
  onProgress: ProgressListener,
  extra?: T,
): CertificateOutcome & T {
  onProgress(name, 'failed', error);
  return { name, profile, error, ...(extra as T) };
}

/** A CA step that produced neither a key nor an error: a bug, reported as such. */
function missingStep(): KubeprepError {
  return new KubeprepError('common.internal', { params: { detail: 'initca' } });
}
