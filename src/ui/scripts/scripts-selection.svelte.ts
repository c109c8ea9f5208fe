// Shared with the certificate screen's zip builder (src/ui/pki/selected-scripts.ts reads this module):
// when the user ticks "add the scripts to the zip", selectedScripts() returns the scripts the chosen
// release has, for the current options, as {name, content}; otherwise []. A script whose typed options
// are invalid is left out (the Node scripts screen shows why). Only selectedScripts takes no
// arguments: the zip builder calls every argument-free export it finds here.
import { generateScript, scriptFileName, scriptsFor } from '../../lib/scripts';
import { persisted } from '../common/persisted.svelte';
import { scriptOptions } from './scripts-options.svelte';

const includeInZip = persisted<boolean>('kubeprep.scripts.includeInZip', (saved) => (typeof saved === 'boolean' ? saved : null), () => false);

export const scriptsSelection = {
  get includeInZip(): boolean {
    return includeInZip.current;
  },
};

export function setIncludeInZip(include: boolean): void {
  includeInZip.current = include;
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
