// A screen's first render in stages, one piece per frame: a component's `stage.at` counts up from 0 to
// `last`, each step in a task of its own after the browser has painted the previous one, so each part of
// a long screen is built in one task and styled and laid out in the next frame's, and the top of the
// screen shows before the rest is there. (Steps on bare setTimeout ran two or three stages before a frame,
// whose style and layout then took 0.1-0.2 s at once.)
//
// One step for the whole page per frame: the counters of all components form a stack and the newest
// advances first. A component's script runs before its children are created, so a child's stages
// (a form's sections, a table's rows) finish before the parent's next stage: the page fills in document
// order. Call from a component's script; a destroyed component's counter leaves the stack.

import { afterQuiet, quietTime } from './user-work';

interface Counter {
  at: number;
  last: number;
}

const active: Counter[] = [];
let pumping = false;
const settled: (() => void)[] = [];

/**
 * Resolves in a task after the browser's next frame; after 100 ms where no frame comes (a hidden tab
 * runs no requestAnimationFrame callbacks).
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let fired = false;
    const go = () => {
      if (fired) return;
      fired = true;
      setTimeout(resolve, 0);
    };
    requestAnimationFrame(go);
    setTimeout(go, 100);
  });
}

function pump(): void {
  if (pumping) return;
  pumping = true;
  void afterNextPaint().then(() => {
    pumping = false;
    const counter = active.at(-1);
    if (counter) {
      counter.at++;
      if (counter.at >= counter.last) leave(counter);
    }
    if (active.length > 0) pump();
    else for (const resolve of settled.splice(0)) resolve();
  });
}

/**
 * Resolves once no component has stages left to render (at once when none has): work that can wait, such
 * as the key pool's background key generation, starts after the screen is built, instead of taking a CPU
 * core from it (RSA key generation keeps one core busy for seconds; this machine class has two).
 */
export function stagesSettled(): Promise<void> {
  if (active.length === 0 && !pumping) return Promise.resolve();
  return new Promise((resolve) => settled.push(resolve));
}

function leave(counter: Counter): void {
  const index = active.indexOf(counter);
  if (index >= 0) active.splice(index, 1);
}

export function renderInStages(last: number): { readonly at: number; readonly last: number } {
  // Rendered to a string (the component tests): no frames to spread the work over, so every stage at once.
  if (typeof window === 'undefined') return { at: last, last };
  const stage = $state({ at: 0, last });
  if (last > 0) {
    active.push(stage);
    pump();
  }
  $effect(() => () => leave(stage));
  return stage;
}

let screenShown: () => void = () => {};
const firstScreen = new Promise<void>((resolve) => (screenShown = resolve));

/** Called by the app once its first screen is mounted (or has failed to load): its stages are known then. */
export function markScreenShown(): void {
  screenShown();
}

let built: Promise<void> | undefined;

/**
 * Resolves once the page has loaded and its first screen is mounted and built (stagesSettled): the
 * moment for the key pool, whose key generation would otherwise take a CPU core from the first render.
 * Should no screen mount at all (the secure-context gate), 3 s after load.
 */
export function screenBuilt(): Promise<void> {
  return (built ??= new Promise<void>((resolve) => {
    if (document.readyState === 'complete') resolve();
    else window.addEventListener('load', () => resolve(), { once: true });
  })
    .then(() => Promise.race([firstScreen, new Promise<void>((resolve) => setTimeout(resolve, 3000))]))
    .then(stagesSettled));
}

let settling: Promise<void> | undefined;

/** How long the page has been free of work the user waits for before pageSettled resolves. */
const QUIET_MS = 1000;

/**
 * screenBuilt, then a second with no work the user waits for (user-work.ts), then the browser idle: the
 * moment for work nobody waits for, such as the service worker's first download of every file of the
 * build. The quiet second is for the click that comes as soon as the screen can take it: a Generate
 * started just after this resolved would share the CPU with that download all the same.
 */
export function pageSettled(): Promise<void> {
  return (settling ??= screenBuilt().then(() => quietAndIdle()));
}

/** A second (`ms`) with no work the user waits for, then the browser idle, the second still unbroken. */
export async function quietAndIdle(ms = QUIET_MS): Promise<void> {
  do {
    await afterQuiet(ms);
    await browserIdle();
  } while (quietTime() < ms); // a Generate came while the browser was busy: quiet again after it
}

function browserIdle(): Promise<void> {
  return new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 1000 }) : setTimeout(resolve, 0)));
}
