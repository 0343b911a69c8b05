import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { connect } from './api/client.js';
import { setLanguage } from './i18n.js';
import { Dashboard } from './screens/Dashboard.js';
import { Frame } from './screens/Frame.js';
import { Login } from './screens/Login.js';
import { Placeholder } from './screens/Placeholder.js';
import { Settings } from './screens/Settings.js';
import { Setup } from './screens/Setup.js';
import { api, useApp } from './state/app.js';
import { Toasts } from './ui/feedback.js';

/** The login token survives a reload of the window (not a restart of the app). */
const TOKEN_KEY = 'session-token';

export function App() {
  const { t } = useTranslation();
  const { status, user, screen, connectionLost } = useApp();
  const [booting, setBooting] = useState(true);

  const refreshStatus = useCallback(async () => {
    const result = await api().invoke('app.status', {});
    if (result.ok) useApp.getState().setStatus(result.value);
  }, []);

  useEffect(() => {
    const client = connect();
    useApp.getState().setApi(client);
    client.onClose(() => useApp.getState().setConnectionLost());
    void (async () => {
      await refreshStatus();
      const token = sessionStorage.getItem(TOKEN_KEY);
      if (token) {
        const resumed = await client.invoke('auth.resume', { token });
        if (resumed.ok) {
          useApp.getState().setUser(resumed.value.user);
          setLanguage(resumed.value.user.language);
        } else sessionStorage.removeItem(TOKEN_KEY);
      }
      setBooting(false);
    })();
  }, [refreshStatus]);

  const onSession = (token: string) => {
    sessionStorage.setItem(TOKEN_KEY, token);
    const current = useApp.getState().user;
    if (current) setLanguage(current.language);
    void refreshStatus();
  };

  const logout = async () => {
    await api().invoke('auth.logout', {});
    sessionStorage.removeItem(TOKEN_KEY);
    useApp.getState().setUser(null);
  };

  let body;
  if (booting || !status) body = <p className="booting">{t('common.loading')}</p>;
  else if (status.needsSetup && !user) body = <Setup onSession={onSession} />;
  else if (!user) body = <Login onSession={onSession} />;
  else
    body = (
      <Frame onLogout={() => void logout()}>
        {screen === 'dashboard' ? <Dashboard /> : screen === 'settings' ? <Settings /> : <Placeholder screen={screen} />}
      </Frame>
    );

  return (
    <>
      {connectionLost && (
        <div className="banner banner-error" role="alert">
          {t('common.connectionLost')}
        </div>
      )}
      {body}
      <Toasts />
    </>
  );
}
