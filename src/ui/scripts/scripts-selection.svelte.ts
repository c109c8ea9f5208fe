// Shared with the certificate screen's zip builder (src/ui/pki/selected-scripts.ts reads this module):
// when the user ticks "add the scripts to the zip", selectedScripts() returns the three scripts for the
// current options as {name, content}; otherwise []. Only selectedScripts takes no arguments: the zip
// builder calls every argument-free export it finds here.
import { SCRIPT_NAMES, generateScript, scriptFileName } from '../../lib/scripts';
import { loadSetting, saveSetting } from '../common/storage';
import { scriptOptions } from './scripts-options.svelte';

const INCLUDE_KEY = 'kubeprep.scripts.includeInZip';

export const scriptsSelection = $state<{ includeInZip: boolean }>({ includeInZip: loadSetting(INCLUDE_KEY) === 'true' });

export function setIncludeInZip(include: boolean): void {
  scriptsSelection.includeInZip = include;
  saveSetting(INCLUDE_KEY, String(include));
}

export function selectedScripts(): { name: string; content: string }[] {
  if (!scriptsSelection.includeInZip) return [];
  return SCRIPT_NAMES.map((name) => ({ name: scriptFileName(name), content: generateScript(name, scriptOptions.current) }));
}
