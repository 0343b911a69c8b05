import { useTranslation } from 'react-i18next';
import type { Screen } from '../state/app.js';

/** Screens whose capability is not built yet say so plainly instead of showing fake data. */
export function Placeholder({ screen }: { screen: Screen }) {
  const { t } = useTranslation();
  return (
    <section className="empty-state">
      <h1>{t(`nav.${screen}`)}</h1>
      <p>{t('placeholder.text')}</p>
    </section>
  );
}
