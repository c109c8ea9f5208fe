// Emits dist/kubeprep.html: the built index.html with its script (the app built as one chunk, dynamic
// imports inlined: build/offline.ts), its stylesheet and its icons inlined, and a CSP that allows exactly
// that script and style by hash and no connection at all. It must run from file://, where browsers refuse
// to load module scripts from other files, so nothing may be left to fetch; the build fails loudly if
// the page or the script still refers to a file this step cannot inline.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { singleFileCsp } from './csp';

export const SINGLE_FILE = 'kubeprep.html';

const MIME: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
};

const SCRIPT_TAG = /<script type="module" crossorigin src="([^"]+)"><\/script>/g;
const STYLESHEET_TAG = /<link rel="stylesheet" crossorigin href="([^"]+)">/g;
const CSP_META = /<meta http-equiv="Content-Security-Policy" content="[^"]*"/;

export function writeSingleFile(outDir: string, files: readonly string[], oneChunkScript: string): void {
  const read = (href: string) => readFileSync(join(outDir, href.replace(/^\.\//, '')));
  // The markup first, while it holds only Vite's tags (no inlined code for these patterns to trip on):
  // no manifest and no service worker from file:// (neither is allowed there); icons become data: URLs.
  let html = readFileSync(join(outDir, 'index.html'), 'utf8')
    .replace(/\s*<link rel="manifest"[^>]*>/g, '')
    .replace(/(<link rel="(?:icon|apple-touch-icon)"[^>]*href=")([^"]+)"/g, (_, start: string, href: string) => `${start}${dataUrl(href, read(href))}"`)
    .replace(/<html([^>]*)>/, (_, attributes: string) => `<html${attributes} data-single-file="">`);

  const scripts = [...html.matchAll(SCRIPT_TAG)].map((m) => m[1]!);
  const leftover = /<(?:script|link)[^>]+(?:src|href)="(?!data:)[^"]*"/.exec(html.replace(SCRIPT_TAG, '').replace(STYLESHEET_TAG, ''));
  if (scripts.length !== 1 || leftover) {
    throw new Error(`${SINGLE_FILE}: expected one module script and nothing else to fetch; found ${scripts.length} script(s)` +
      `${leftover ? ` and ${leftover[0]}` : ''}.`);
  }

  if (/\bimport\(\s*["'`]\.{0,2}\//.test(oneChunkScript)) {
    throw new Error(`${SINGLE_FILE}: the script still imports a chunk at run time; build it with inlineDynamicImports.`);
  }
  const code = scriptText(inlineAssetUrls(oneChunkScript, outDir, files));
  const styles = [...html.matchAll(STYLESHEET_TAG)].map((m) => styleText(inlineAssetUrls(read(m[1]!).toString('utf8'), outDir, files)));
  const policy = singleFileCsp([sha256(code)], styles.map(sha256));
  if (!CSP_META.test(html)) throw new Error(`${SINGLE_FILE}: index.html has no CSP <meta> to replace`);
  // Functions as replacements: the inlined code may contain `$&` and friends.
  html = html
    .replace(CSP_META, () => `<meta http-equiv="Content-Security-Policy" content="${policy}"`)
    .replace(SCRIPT_TAG, () => `<script type="module">${code}</script>`)
    .replace(STYLESHEET_TAG, () => `<style>${styles.shift()}</style>`);
  writeFileSync(join(outDir, SINGLE_FILE), html);
}

/** JavaScript that the HTML parser hands back unchanged, so the hash computed here is the browser's:
 * `</script` would end the element, `<!--` would switch the parser into its escaped script states
 * (HTML § 13.2.5.4), and the parser turns CR LF into LF. Both escapes mean the same inside JS strings,
 * templates and regular expressions, the only places these sequences occur in a bundle. */
function scriptText(code: string): string {
  return normalizeNewlines(code).replaceAll('<!--', '\\x3C!--').replaceAll('</script', '<\\/script');
}

function styleText(css: string): string {
  return normalizeNewlines(css).replaceAll('</style', '<\\/style');
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Any emitted image or font the code or CSS refers to by file name becomes a data: URL. */
function inlineAssetUrls(text: string, outDir: string, files: readonly string[]): string {
  let result = text;
  for (const file of files) {
    const ext = extname(file);
    const mime = MIME[ext];
    const name = file.split('/').pop()!;
    if (!mime || !result.includes(name)) continue;
    const url = dataUrl(file, readFileSync(join(outDir, file)));
    result = result.replace(new RegExp(`(?:\\./)?(?:assets/)?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g'), url);
  }
  return result;
}

function dataUrl(name: string, bytes: Buffer): string {
  const mime = MIME[extname(name)] ?? 'application/octet-stream';
  return `data:${mime};base64,${bytes.toString('base64')}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}
