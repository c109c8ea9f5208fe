// Imported by loadEngine() before the engine, so the engine-x509 chunk (PKI.js, asn1js and their helpers;
// vite.config.ts) is evaluated in a task of its own. It names one class the engine uses anyway.
export { Certificate } from 'pkijs';
