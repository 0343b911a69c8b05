import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictView } from '../../../src-shared/contract/index.js';
import { api } from '../../state/app.js';
import { useFormat } from '../../state/hooks.js';
import { Button } from '../../ui/controls.js';
import { changedLine, fieldValue, versionRows, type ValueWords } from './values.js';
import { fieldName } from './words.js';

/** Names of the app's users by id, for "changed by"; an unknown id stays as it is. */
function useUserNames(): (id: string) => string {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let current = true;
    void (async () => {
      const result = await api().invoke('users.list', {});
      if (current && result.ok) setNames(new Map(result.value.map((user) => [user.id, user.name])));
    })();
    return () => {
      current = false;
    };
  }, []);
  return (id) => names.get(id) ?? id;
}

/**
 * Both versions side by side: when and by whom each was changed, the fields that differ first and
 * marked, the others behind "Alle Felder zeigen"; every value in words.
 */
export function ConflictVersions({ conflict, caption }: { conflict: ConflictView; caption: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const userName = useUserNames();
  const [all, setAll] = useState(false);
  const words: ValueWords = { t, date: f.date, dateTime: f.dateTime, money: (minor) => f.money(minor), price: (decimal) => f.price(decimal), decimal: f.decimal, userName };
  const rows = versionRows(conflict.fields, conflict.kept, conflict.other);
  const shown = all ? [...rows.differing, ...rows.rest] : rows.differing;
  const differs = new Set(rows.differing);

  return (
    <>
      <table className="table conflict-versions">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sync.conflicts.field')}</th>
            <th scope="col">{t('sync.conflicts.kept')}</th>
            <th scope="col">{t('sync.conflicts.other')}</th>
          </tr>
        </thead>
        <tbody>
          <tr className="version-stamp">
            <th scope="row">{t('sync.conflicts.lastChange')}</th>
            <td>{changedLine(words, conflict.kept)}</td>
            <td>{changedLine(words, conflict.other)}</td>
          </tr>
          {shown.map((name) => (
            <tr key={name} className={differs.has(name) ? 'differs' : undefined}>
              <th scope="row">
                {fieldName(t, name)}
                {differs.has(name) && <span className="chip chip-submitted">{t('sync.conflicts.differs')}</span>}
              </th>
              <td>{fieldValue(words, name, conflict.kept[name])}</td>
              <td>{fieldValue(words, name, conflict.other[name])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.rest.length > 0 && (
        <Button kind="ghost" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('sync.conflicts.differingOnly') : t('sync.conflicts.allFields')}
        </Button>
      )}
    </>
  );
}
