import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { NotificationBell } from './reminders/NotificationBell.js';
import { api, SCREENS, useApp } from '../state/app.js';
import { screenKeys, shortcutProps } from '../ui/shortcuts.js';
import { KeyboardHelp, SkipLink, useFrameKeyboard } from './FrameKeyboard.js';
import { useDataChanged, usePermissions } from '../state/hooks.js';
import { useSyncStatus } from './sync/status.js';
import { SyncStatusBadge } from './sync/SyncStatusBadge.js';

/** Sidebar with every screen of the product, header with user, language and logout. */
export function Frame({ children, onLogout }: { children: ReactNode; onLogout(): void }) {
  const { t } = useTranslation();
  const { screen, go, user, status } = useApp();
  const main = useRef<HTMLElement>(null);
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  useFrameKeyboard(main, openHelp);
  const may = usePermissions();
  // The company profile may arrive later (e.g. with the first sync): the sidebar names the company then.
  useDataChanged(['settings'], () => {
    void api()
      .invoke('app.status', {})
      .then((result) => result.ok && useApp.getState().setStatus(result.value));
  });
  const openConflicts = useSyncStatus((s) => s.status?.openConflicts ?? 0);
  // Conflicts are for supervisors and administrators, who may keep the other version.
  const screens = SCREENS.filter((name) => name !== 'conflicts' || may.approve);
  const keysOf = (name: (typeof SCREENS)[number]) => {
    const keys = screenKeys(name);
    return keys ? shortcutProps(t, keys) : {};
  };

  const switchLanguage = async (language: 'de' | 'en') => {
    const result = await api().invoke('auth.setLanguage', { language });
    if (result.ok) useApp.getState().setUser(result.value);
  };

  return (
    <div className="frame">
      <SkipLink main={main} />
      <nav className="sidebar" aria-label={t('nav.main')}>
        <div className="brand">
          <strong>{t('app.name')}</strong>
          <small>{status?.companyName ?? t('app.tagline')}</small>
        </div>
        <ul>
          {screens.map((name) => (
            <li key={name}>
              <a href={`#/${name}`} {...keysOf(name)} aria-current={screen === name ? 'page' : undefined} onClick={(e) => { e.preventDefault(); go(name); }}>
                {t(`nav.${name}`)}
                {name === 'conflicts' && openConflicts > 0 && (
                  <>
                    {' '}
                    <span className="badge">{openConflicts}</span>
                  </>
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="content">
        <header className="topbar">
          <span className="who">{user ? t('auth.loggedInAs', { name: user.name, role: t(`roles.${user.role}`) }) : ''}</span>
          <SyncStatusBadge />
          <NotificationBell />
          <KeyboardHelp open={help} onOpen={openHelp} onClose={() => setHelp(false)} />
          <LanguageSwitch onChange={(language) => void switchLanguage(language)} />
          <button type="button" className="btn btn-ghost" onClick={onLogout}>
            {t('common.switchUser')}
          </button>
        </header>
        <main className="screen" id="main" ref={main} tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
