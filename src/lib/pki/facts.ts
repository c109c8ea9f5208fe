// cfssl's numbers, declared once. A leaf module (no imports), so the UI may read it without pulling the
// X.509 engine into the first paint.

/** One hour in nanoseconds, the unit of Go durations (time.Hour). */
export const HOUR_NS = 3_600_000_000_000n;

/** A CA's lifetime when the CSR JSON's `ca.expiry` is absent: 5 years (initca/initca.go, CAPolicy). */
export const DEFAULT_CA_EXPIRY = '43800h';

/**
 * How far the local signer moves notBefore back from now when the profile sets no `backdate`, so that
 * clocks a little behind still accept a fresh certificate (signer/local/local.go, 5 * time.Minute).
 */
export const DEFAULT_BACKDATE_MS = 5 * 60_000;

/** RSA key sizes cfssl generates (csr/csr.go, KeyRequest.Generate: below 2048 is "too weak"). */
export const RSA_MIN_BITS = 2048;
export const RSA_MAX_BITS = 8192;

/** ECDSA key sizes cfssl accepts, each naming its NIST curve (csr/csr.go: 256, 384, 521). */
export const ECDSA_CURVE_SIZES = [256, 384, 521] as const;
export type EcdsaCurveSize = (typeof ECDSA_CURVE_SIZES)[number];

/** The usages of a CA made by `gencert -initca` (initca/initca.go, CAPolicy). */
export const CA_USAGES = ['cert sign', 'crl sign'] as const;

/** The profile cfssl signs with when -profile names none (or one the config lacks). */
export const DEFAULT_PROFILE = 'default';

/** The key cfssl fills in when the CSR JSON has no `key` (csr.NewKeyRequest). */
export const DEFAULT_KEY_ALGO = 'ecdsa';
export const DEFAULT_KEY_SIZE = 256;
