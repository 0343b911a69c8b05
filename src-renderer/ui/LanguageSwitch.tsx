import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n.js';

/** German or English; `onChange` lets a logged-in user keep the choice in the profile. */
export function LanguageSwitch({ onChange }: { onChange?(language: 'de' | 'en'): void }) {
  const { t, i18n } = useTranslation();
  return (
    <select
      className="language-switch"
      value={i18n.language}
      aria-label={t('common.language')}
      onChange={(e) => {
        const language = e.target.value as 'de' | 'en';
        setLanguage(language);
        onChange?.(language);
      }}
    >
      <option value="de">Deutsch</option>
      <option value="en">English</option>
    </select>
  );
}
