// The options the Node scripts screen generates from, persisted in localStorage (nothing secret).
// Every change goes through completeOptions, so the choices are always a combination that exists;
// typed fields keep what was typed (generation refuses bad ones with a message). The /etc/hosts
// textarea keeps its raw text too, comments and half-typed lines included.
import { isLocale } from '../../lib/i18n';
import { completeOptions, formatHostsText, parseHostsText, type OptionField, type ScriptOptions } from '../../lib/scripts';
import { i18n } from '../common/i18n.svelte';
import { loadJson, loadSetting, saveJson, saveSetting } from '../common/storage';

const OPTIONS_KEY = 'kubeprep.scripts.options';
const HOSTS_TEXT_KEY = 'kubeprep.scripts.hostsText';

const isObject = (value: unknown): value is Partial<ScriptOptions> => typeof value === 'object' && value !== null;

function initialOptions(): ScriptOptions {
  const saved = loadJson(OPTIONS_KEY, isObject);
  // First visit: script comments in the language the app is shown in.
  return completeOptions(saved ?? { locale: isLocale(i18n.locale) ? i18n.locale : 'en' });
}

export const scriptOptions = $state<{ current: ScriptOptions; hostsText: string }>({ current: initialOptions(), hostsText: '' });
scriptOptions.hostsText = loadSetting(HOSTS_TEXT_KEY) ?? formatHostsText(scriptOptions.current.hosts);

export function setScriptOption<F extends OptionField>(field: F, value: ScriptOptions[F]): void {
  scriptOptions.current = completeOptions({ ...scriptOptions.current, [field]: value });
  saveJson(OPTIONS_KEY, scriptOptions.current);
}

export function setHostsText(text: string): void {
  scriptOptions.hostsText = text;
  saveSetting(HOSTS_TEXT_KEY, text);
  setScriptOption('hosts', parseHostsText(text));
}
