import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictView } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { useDataChanged, useErrorToast, useFormat, usePermissions } from '../../state/hooks.js';
import { textOfKey, type Translate } from '../../translate.js';
import { Button, CheckboxField, Toolbar } from '../../ui/controls.js';
import { Dialog, EmptyState } from '../../ui/feedback.js';
import { Table } from '../../ui/Table.js';
import { ConflictVersions } from './ConflictVersions.js';

/** The collection and the record in words: "Kunde Muster GmbH". */
function recordText(t: Translate, conflict: ConflictView): string {
  return `${textOfKey(t, `sync.collection.${conflict.collection}`)} ${conflict.label}`;
}

/** Konflikte: what two devices changed differently, both versions, and the way back to the other one. */
export function ConflictsScreen() {
  const { t } = useTranslation();
  const may = usePermissions();
  if (may.approve) return <ConflictsPanel />;
  return (
    <section aria-labelledby="conflicts-title">
      <h1 id="conflicts-title">{t('nav.conflicts')}</h1>
      <p>{t('sync.conflicts.onlyApprovers')}</p>
    </section>
  );
}

function ConflictsPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const showError = useErrorToast();
  const [all, setAll] = useState(false);
  const [list, setList] = useState<ConflictView[] | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await api().invoke('sync.conflicts', { open: !all });
    if (result.ok) setList(result.value);
    else showError(result.error);
  }, [all, showError]);
  useEffect(() => {
    void load();
  }, [load]);
  useDataChanged(['facts', 'syncConflicts'], () => void load());

  const opened = openId ? list?.find((c) => c.id === openId) : undefined;
  // A conflict that left the list (settled elsewhere) is not opened again by a later filter.
  useEffect(() => {
    if (openId && list && !opened) setOpenId(null);
  }, [openId, list, opened]);
  if (opened) {
    const back = () => setOpenId(null);
    // After a choice the list is read again, and shows it where it now belongs.
    const chosen = () => {
      back();
      void load();
    };
    return <ConflictDetail conflict={opened} onBack={back} onChanged={chosen} />;
  }
  return (
    <section aria-labelledby="conflicts-title">
      <h1 id="conflicts-title">{t('nav.conflicts')}</h1>
      <p>{t('sync.conflicts.intro')}</p>
      <Toolbar>
        <CheckboxField name="showAll" label={t('sync.conflicts.showAll')} checked={all} onChange={setAll} />
      </Toolbar>
      {list && list.length === 0 && <EmptyState title={t('sync.conflicts.empty')} text={t('sync.conflicts.emptyText')} />}
      {list && list.length > 0 && (
        <Table
          caption={t('nav.conflicts')}
          rows={list}
          rowKey={(c) => c.id}
          columns={[
            {
              key: 'record',
              header: t('sync.conflicts.record'),
              cell: (c) => (
                <button type="button" className="link-button" onClick={() => setOpenId(c.id)}>
                  {recordText(t, c)}
                </button>
              ),
            },
            { key: 'decidedAt', header: t('sync.conflicts.decidedAt'), cell: (c) => f.dateTime(c.decidedAt) },
            { key: 'rule', header: t('sync.conflicts.rule'), cell: (c) => t(`sync.rule.${c.rule}`) },
            { key: 'state', header: t('sync.conflicts.state'), cell: (c) => <ChoiceText conflict={c} /> },
          ]}
        />
      )}
    </section>
  );
}

function ChoiceText({ conflict }: { conflict: ConflictView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const choice = conflict.choice;
  return <>{choice ? t('sync.conflicts.chosen', { name: choice.userName, at: f.dateTime(choice.at) }) : t('sync.conflicts.open')}</>;
}

/** Both versions side by side, the fields that differ marked, what was kept and why, and the way to the other. */
function ConflictDetail({ conflict, onBack, onChanged }: { conflict: ConflictView; onBack(): void; onChanged(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const keepOther = async () => {
    setBusy(true);
    const result = await api().invoke('sync.keepOther', { id: conflict.id });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) return showError(result.error);
    toast('success', t('sync.conflicts.keptOther'));
    onChanged();
  };

  return (
    <article aria-labelledby="conflict-title">
      <div className="record-head">
        <Button kind="ghost" onClick={onBack}>
          {t('sync.conflicts.back')}
        </Button>
        <h1 id="conflict-title">{recordText(t, conflict)}</h1>
      </div>
      <dl className="facts">
        <dt>{t('sync.conflicts.rule')}</dt>
        <dd>{t(`sync.rule.${conflict.rule}`)}</dd>
        <dt>{t('sync.conflicts.decidedAt')}</dt>
        <dd>{f.dateTime(conflict.decidedAt)}</dd>
        <dt>{t('sync.conflicts.state')}</dt>
        <dd>
          <ChoiceText conflict={conflict} />
        </dd>
      </dl>
      <h2>{t('sync.conflicts.keptHeading')}</h2>
      <p>{t(`sync.why.${conflict.rule}`)}</p>
      <ConflictVersions conflict={conflict} caption={recordText(t, conflict)} />
      {conflict.canKeepOther ? (
        <div className="form-actions">
          <Button kind="primary" onClick={() => setConfirming(true)}>
            {t('sync.conflicts.keepOther')}
          </Button>
        </div>
      ) : (
        !conflict.choice && <p>{t('sync.conflicts.cannotKeepOther')}</p>
      )}
      <Dialog open={confirming} title={t('sync.conflicts.confirmTitle')} onClose={() => setConfirming(false)}>
        <p>{t('sync.conflicts.confirmText')}</p>
        <div className="form-actions">
          <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
          <Button kind="primary" busy={busy} onClick={() => void keepOther()}>
            {t('sync.conflicts.confirm')}
          </Button>
        </div>
      </Dialog>
    </article>
  );
}
