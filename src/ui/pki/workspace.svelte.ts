// The workspace screen's state. `pki` holds every input and persists (persisted() over
// workspace-persistence.ts, never a key); `session` holds what lives in this tab only: progress,
// results with their private keys, and an imported CA with its key.
import { asUserWork, beginUserWork } from '../common/user-work';
import { KubeprepError } from '../../lib/errors';
import {
  addRequest,
  checkPemSlot,
  duplicateRequest,
  freeRequestName,
  parseJsonObject,
  removeRequest,
  renameRequest,
  requestNameFromFileName,
  getField,
  type CertificateStatus,
  type GenerationResult,
} from '../../lib/workspace';
import type { CertInfo, CertificateAuthority, ExtensionText, IssuedCertificate, PkiChainProblem } from '../../lib/pki';
import { persisted } from '../common/persisted.svelte';
import { describeError } from '../common/describe-error';
import { downloadBlob } from '../common/download';
import { loadEngine, type Engine } from '../common/engine';
import { forgetPooledKeys, startKeysNow, takeKeys } from '../common/key-pool.svelte';
import type { KeyTaker } from '../../lib/pki/key-pool';
import { yieldIfDue } from '../../lib/next-task';
import { readTextFile } from '../common/read-file';
import { i18n, t } from '../common/i18n.svelte';
import { defaultPersisted, validatePersistedWorkspace, WORKSPACE_STORAGE_KEY } from './workspace-persistence';

/** Every input of the screen; changed in place (never replaced), so this stays the persisted object. */
export const pki = persisted(WORKSPACE_STORAGE_KEY, validatePersistedWorkspace, defaultPersisted).current;

// Errors are kept as errors and worded where they are shown, so a language switch rewords them too.
export interface Progress {
  status: CertificateStatus;
  error?: KubeprepError;
}

export interface ResultCard {
  name: string;
  profile: string;
  isCa: boolean;
  certPem?: string;
  csrPem?: string;
  /** Memory only; cleared by "forget keys". */
  keyPem?: string;
  csrJson: string;
  info?: CertInfo;
  /** Every extension as openssl x509 -text lists it (the certificate text). */
  extensions?: ExtensionText[];
  verification?: { ok: boolean; problems: PkiChainProblem[] };
  error?: KubeprepError;
}

export interface LoadedCa {
  authority: CertificateAuthority;
  info: CertInfo;
  extensions: ExtensionText[];
}

class PkiSession {
  generating = $state(false);
  progress = $state<Record<string, Progress>>({});
  cards = $state.raw<ResultCard[]>([]);
  caGenerated = $state(true);
  existingCa = $state.raw<LoadedCa | null>(null);
  keysForgotten = $state(false);
  /** The CA the last Generate made, with its key (memory only): "keep this CA" re-issues leaves under it. */
  generatedCa = $state.raw<{ authority: CertificateAuthority; card: ResultCard } | null>(null);
  keepCa = $state(false);
  /** The inputs the results were made from, to tell the user when they went stale. */
  generatedFrom = $state('');
  /** Of the last Generate's keys, how many the key pool had ready before the click. */
  keysTaken = $state<{ prepared: number; total: number } | null>(null);
}

export const session = new PkiSession();

export function inputsFingerprint(): string {
  return JSON.stringify([pki.workspace, pki.caMode]);
}

export function fileText(id: string): string {
  if (id === 'config') return pki.workspace.config;
  if (id === 'ca-csr') return pki.workspace.caCsr;
  return pki.workspace.requests.find((r) => r.id === id)?.json ?? '';
}

export function setFileText(id: string, text: string): void {
  if (id === 'config') pki.workspace.config = text;
  else if (id === 'ca-csr') pki.workspace.caCsr = text;
  else {
    const request = pki.workspace.requests.find((r) => r.id === id);
    if (request) request.json = text;
  }
}

export function fileName(id: string): string {
  if (id === 'config') return 'ca-config.json';
  if (id === 'ca-csr') return 'ca-csr.json';
  const request = pki.workspace.requests.find((r) => r.id === id);
  return request ? `${request.name}-csr.json` : '';
}

export function newRequest(): void {
  pki.selected = addRequest(pki.workspace).id;
}

export function duplicate(id: string): void {
  pki.selected = duplicateRequest(pki.workspace, id).id;
}

/** '' when renamed, else the message to show next to the name field. */
export function rename(id: string, name: string): string {
  try {
    renameRequest(pki.workspace, id, name.trim());
    return '';
  } catch (error) {
    return describeError(error);
  }
}

export function remove(id: string): void {
  removeRequest(pki.workspace, id);
  if (pki.selected === id) pki.selected = 'config';
}

export function resetToGuide(): void {
  Object.assign(pki, defaultPersisted());
  session.cards = [];
  session.progress = {};
  session.existingCa = null;
  session.generatedCa = null;
  session.keepCa = false;
  session.generatedFrom = '';
}

