// The Inspect screen's state: the pasted text (persisted: only its public part survives a reload,
// storage.ts cuts every private key out) and, in `inspectSession`, what the engine read from it.
import { asKubeprepError, type KubeprepError } from '../../lib/errors';
import type { InspectedBlock } from '../../lib/workspace';
import { loadEngine } from '../common/engine';
import { persisted } from '../common/persisted.svelte';

export const inspectInput = persisted<string>('kubeprep.inspect.v1', (saved) => (typeof saved === 'string' ? saved : null), () => '');

class InspectSession {
  blocks = $state.raw<InspectedBlock[]>([]);
  failure = $state.raw<KubeprepError | null>(null);
  #run = 0;

  /** Reads TEXT with the engine (loaded on first use); a later call supersedes an earlier one still running. */
  async inspect(text: string): Promise<void> {
    const run = ++this.#run;
    if (!text.includes('-----BEGIN')) {
      this.blocks = [];
      this.failure = null;
      return;
    }
    try {
      const { inspectPem } = await loadEngine();
      const blocks = await inspectPem(text);
      if (run !== this.#run) return;
      this.blocks = blocks;
      this.failure = null;
    } catch (error) {
      if (run !== this.#run) return;
      this.blocks = [];
      this.failure = asKubeprepError(error);
    }
  }
}

export const inspectSession = new InspectSession();
