// Every package the code or a test imports is declared in package.json (a test importing what only
// arrives as a dependency of a dependency breaks the day that dependency changes); the page and the
// command import only production dependencies.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : files(path);
    return /\.(ts|svelte|mjs)$/.test(name) ? [path] : [];
  });
}

/** The package names of every bare import (`pkijs`, `@sveltejs/x`; not `./x`, `node:fs` or a builtin). */
function importedPackages(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files(dir)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'([^'.][^']*)'/g)) {
      const specifier = m[1]!;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      if (specifier.startsWith('node:') || builtinModules.includes(name)) continue;
      found.set(name, file);
    }
  }
  return found;
}

describe('declared dependencies', () => {
  it('covers every package a test imports', () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    const missing = [...importedPackages('tests')].filter(([name]) => !declared.has(name));
    expect(missing).toEqual([]);
  });

  it('covers every package the app and the command import, as production dependencies', () => {
    // svelte compiles into the page; the build tools and the type-only imports are not shipped.
    const production = new Set([...Object.keys(pkg.dependencies), 'svelte']);
    const missing = [...importedPackages('src')].filter(([name]) => !production.has(name) && name !== 'vite');
    expect(missing).toEqual([]);
  });
});
