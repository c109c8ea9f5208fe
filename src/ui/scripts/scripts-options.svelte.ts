// The options the Node scripts screen generates from, persisted in localStorage (nothing secret).
// Every change goes through completeOptions, so the state is always a combination that exists.
import { isLocale } from '../../lib/i18n';
import { completeOptions, type OptionField, type ScriptOptions } from '../../lib/scripts';
import { i18n } from '../common/i18n.svelte';
import { loadJson, saveJson } from '../common/storage';

const OPTIONS_KEY = 'kubeprep.scripts.options';

const isObject = (value: unknown): value is Partial<ScriptOptions> => typeof value === 'object' && value !== null;

function initialOptions(): ScriptOptions {
  const saved = loadJson(OPTIONS_KEY, isObject);
  // First visit: script comments in the language the app is shown in.
  return completeOptions(saved ?? { locale: isLocale(i18n.locale) ? i18n.locale : 'en' });
}

export const scriptOptions = $state<{ current: ScriptOptions }>({ current: initialOptions() });

export function setScriptOption<F extends OptionField>(field: F, value: ScriptOptions[F]): void {
  scriptOptions.current = completeOptions({ ...scriptOptions.current, [field]: value });
  saveJson(OPTIONS_KEY, scriptOptions.current);
}
