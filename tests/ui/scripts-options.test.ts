// The Node scripts screen's options (src/ui/scripts/scripts-options.svelte.ts): the scripts are written
// in the page's language, also after a later switch of it, until the user picks another language for
// them on that screen. The cluster plan zip and the cfssl zip read the same options.
import { beforeAll, describe, expect, it } from 'vitest';

type Options = typeof import('../../src/ui/scripts/scripts-options.svelte');
type I18n = typeof import('../../src/ui/common/i18n.svelte');
let options: Options;
let i18n: I18n;

beforeAll(async () => {
  options = await import('../../src/ui/scripts/scripts-options.svelte');
  i18n = await import('../../src/ui/common/i18n.svelte');
}, 60_000);

describe('node script options', () => {
  it("follow a later switch of the page language, until the scripts' own language is picked", async () => {
    await i18n.setLocale('en');
    expect(options.scriptOptions.current.locale).toBe('en');
    await i18n.setLocale('zh-CN');
    expect(options.scriptOptions.current.locale).toBe('zh-CN');

    // Picked on the scripts screen: English scripts under a Chinese page stay English.
    options.setScriptOption('locale', 'en');
    expect(options.scriptOptions.current.locale).toBe('en');
    await i18n.setLocale('en');
    await i18n.setLocale('zh-CN');
    expect(options.scriptOptions.current.locale).toBe('en');

    // Picking the page's language again goes back to following it.
    options.setScriptOption('locale', 'zh-CN');
    await i18n.setLocale('en');
    expect(options.scriptOptions.current.locale).toBe('en');
    // Other options survive the language following the page.
    options.setScriptOption('updateFirst', false);
    await i18n.setLocale('zh-CN');
    expect(options.scriptOptions.current).toMatchObject({ locale: 'zh-CN', updateFirst: false });
  });
});
