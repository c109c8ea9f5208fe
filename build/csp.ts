// The two Content-Security-Policies, in one place. The hosted page may talk to its own origin only; the
// single file may talk to nothing and runs only the one script whose hash the build computed.
//
// style-src needs no 'unsafe-inline': Svelte 5 extracts component <style> blocks into the CSS file, and
// sets dynamic styles (`style={…}`, `style:prop`) through the CSSOM (element.style.cssText/setProperty,
// svelte/src/internal/client/dom/elements/style.js), which CSP does not govern. Only a literal
// `style="…"` attribute in a template is blocked: write those rules in the component's <style> block.
// The e2e tests fail on any `securitypolicyviolation`, so such an attribute cannot slip through.

export const HOSTED_CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
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
    'img-src data: blob:',
    'font-src data:',
    "worker-src 'none'",
    "manifest-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
