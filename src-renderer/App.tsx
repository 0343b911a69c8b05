import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { connect } from './api/client.js';
import { setLanguage } from './i18n.js';
import { Approval } from './screens/Approval.js';
import { CashbookScreen } from './screens/cashbook/CashbookScreen.js';
import { CustomersScreen } from './screens/customers/CustomersScreen.js';
import { ChoosePassword } from './screens/ChoosePassword.js';
import { Dashboard } from './screens/Dashboard.js';
import { Frame } from './screens/Frame.js';
import { InvoicesScreen } from './screens/invoices/InvoicesScreen.js';
import { Login } from './screens/Login.js';
import { PaymentsScreen } from './screens/payments/PaymentsScreen.js';
import { MailScreen } from './screens/mail/MailScreen.js';
import { OrdersScreen } from './screens/orders/OrdersScreen.js';
import { Placeholder } from './screens/Placeholder.js';
import { ProductsScreen } from './screens/products/ProductsScreen.js';
import { RemindersScreen } from './screens/reminders/RemindersScreen.js';
import { ReportsScreen } from './screens/reports/ReportsScreen.js';
import { Settings } from './screens/Settings.js';
import { Setup } from './screens/Setup.js';
import { ConflictsScreen } from './screens/sync/Conflicts.js';
import { api, useApp, type Screen } from './state/app.js';
import { Toasts } from './ui/feedback.js';

/** The screens built so far; the others say plainly that they follow. */
function screenBody(screen: Screen) {
  switch (screen) {
    case 'dashboard':
      return <Dashboard />;
    case 'settings':
      return <Settings />;
    case 'customers':
      return <CustomersScreen />;
    case 'products':
      return <ProductsScreen />;
    case 'orders':
      return <OrdersScreen />;
    case 'invoices':
      return <InvoicesScreen />;
    case 'approval':
      return <Approval />;
    case 'mail':
      return <MailScreen />;
    case 'payments':
      return <PaymentsScreen />;
    case 'cashbook':
      return <CashbookScreen />;
    case 'reminders':
      return <RemindersScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'conflicts':
      return <ConflictsScreen />;
    default:
      return <Placeholder screen={screen} />;
  }
}

function ScreenHost({ screen }: { screen: Screen }) {
  return screenBody(screen);
}

/**
 * The screen shown, keyed by user and visit: switching user starts every screen afresh, and so
 * does choosing the section shown again in the sidebar (back to its list).
 */
export function CurrentScreen() {
  const { user, screen, visit } = useApp();
  return <ScreenHost key={`${user?.id ?? ''}:${screen}:${visit}`} screen={screen} />;
}

/** The login token survives a reload of the window (not a restart of the app). */
const TOKEN_KEY = 'session-token';

export function App() {
  const { t } = useTranslation();
  const { status, user, connectionLost } = useApp();
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
    // Messages of the previous user's work do not belong to the next one.
    useApp.setState({ toasts: [] });
  };

  let body;
  if (booting || !status) body = <p className="booting">{t('common.loading')}</p>;
  else if (status.needsSetup && !user) body = <Setup onSession={onSession} />;
  else if (!user) body = <Login onSession={onSession} />;
  else if (user.mustChangePassword) body = <ChoosePassword onLogout={() => void logout()} />;
  else
    body = (
      <Frame onLogout={() => void logout()}>
        <CurrentScreen />
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
