import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { NotificationBell } from './reminders/NotificationBell.js';
import { api, SCREENS, useApp } from '../state/app.js';

/** Sidebar with every screen of the product, header with user, language and logout. */
export function Frame({ children, onLogout }: { children: ReactNode; onLogout(): void }) {
  const { t } = useTranslation();
  const { screen, go, user, status } = useApp();

  const switchLanguage = async (language: 'de' | 'en') => {
    const result = await api().invoke('auth.setLanguage', { language });
    if (result.ok) useApp.getState().setUser(result.value);
  };

  return (
    <div className="frame">
      <nav className="sidebar" aria-label={t('nav.main')}>
        <div className="brand">
          <strong>{t('app.name')}</strong>
          <small>{status?.companyName ?? t('app.tagline')}</small>
        </div>
        <ul>
          {SCREENS.map((name) => (
            <li key={name}>
              <a href={`#/${name}`} aria-current={screen === name ? 'page' : undefined} onClick={(e) => { e.preventDefault(); go(name); }}>
                {t(`nav.${name}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="content">
        <header className="topbar">
          <span className="who">{user ? t('auth.loggedInAs', { name: user.name, role: t(`roles.${user.role}`) }) : ''}</span>
          <NotificationBell />
          <LanguageSwitch onChange={(language) => void switchLanguage(language)} />
          <button type="button" className="btn btn-ghost" onClick={onLogout}>
            {t('common.switchUser')}
          </button>
        </header>
        <main className="screen" id="main">
          {children}
        </main>
      </div>
    </div>
  );
}
