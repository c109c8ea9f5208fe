// The rule on download passphrases, apart from the encryption (which needs the engine) so the page's
// first paint can state it.

/** Shorter passphrases are refused: guesses at a few per second per core still finish them quickly. */
export const MIN_PASSPHRASE_LENGTH = 8;
