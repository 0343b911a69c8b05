import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MESSAGES, type Language } from '../src-shared/i18n/index.js';
import { formatDate } from '../src-shared/format/screen.js';

const stored = localStorage.getItem('language');
export const initialLanguage: Language = stored === 'en' || stored === 'de' ? stored : navigator.language.startsWith('de') ? 'de' : 'en';

void i18next.use(initReactI18next).init({
  resources: { de: { translation: MESSAGES.de }, en: { translation: MESSAGES.en } },
  lng: initialLanguage,
  fallbackLng: 'de',
  interpolation: { escapeValue: false },
  returnNull: false,
});
// `{{from, isoDate}}`: an ISO date the main process names, written as the language writes dates.
i18next.services.formatter?.add('isoDate', (value: unknown, lng: string | undefined) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, lng ?? 'de') : String(value));

export function setLanguage(language: Language): void {
  localStorage.setItem('language', language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export default i18next;
