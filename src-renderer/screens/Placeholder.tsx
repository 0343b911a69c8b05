import { useTranslation } from 'react-i18next';
import type { Screen } from '../state/app.js';
import { EmptyState } from '../ui/feedback.js';

/** Screens whose capability is not built yet say so plainly instead of showing fake data. */
export function Placeholder({ screen }: { screen: Screen }) {
  const { t } = useTranslation();
  return <EmptyState title={t(`nav.${screen}`)} text={t('placeholder.text')} />;
}
