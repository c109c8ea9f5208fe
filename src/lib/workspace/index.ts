// The cfssl workspace: the files a user edits, lint rules over them and the generation of all certificates.
export * from './model';
export * from './example';
export * from './json-text';
export * from './csr-form';
export * from './lint';
export * from './generate';
export * from './key-plan';
export * from './private-keys';
export * from './ca-import';
export * from './certificate-text';
export * from './inspect-pem';
export * from './errors';
