// The expiry and renewal words are not part of the first paint: whoever shows them (the screen, the
// commands, the renewal README) adds them to the catalogue first.
import { addMessages } from '../i18n';
import * as inventory from '../i18n/messages/inventory';
import * as renewal from '../i18n/messages/renewal';

export function useRenewalMessages(): void {
  addMessages(inventory);
  addMessages(renewal);
}
