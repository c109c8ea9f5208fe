// Emits dist/kubeprep.html: the built index.html with its one script, its stylesheet and its icons
// inlined, and a CSP that allows exactly that script and style by hash and no connection at all. It must
// run from file://, where browsers refuse to load module scripts from other files, so nothing may be
// left to fetch; the build fails loudly if the bundle was split into chunks this step cannot inline.
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

export function writeSingleFile(outDir: string, files: readonly string[]): void {
  let html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const read = (href: string) => readFileSync(join(outDir, href.replace(/^\.\//, '')));
  const scriptHashes: string[] = [];
  const styleHashes: string[] = [];

  html = html.replace(/<script type="module" crossorigin src="([^"]+)"><\/script>/g, (_, src: string) => {
    const code = scriptText(inlineAssetUrls(read(src).toString('utf8'), outDir, files));
    scriptHashes.push(sha256(code));
    return `<script type="module">${code}</script>`;
  });
  html = html.replace(/<link rel="stylesheet" crossorigin href="([^"]+)">/g, (_, href: string) => {
    const css = normalizeNewlines(inlineAssetUrls(read(href).toString('utf8'), outDir, files)).replaceAll('</style', '<\\/style');
    styleHashes.push(sha256(css));
    return `<style>${css}</style>`;
  });
  // No manifest and no service worker from file:// (neither is allowed there); icons become data: URLs.
  html = html.replace(/\s*<link rel="manifest"[^>]*>/g, '');
  html = html.replace(/(<link rel="(?:icon|apple-touch-icon)"[^>]*href=")([^"]+)"/g, (_, start: string, href: string) => {
    return `${start}${dataUrl(href, read(href))}"`;
  });
  html = html.replace(
    /<meta http-equiv="Content-Security-Policy" content="[^"]*"/,
    `<meta http-equiv="Content-Security-Policy" content="${singleFileCsp(scriptHashes, styleHashes)}"`,
  );
  html = html.replace(/<html([^>]*)>/, '<html$1 data-single-file="">');

  const leftover = /<(?:script|link)[^>]+(?:src|href)="\.?\/?assets\//.exec(html);
  if (scriptHashes.length !== 1 || leftover) {
    throw new Error(`${SINGLE_FILE}: expected one inlinable module script and no other asset references; found ` +
      `${scriptHashes.length} script(s)${leftover ? ` and ${leftover[0]}` : ''}. Keep the bundle in one chunk (inlineDynamicImports).`);
  }
  writeFileSync(join(outDir, SINGLE_FILE), html);
}

/** JavaScript that the HTML parser hands back unchanged, so the hash computed here is the browser's:
 * `</script` would end the element, `<!--` would switch the parser into its escaped script states
 * (HTML § 13.2.5.4), and the parser turns CR LF into LF. Both escapes mean the same inside JS strings,
 * templates and regular expressions, the only places these sequences occur in a bundle. */
function scriptText(code: string): string {
  return normalizeNewlines(code).replaceAll('<!--', '\\x3C!--').replaceAll('</script', '<\\/script');
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
