// Shared with the certificate screen's zip builder (src/ui/pki/selected-scripts.ts reads this module):
// when the user ticks "add the scripts to the zip", selectedScripts() returns the scripts the chosen
// release has, for the current options, as {name, content}; otherwise []. A script whose typed options
// are invalid is left out (the Node scripts screen shows why). Only selectedScripts takes no
// arguments: the zip builder calls every argument-free export it finds here.
import { generateScript, scriptFileName, scriptsFor } from '../../lib/scripts';
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
  return scriptsFor(scriptOptions.current.release).flatMap((name) => {
    try {
      return [{ name: scriptFileName(name), content: generateScript(name, scriptOptions.current) }];
    } catch {
      return [];
    }
  });
}