/** Imports cfssl JSON files: a `signing` object is ca-config.json, a `ca` object or ca-csr.json the CA request, anything else a request. */
export async function importJsonFiles(files: File[]): Promise<{ imported: string[]; errors: string[] }> {
  const imported: string[] = [];
  const errors: string[] = [];
  for (const file of files) {
    try {
      const text = await readTextFile(file);
      const object = parseJsonObject(text, file.name);
      if (getField(object, 'signing') !== undefined) pki.workspace.config = text;
      else if (getField(object, 'ca') !== undefined || /^ca[-_.]csr\.json$/i.test(file.name)) pki.workspace.caCsr = text;
      else if (getField(object, 'CN') !== undefined || getField(object, 'names') !== undefined || getField(object, 'hosts') !== undefined || getField(object, 'key') !== undefined) {
        const base = requestNameFromFileName(file.name);
        const existing = pki.workspace.requests.find((r) => r.name === base);
        if (existing) existing.json = text;
        else pki.selected = addRequest(pki.workspace, freeRequestName(pki.workspace, base), text).id;
      } else {
        throw new KubeprepError('workspace.import-unknown', { params: { file: file.name } });
      }
      imported.push(file.name);
    } catch (error) {
      errors.push(t('common.labelled', { label: file.name, value: describeError(error) }));
    }
  }
  return { imported, errors };
}

/** Loads an existing CA; returns per-slot messages ('' when fine). */
export async function loadExistingCa(certPem: string, keyPem: string): Promise<{ cert: string; key: string }> {
  const problems = { cert: '', key: '' };
  try {
    checkPemSlot(certPem, 'certificate', 'ca.pem');
  } catch (error) {
    problems.cert = describeError(error);
  }
  try {
    checkPemSlot(keyPem, 'private-key', 'ca-key.pem');
  } catch (error) {
    problems.key = describeError(error);
  }
  if (problems.cert || problems.key) return problems;
  try {
    const { certificateDetails, loadCertificateAuthority } = await loadEngine();
    const authority = await loadCertificateAuthority(certPem, keyPem);
    session.existingCa = { authority, ...(await certificateDetails(certPem)) };
    pki.caCertPem = certPem;
  } catch (error) {
    const message = describeError(error);
    // The engine names the CA's key `ca-key` in every error about it (unreadable, encrypted, unsupported, not the certificate's).
    if (error instanceof KubeprepError && error.field === 'ca-key') problems.key = message;
    else problems.cert = message;
  }
  return problems;
}

export async function generate(): Promise<void> {
  if (session.generating) return;
  const caMode = pki.caMode;
  const existing = session.existingCa;
  // Keeping the CA made before: it signs as an existing CA would, and stays the bundle's generated CA.
  const kept = caMode === 'generate' && session.keepCa ? session.generatedCa : null;
  const requests = pki.workspace.requests.map((r) => ({ name: r.name, json: r.json, profile: r.profile }));
  const snapshot = inputsFingerprint();
  const caJson = pki.workspace.caCsr;
  session.generating = true;
  session.keysForgotten = false;
  session.progress = Object.fromEntries(['ca', ...requests.map((r) => r.name)].map((name) => [name, { status: 'waiting' as CertificateStatus }]));
  let keys: KeyTaker | undefined;
  const ended = beginUserWork();
  try {
    const ca = kept
      ? { kind: 'existing' as const, authority: kept.authority }
      : caMode === 'existing' && existing ? { kind: 'existing' as const, authority: existing.authority } : { kind: 'generate' as const, csrJson: caJson };
    startKeysNow(); // keys are made while the engine loads, if it has not yet
    const engine = await loadEngine();
    keys = takeKeys();
    const result = await engine.generateWorkspace({ config: pki.workspace.config, ca, requests, keys: keys.take }, (name, status, error) => {
      session.progress[name] = { status, error };
    });
    session.keysTaken = { prepared: keys.prepared, total: keys.total };
    const cards = await resultCards(engine, result, requests, caJson, ca.kind === 'existing' && !kept ? existing : undefined);
    if (kept) cards[0] = kept.card;
    else if (result.ca.generated && result.ca.authority && cards[0]?.keyPem) session.generatedCa = { authority: result.ca.authority, card: cards[0] };
    session.cards = cards;
    session.caGenerated = kept !== null || result.ca.generated;
    session.generatedFrom = snapshot;
  } finally {
    keys?.release();
    ended();
    session.generating = false;
  }
}

