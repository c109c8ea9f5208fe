// The options the Node scripts screen generates from, persisted (nothing secret). Every change goes
// through completeOptions, so the choices are always a combination that exists; typed fields keep what
// was typed (generation refuses bad ones with a message). The /etc/hosts textarea keeps its raw text
// too, comments and half-typed lines included.
import { isLocale, type Locale } from '../../lib/i18n';
import { completeOptions, formatHostsText, parseHostsText, type OptionField, type ScriptOptions } from '../../lib/scripts';
import { i18n } from '../common/i18n.svelte';
import { persisted } from '../common/persisted.svelte';

const options = persisted<ScriptOptions>(
  'kubeprep.scripts.options',
  (saved) => (typeof saved === 'object' && saved !== null ? completeOptions(saved as Partial<ScriptOptions>) : null),
  // First visit: script comments in the language the app is shown in.
  () => completeOptions({ locale: isLocale(i18n.locale) ? i18n.locale : 'en' }),
);

// The scripts' language follows the page's until the user picks another one for them on this screen
// (picking the page's language again goes back to following it).
const ownLocale = persisted<Locale | null>('kubeprep.scripts.ownLocale', (saved) => (isLocale(saved) ? saved : null), () => null);

function withLocale(current: ScriptOptions): ScriptOptions {
  const locale = ownLocale.current ?? i18n.locale;
  return current.locale === locale ? current : completeOptions({ ...current, locale });
}

const hostsText = persisted<string>('kubeprep.scripts.hostsText', (saved) => (typeof saved === 'string' ? saved : null), () =>
  formatHostsText(options.current.hosts),
);

export const scriptOptions = {
  get current(): ScriptOptions {
    return withLocale(options.current);
  },
  get hostsText(): string {
    return hostsText.current;
  },
};

export function setScriptOption<F extends OptionField>(field: F, value: ScriptOptions[F]): void {
  if (field === 'locale' && isLocale(value)) ownLocale.current = value === i18n.locale ? null : value;
  options.current = completeOptions({ ...withLocale(options.current), [field]: value });
}

export function setHostsText(text: string): void {
  hostsText.current = text;
  setScriptOption('hosts', parseHostsText(text));
}
