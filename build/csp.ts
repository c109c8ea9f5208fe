// The two Content-Security-Policies, in one place. The hosted page may talk to its own origin only; the
// single file may talk to nothing and runs only the one script whose hash the build computed.
//
// style-src: see STYLE_ATTRIBUTES below for why style attributes are allowed and <style> elements are not.

/** Svelte templates may carry `style="…"` attributes (progress bars, widths); a CSP without an allowance
 * blocks every one of them silently. `style-src-attr` allows only attributes, which cannot run script and
 * whose url() loads are still bound by img-src; inline `<style>` elements stay forbidden. */
const STYLE_ATTRIBUTES = "style-src-attr 'unsafe-inline'";

export const HOSTED_CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  STYLE_ATTRIBUTES,
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** For `kubeprep.html`: nothing from anywhere, except the inlined script and style by hash. */
export function singleFileCsp(scriptHashes: readonly string[], styleHashes: readonly string[]): string {
  const sources = (hashes: readonly string[]) => hashes.map((h) => `'sha256-${h}'`).join(' ') || "'none'";
  return [
    "default-src 'none'",
    "connect-src 'none'",
    `script-src ${sources(scriptHashes)}`,
    `style-src ${sources(styleHashes)}`,
    STYLE_ATTRIBUTES,
    'img-src data: blob:',
    'font-src data:',
    "worker-src 'none'",
    "manifest-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
