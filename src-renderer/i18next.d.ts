/** The renderer's `t()` knows the German table's keys: a misspelt key does not compile. */
import type { de } from '../src-shared/i18n/de.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof de };
  }
}
