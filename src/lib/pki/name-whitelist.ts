// A profile's name_whitelist, compiled and matched as cfssl does with Go's regexp (RE2 syntax, linear
// time: signer/local/local.go refuses a name when `NameWhitelist.Find(name) == nil`). JavaScript's own
// RegExp backtracks (`^(a+)+$` on 40 a's and a "!" runs for minutes) and reads another syntax (it takes
// lookahead, refuses `(?i)`), so the pattern goes to re2js, a pure-JavaScript port of RE2/J that
// accepts and refuses what Go's regexp/syntax does and matches in time linear in the input.
import { RE2JS } from 're2js';
import type { SigningConfig } from './config';
import { pkiError } from './errors';

export interface NameWhitelist {
  /** Whether NAME contains a match (Go's Find: unanchored, as cfssl uses it). */
  allows(name: string): boolean;
}

const compiled = new Map<string, RE2JS>();

/** Compiles PATTERN as Go's regexp.Compile would; a pattern Go refuses is `pki.invalid-whitelist` at FIELD. */
export function compileNameWhitelist(pattern: string, field = 'name_whitelist'): NameWhitelist {
  let regexp = compiled.get(pattern);
  if (!regexp) {
    try {
      regexp = RE2JS.compile(pattern);
    } catch (cause) {
      // re2js words the reason as Go does ("error parsing regexp: invalid or unsupported Perl syntax: `(?=`").
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw pkiError('pki.invalid-whitelist', { field, allowed: 'RE2 (Go regexp/syntax)', params: { field, value: pattern, reason }, cause });
    }
    compiled.set(pattern, regexp);
  }
  const re = regexp;
  return { allows: (name) => re.matcher(name).find() };
}

/**
 * Refuses a config whose name_whitelist Go's regexp.Compile refuses, at the profile's field, as cfssl's
 * config.LoadConfig does. Apart from parseConfigJson so that RE2 loads with the engine, not the first paint.
 */
export function checkNameWhitelists(config: SigningConfig): void {
  const profiles: [string, SigningConfig['default']][] = [['signing.default', config.default], ...Object.entries(config.profiles).map(([name, p]) => [`signing.profiles.${name}`, p] as [string, SigningConfig['default']])];
  for (const [path, profile] of profiles) {
    if (profile.nameWhitelist) compileNameWhitelist(profile.nameWhitelist, `${path}.name_whitelist`);
  }
}
