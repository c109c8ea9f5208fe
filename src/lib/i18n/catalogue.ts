// Loads a language's catalogue on demand: the page fetches the one on show before it first paints, and
// another only when the user switches to it.
import { hasCatalogue, useCatalogue, type Locale } from './index';

const loading = new Map<Locale, Promise<void>>();

export function loadCatalogue(locale: Locale): Promise<void> {
  if (hasCatalogue(locale)) return Promise.resolve();
  let promise = loading.get(locale);
  if (!promise) {
    const load = locale === 'zh-CN' ? import('./catalogue-zh-CN') : import('./catalogue-en');
    promise = load.then(
      (module) => useCatalogue(locale, module.table),
      (error: unknown) => {
        loading.delete(locale); // offline before the service worker stored it: a later switch retries
        throw error;
      },
    );
    loading.set(locale, promise);
  }
  return promise;
}