// EXISTING: the imported CA, its details already decoded when it was loaded; no need to parse it again.
async function resultCards(
  engine: Engine,
  result: GenerationResult,
  requests: { name: string; json: string }[],
  caJson: string,
  existing?: LoadedCa | null,
): Promise<ResultCard[]> {
  const caPem = result.ca.issued?.certPem ?? result.ca.authority?.certPem;
  const caCard: ResultCard = { name: 'ca', profile: '', isCa: true, csrJson: caJson, error: result.ca.error };
  if (result.ca.issued) Object.assign(caCard, await describeIssued(engine, result.ca.issued, caPem));
  else if (caPem) Object.assign(caCard, { certPem: caPem, ...(existing ? { info: existing.info, extensions: existing.extensions } : await engine.certificateDetails(caPem)) });
  // One card after another, yielding between their steps: on the engine's first run, describing and
  // verifying the guide's three certificates at once held the main thread for 0.4 s.
  const leaves: ResultCard[] = [];
  for (const [i, outcome] of result.certificates.entries()) {
    const card: ResultCard = { name: outcome.name, profile: outcome.profile, isCa: false, csrJson: requests[i]?.json ?? '' };
    leaves.push(outcome.error ? { ...card, error: outcome.error } : { ...card, ...(await describeIssued(engine, outcome.issued!, caPem)) });
  }
  return [caCard, ...leaves];
}

async function describeIssued(engine: Engine, issued: IssuedCertificate, caPem: string | undefined): Promise<Partial<ResultCard>> {
  const keyPem = issued.keyPem ?? (issued.key ? await engine.exportPrivateKeyPem(issued.key) : undefined);
  await yieldIfDue();
  const { info, extensions } = await engine.certificateDetails(issued.certPem);
  await yieldIfDue();
  // The signing CA is the anchor, as `openssl verify -partial_chain -CAfile ca.pem`: a leaf of an imported
  // intermediate CA verifies without its root.
  const verification = caPem ? await engine.verifyChain(issued.certPem, [caPem], { partialChain: true }) : undefined;
  return { certPem: issued.certPem, csrPem: issued.csrPem, keyPem, info, extensions, verification };
}

/** Drops every private key this tab holds: the results' keys, an imported CA's key and the pooled keys. */
export function forgetKeys(): void {
  session.cards = session.cards.map((card) => ({ ...card, keyPem: undefined }));
  session.existingCa = null;
  session.generatedCa = null;
  session.keepCa = false;
  session.keysForgotten = true;
  session.keysTaken = null;
  forgetPooledKeys();
}

/**
 * What a download would hold: the leaves that were issued and those that failed. It is offered only
 * when the CA was made and something was issued (a workspace with no requests is just its CA).
 */
export function downloadable(cards: readonly ResultCard[] = session.cards): { offered: boolean; failed: string[] } {
  const [ca, ...leaves] = cards;
  const issued = leaves.filter((c) => c.certPem);
  const failed = leaves.filter((c) => !c.certPem).map((c) => c.name);
  return { offered: ca?.certPem !== undefined && (issued.length > 0 || leaves.length === 0), failed };
}

/** The zip of the results; with a passphrase, every key file in it is encrypted (loads the engine). */
export function downloadZip(passphrase = ''): Promise<void> {
  return asUserWork(() => zipAndDownload(passphrase));
}

async function zipAndDownload(passphrase: string): Promise<void> {
  const [ca, ...leaves] = session.cards;
  if (!ca?.certPem || !downloadable().offered) return;
  // The zip's layout, README and node scripts are fetched with the first download, not with the screen.
  const [{ cfsslBundleFiles }, { selectedScripts }, { zipBundleFiles }] = await Promise.all([
    import('../../lib/bundle/cfssl-bundle'),
    import('./selected-scripts'),
    import('../../lib/bundle/zip'),
  ]);
  const files = cfsslBundleFiles({
    locale: i18n.locale,
    configJson: pki.workspace.config,
    ca: session.caGenerated
      ? { certPem: ca.certPem, keyPem: ca.keyPem, csrPem: ca.csrPem, csrJson: ca.csrJson, generated: true }
      : { certPem: ca.certPem, generated: false },
    certificates: leaves
      .filter((c) => c.certPem)
      .map((c) => ({ name: c.name, profile: c.profile, certPem: c.certPem!, csrPem: c.csrPem, keyPem: c.keyPem, csrJson: c.csrJson, serverAuth: c.info?.ext_key_usages.includes('server auth') ?? true })),
    failed: leaves
      .filter((c) => !c.certPem)
      .map((c) => ({ name: c.name, profile: c.profile, csrJson: c.csrJson, reason: c.error ? describeError(c.error) : t('workspace.result.not-issued') })),
    scripts: selectedScripts(),
  });
  const zip = await zipBundleFiles(passphrase ? await (await loadEngine()).encryptBundleKeys(files, passphrase, { locale: i18n.locale, readme: 'README.md' }) : files);
  downloadBlob('kubeprep-pki.zip', zip, 'application/zip');
}
