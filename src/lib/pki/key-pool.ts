// Keys before the click. A key pair depends on its algorithm and size only, never on names, so the keys a
// screen's inputs will need can be generated while the user is still editing them; Generate then takes
// them from here instead of waiting for them. Rules:
// - a key is handed out at most once, then the pool holds no reference to it;
// - keys live in this object's private fields only: nothing here serialises them (JSON.stringify and
//   structuredClone see no key; neither is ever written anywhere) and nothing logs them;
// - plan() says what the inputs need now: surplus keys are dropped, missing ones generated; forget()
//   drops every key and generation under way, and nothing is generated again until the next plan().
// Background generation runs a few keys at a time, so a re-plan (RSA → ECDSA) never waits behind a long
// queue of keys nobody needs any more; take() of a key that is neither ready nor under way generates it at
// once, so a Generate clicked before the pool is full is no slower than without a pool.
// While a taker is out (a Generate under way) the pool starts no background generation: Chromium makes
// RSA keys one after another on one thread, so a refill key started then would sit in front of every key
// the Generate still asks for (about 60 ms per RSA-2048 key). Refilling starts again when the last taker
// is released.
import type { KeySpec } from './csr';
import type { KeyPair, KeySource } from './keygen';

export interface KeyPoolStatus {
  /** Keys the current plan asks for. */
  planned: number;
  /** Of those, the ones generated and waiting. */
  ready: number;
}

interface Generation {
  id: string;
  epoch: number;
  claim?: { resolve: (key: KeyPair) => void; reject: (error: unknown) => void };
}

/** Counts what one operation (one Generate) took from the pool, for honest words about its time. */
export interface KeyTaker {
  take: KeySource;
  /** Keys that were ready before they were asked for. */
  readonly prepared: number;
  /** Keys taken in all. */
  readonly total: number;
  /** The operation is over: the pool may refill (idempotent). */
  release(): void;
}

export function keySpecId(spec: KeySpec): string {
  return `${spec.algo}-${spec.size}`;
}

export class KeyPool {
  readonly #generate: KeySource;
  readonly #parallel: number;
  readonly #onChange: (status: KeyPoolStatus) => void;
  #wanted = new Map<string, { spec: KeySpec; count: number }>();
  #ready = new Map<string, KeyPair[]>();
  #running: Generation[] = [];
  /** Bumped by forget(): generations started before it are dropped when they finish. */
  #epoch = 0;
  /** Takers not yet released: no background generation while any is out. */
  #holding = 0;

  constructor(generate: KeySource, options: { parallel?: number; onChange?: (status: KeyPoolStatus) => void } = {}) {
    this.#generate = generate;
    this.#parallel = Math.max(1, options.parallel ?? 2);
    this.#onChange = options.onChange ?? (() => {});
  }

  /** The keys the inputs need now (one spec per key, repeats allowed); replaces the previous plan. */
  plan(specs: readonly KeySpec[]): void {
    const wanted = new Map<string, { spec: KeySpec; count: number }>();
    for (const spec of specs) {
      const id = keySpecId(spec);
      const entry = wanted.get(id);
      if (entry) entry.count++;
      else wanted.set(id, { spec: { algo: spec.algo, size: spec.size }, count: 1 });
    }
    this.#wanted = wanted;
    for (const [id, keys] of this.#ready) {
      const keep = wanted.get(id)?.count ?? 0;
      if (keys.length > keep) keys.splice(keep);
      if (keys.length === 0) this.#ready.delete(id);
    }
    this.#pump();
    this.#changed();
  }

  /** Drops every key, ready or under way, and the plan. */
  forget(): void {
    this.#epoch++;
    this.#wanted = new Map();
    this.#ready = new Map();
    // A Generate waiting for a key under way still gets it: that key is its own, not the pool's.
    this.#running = this.#running.filter((g) => g.claim);
    this.#changed();
  }

  /** A key of this spec, handed out once: a ready one, else one under way, else a new one. */
  take(spec: KeySpec): Promise<KeyPair> {
    return this.#take(spec).key;
  }

  /** A take() that counts how many keys were ready before they were asked for. */
  taker(): KeyTaker {
    let prepared = 0;
    let total = 0;
    let released = false;
    this.#holding++;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#holding--;
        this.#pump();
      },
      take: (spec) => {
        const taken = this.#take(spec);
        total++;
        if (taken.ready) prepared++;
        return taken.key;
      },
      get prepared() {
        return prepared;
      },
      get total() {
        return total;
      },
    };
  }

  status(): KeyPoolStatus {
    let planned = 0;
    let ready = 0;
    for (const [id, { count }] of this.#wanted) {
      planned += count;
      ready += Math.min(count, this.#ready.get(id)?.length ?? 0);
    }
    return { planned, ready };
  }

  /** What a serialiser sees: the counts, never a key. */
  toJSON(): KeyPoolStatus {
    return this.status();
  }

  #take(spec: KeySpec): { key: Promise<KeyPair>; ready: boolean } {
    const id = keySpecId(spec);
    const keys = this.#ready.get(id);
    const key = keys?.shift();
    if (keys?.length === 0) this.#ready.delete(id);
    if (key) {
      this.#pump(); // a replacement, for the next Generate (once the taker is released)
      this.#changed();
      return { key: Promise.resolve(key), ready: true };
    }
    const underway = this.#running.find((g) => g.id === id && !g.claim && g.epoch === this.#epoch);
    if (underway) {
      return { key: new Promise<KeyPair>((resolve, reject) => (underway.claim = { resolve, reject })), ready: false };
    }
    return { key: this.#generate({ algo: spec.algo, size: spec.size }), ready: false };
  }

  /** Starts background generations until the plan is covered or `parallel` are under way. */
  #pump(): void {
    if (this.#holding > 0) return;
    for (const [id, { spec, count }] of this.#wanted) {
      const have = () => (this.#ready.get(id)?.length ?? 0) + this.#running.filter((g) => g.id === id && !g.claim && g.epoch === this.#epoch).length;
      while (have() < count && this.#background() < this.#parallel) this.#start(id, spec);
    }
  }

  #background(): number {
    return this.#running.filter((g) => !g.claim && g.epoch === this.#epoch).length;
  }

  #start(id: string, spec: KeySpec): void {
    const generation: Generation = { id, epoch: this.#epoch };
    this.#running.push(generation);
    this.#generate({ ...spec }).then(
      (key) => this.#finished(generation, key),
      (error: unknown) => this.#failed(generation, error),
    );
  }

  #finished(generation: Generation, key: KeyPair): void {
    this.#running = this.#running.filter((g) => g !== generation);
    if (generation.claim) generation.claim.resolve(key);
    else if (generation.epoch === this.#epoch && (this.#ready.get(generation.id)?.length ?? 0) < (this.#wanted.get(generation.id)?.count ?? 0)) {
      const keys = this.#ready.get(generation.id) ?? [];
      keys.push(key);
      this.#ready.set(generation.id, keys);
    }
    this.#pump();
    this.#changed();
  }

  #failed(generation: Generation, error: unknown): void {
    this.#running = this.#running.filter((g) => g !== generation);
    if (generation.claim) generation.claim.reject(error);
    // This environment cannot make this kind of key (Ed25519 in an older browser): stop asking until the
    // next plan; Generate meets the same error itself and reports it where it belongs.
    else if (generation.epoch === this.#epoch) this.#wanted.delete(generation.id);
    this.#pump();
    this.#changed();
  }

  #changed(): void {
    this.#onChange(this.status());
  }
}
