import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatevSettingsView } from '../../../src-shared/contract/index.js';
import { api } from '../../state/app.js';
import { useDataChanged, usePermissions } from '../../state/hooks.js';
import { Toolbar } from '../../ui/controls.js';
import { AuditorSection } from './AuditorSection.js';
import { DatevSection } from './DatevSection.js';
import { ExportHistory } from './ExportHistory.js';
import { PeriodFilter } from './filters.js';
import type { TabProps } from './ReportsScreen.js';
import { VatReturnSection } from './VatReturnSection.js';
import { ZmSection } from './ZmSection.js';

/**
 * Export für den Steuerberater: the DATEV export with its settings and account map, the UStVA
 * and ZM figures, the auditor export and every export made so far. The DATEV and auditor exports
 * take the shared period; the VAT returns their own month or quarter (starting at the period's).
 */
export function TaxAdvisorTab({ filters, onFilters }: TabProps) {
  const { t } = useTranslation();
  const mayExport = usePermissions().books;
  const [settings, setSettings] = useState<DatevSettingsView | null>(null);
  const [exported, setExported] = useState(0);
  const loadSettings = () =>
    void api()
      .invoke('exports.datevSettings', {})
      .then((r) => {
        if (r.ok) setSettings(r.value);
      });
  useEffect(loadSettings, []);
  useDataChanged(['settings'], loadSettings);
  const onExported = () => setExported((n) => n + 1);
  return (
    <>
      <p className="hint">{t('taxAdvisorScreen.intro')}</p>
      <Toolbar>
        <PeriodFilter value={filters.period} onChange={(period) => onFilters({ ...filters, period })} />
      </Toolbar>
      <DatevSection period={filters.period} settings={settings} mayExport={mayExport} onSettings={setSettings} onExported={onExported} />
      <VatReturnSection initial={filters.period.from} />
      <ZmSection initial={filters.period.from} />
      <AuditorSection period={filters.period} mayExport={mayExport} onExported={onExported} />
      <ExportHistory refresh={exported} />
    </>
  );
}
