// The Expiry and renewal screen's state. The files read (and the renewal made from them) live in this
// tab's memory only: binary content never reaches a text area or storage. Only the renewal options
// (days, validity, keep or rotate keys) are saved across reloads. The screen is fetched after the engine
// (screens.ts): everything that needs the library goes through loadedEngine().
import { asUserWork, beginUserWork } from '../common/user-work';
import type { InventoryFile, InventoryProblem, SourceEntry } from '../../lib/inventory';
import type { Analysis, RenewalResult, ReportRow } from '../../lib/renewal';
import { zipBundleFiles } from '../../lib/bundle/zip';
import { loadedEngine } from '../common/engine';
import { describeError } from '../common/describe-error';
import { downloadBlob } from '../common/download';
import { i18n } from '../common/i18n.svelte';
import { persisted } from '../common/persisted.svelte';

export interface RenewalSettings {
  /** Absent until chosen: the engine's RENEW_WITHIN_DAYS then. */
  days?: number;
  expiry: string;
  rotateKeys: boolean;
}

const SETTINGS_KEY = 'kubeprep.expiry.v1';

function isSettings(value: unknown): value is RenewalSettings {
  const v = value as Partial<RenewalSettings> | null;
  return !!v && (v.days === undefined || typeof v.days === 'number') && typeof v.expiry === 'string' && typeof v.rotateKeys === 'boolean';
}

// The same default as the engine's RENEWAL_EXPIRY, written here because this module may not import the
// engine (the single file evaluates it before the engine is loaded).
const saved = persisted<RenewalSettings>(SETTINGS_KEY, (value) => (isSettings(value) ? value : null), () => ({ expiry: '8760h', rotateKeys: false }));

/**
 * The renewal options. The single file (dynamic imports inlined) evaluates this module at start-up,
 * before the engine is loaded: the default window is asked of the engine only when the screen reads it.
 */
class RenewalSettingsState {
  get days(): number {
    return saved.current.days ?? loadedEngine().RENEW_WITHIN_DAYS;
  }
  set days(value: number) {
    saved.current.days = value;
  }
  get expiry(): string {
    return saved.current.expiry;
  }
  set expiry(value: string) {
    saved.current.expiry = value;
  }
  get rotateKeys(): boolean {
    return saved.current.rotateKeys;
  }
  set rotateKeys(value: boolean) {
    saved.current.rotateKeys = value;
  }
}

export const settings = new RenewalSettingsState();

type Target = 'cluster' | 'signing';

class ExpirySession {
  reading = $state(false);
  entries = $state(0);
  files = $state.raw<InventoryFile[]>([]);
  signingFiles = $state.raw<InventoryFile[]>([]);
  readProblems = $state.raw<InventoryProblem[]>([]);
  analysis = $state.raw<Analysis | null>(null);
  rows = $state.raw<ReportRow[]>([]);
  selected = $state<Record<string, boolean>>({});
  renewing = $state(false);
  result = $state.raw<RenewalResult | null>(null);
  failure = $state('');
  now = $state.raw(new Date());
}

export const expiry = new ExpirySession();

function merge(old: readonly InventoryFile[], added: readonly InventoryFile[]): InventoryFile[] {
  const byPath = new Map(old.map((f) => [f.path, f]));
  for (const file of added) byPath.set(file.path, file);
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Reads what was chosen or dropped (added to what is there), then analyses everything again. */
export async function addSources(sources: Iterable<SourceEntry> | AsyncIterable<SourceEntry>, target: Target = 'cluster'): Promise<void> {
  expiry.reading = true;
  expiry.failure = '';
  expiry.entries = 0;
  try {
    const collected = await loadedEngine().collectFiles(sources, { onProgress: (entries) => (expiry.entries = entries) });
    expiry.entries = collected.entries;
    if (target === 'cluster') expiry.files = merge(expiry.files, collected.files);
    else expiry.signingFiles = merge(expiry.signingFiles, collected.files);
    expiry.readProblems = [...expiry.readProblems, ...collected.problems];
    await analyze();
  } catch (error) {
    expiry.failure = describeError(error);
  } finally {
    expiry.reading = false;
  }
}

async function analyze(): Promise<void> {
  const { analyzeInventory, expiryReport } = loadedEngine();
  const analysis = await analyzeInventory(expiry.files, expiry.signingFiles);
  expiry.now = new Date();
  expiry.analysis = analysis;
  expiry.rows = expiryReport(analysis, expiry.now);
  expiry.selected = {};
  expiry.result = null;
}

export function clear(): void {
  expiry.files = [];
  expiry.signingFiles = [];
  expiry.readProblems = [];
  expiry.analysis = null;
  expiry.rows = [];
  expiry.selected = {};
  expiry.result = null;
  expiry.failure = '';
  expiry.entries = 0;
}

/** Every problem: reading (size, links, archives) and understanding (not PKI, damaged), errors first. */
export function allProblems(): InventoryProblem[] {
  const all = [...expiry.readProblems, ...(expiry.analysis?.problems ?? [])];
  return [...all.filter((p) => p.severity === 'error'), ...all.filter((p) => p.severity === 'info')];
}

export function selectExpiringWithin(days: number): void {
  const { rowsExpiringWithin } = loadedEngine();
  expiry.selected = Object.fromEntries(rowsExpiringWithin(expiry.rows, days).map((r) => [r.id, true]));
}

export function selectedIds(): string[] {
  return Object.entries(expiry.selected).filter(([, on]) => on).map(([id]) => id);
}

export async function renew(): Promise<void> {
  if (!expiry.analysis || expiry.renewing) return;
  expiry.renewing = true;
  expiry.failure = '';
  const ended = beginUserWork();
  try {
    const { renewRows } = loadedEngine();
    expiry.now = new Date();
    expiry.result = await renewRows(expiry.analysis, selectedIds(), { expiry: settings.expiry, rotateKeys: settings.rotateKeys, now: expiry.now });
  } catch (error) {
    expiry.result = null;
    expiry.failure = describeError(error);
  } finally {
    ended();
    expiry.renewing = false;
  }
}

/** The renewal zip: the input's paths, renewed files changed, README.md and verify.sh; keys encrypted with a passphrase. */
export function downloadRenewal(passphrase: string): Promise<void> {
  return asUserWork(() => zipRenewal(passphrase));
}

async function zipRenewal(passphrase: string): Promise<void> {
  const { analysis, result } = expiry;
  if (!analysis || !result) return;
  const engine = loadedEngine();
  const options = { locale: i18n.locale, expiry: settings.expiry, rotateKeys: settings.rotateKeys, now: expiry.now };
  let files = engine.renewalBundleFiles(analysis, result, options);
  if (passphrase) files = await engine.encryptBundleKeys(files, passphrase, { locale: i18n.locale, readme: 'kubeprep-renewal/README.md' });
  downloadBlob('kubeprep-renewal.zip', await zipBundleFiles(files, expiry.now), 'application/zip');
}
