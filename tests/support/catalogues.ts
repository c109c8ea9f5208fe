// Every language's words, for tests that call translate() or compare with the catalogue.
import '../../src/lib/i18n/all-languages';
