/// <reference types="vite/client" />
// INTEGRATION POINT with the Node scripts screen (issue 5): the scripts the user ticked there go into the
// cfssl bundle under scripts/. That screen exposes them in src/ui/scripts/scripts-selection.svelte.ts as
// {name, content}[]. import.meta.glob keeps this build working whether or not that module exists yet,
// and whatever the exported name is (a function returning the list, or the list itself).
export interface SelectedScript {
  name: string;
  content: string;
}

const modules = import.meta.glob('../scripts/scripts-selection.svelte.ts', { eager: true }) as Record<string, Record<string, unknown>>;

function isScriptList(value: unknown): value is SelectedScript[] {
  return (
    Array.isArray(value) &&
    value.every((s) => typeof s === 'object' && s !== null && typeof s.name === 'string' && typeof s.content === 'string')
  );
}

export function selectedScripts(): SelectedScript[] {
  for (const exports of Object.values(modules)) {
    for (const value of Object.values(exports)) {
      const candidate = typeof value === 'function' && value.length === 0 ? safeCall(value as () => unknown) : value;
      if (isScriptList(candidate)) return candidate.map(({ name, content }) => ({ name, content }));
      const nested = typeof candidate === 'object' && candidate !== null ? Object.values(candidate).find(isScriptList) : undefined;
      if (nested) return nested.map(({ name, content }) => ({ name, content }));
    }
  }
  return [];
}

function safeCall(run: () => unknown): unknown {
  try {
    return run();
  } catch {
    return undefined;
  }
}
