// Imported by loadEngine() before the engine, so the engine-re2 chunk (the RE2 matcher of name_whitelist;
// vite.config.ts) is evaluated in a task of its own. It names the one class the engine uses.
export { RE2JS } from 're2js';
