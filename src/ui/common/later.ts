// A panel that shows nothing before the user acts (a bundle, generated results): its chunk is fetched as
// the screen opens, from a task of its own, so it is neither part of the first paint nor of its task.
import type { Component } from 'svelte';
import { nextTask } from '../../lib/next-task';

export function afterFirstTask(load: () => Promise<{ default: Component }>): Promise<Component> {
  return nextTask().then(load).then((module) => module.default);
}
