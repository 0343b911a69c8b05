/**
 * User accounts and order cancellation in Chromium against the browser harness: an administrator
 * resets a password (the user must choose a new one at the next login) and deactivates a user
 * (who can no longer log in); an order is cancelled only after its dialog, with a reason.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryClient } from '../../src-main/server/in-memory.js';
import { startServices } from '../../src-main/services.js';
import { ADMIN, adminSetup, COMPANY, unwrap } from '../support/services.js';
import { harnessClient, launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { AccountPage } from './pages/AccountPage.js';
import { FramePage } from './pages/FramePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { OrderCancelPage } from './pages/OrderCancelPage.js';
import { OrdersPage } from './pages/OrdersPage.js';
import { UsersPage } from './pages/UsersPage.js';

const BEA = { name: 'Bea Buchhaltung', email: 'bea@muster.example', role: 'bookkeeper' as const, password: 'Erstes-Passwort-1' };
const CEM = { name: 'Cem Kasse', email: 'cem@muster.example', role: 'cashier' as const, password: 'Erstes-Passwort-2' };
let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;
let orderNumber: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-acc-'));
  const earlier = await startServices({ dataDir, logger: { error: () => undefined }, mail: { autoStart: false }, reminders: { autoStart: false } });
  try {
    const admin = createInMemoryClient(earlier);
    await unwrap(admin.invoke('auth.setupAdmin', adminSetup({ services: earlier })));
    await unwrap(admin.invoke('settings.saveCompany', COMPANY));
    await unwrap(admin.invoke('users.create', BEA));
    await unwrap(admin.invoke('users.create', CEM));
    const customer = await unwrap(admin.invoke('customers.save', { name: 'Bäckerei Größe KG', billingAddress: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business' }));
    const product = await unwrap(admin.invoke('products.save', { sku: 'MEHL-25', nameDe: 'Mehl 25 kg', nameEn: 'Flour 25 kg', netPrice: '18.50', vatRate: '7', stockTracked: true }));
    await unwrap(admin.invoke('products.receiveStock', { productId: product.id, quantity: '10' }));
    const order = await unwrap(admin.invoke('orders.save', { customerId: customer.id, orderDate: new Date().toISOString().slice(0, 10), lines: [{ productId: product.id, quantity: '4' }] }));
    orderNumber = (await unwrap(admin.invoke('orders.confirm', { id: order.id }))).number;
  } finally {
    await earlier.close();
  }
  harness = await startHarnessProcess(dataDir);
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(harness.url);
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const switchUser = async () => page.getByRole('button', { name: 'Benutzer wechseln' }).click();

describe('user accounts (browser harness, Chromium)', () => {
  it('the administrator resets a password, changes a role and deactivates a user; all audited', async () => {
    await new LoginPage(page).logIn(ADMIN.name, ADMIN.password);
    const users = new UsersPage(page);
    await users.open();
    expect(await users.resetPassword(BEA, 'Vorlaeufig-1234')).toBe(`Passwort von ${BEA.name} zurückgesetzt`);
    expect((await users.rowOf(BEA.email)).join(' ')).toContain('Muss neues Passwort wählen');
    expect(await users.changeRole(CEM, 'Buchhaltung')).toBe(`Rolle von ${CEM.name} geändert`);
    expect(await users.deactivate(CEM)).toMatch(new RegExp(`^${CEM.name} deaktiviert`));

    const client = await harnessClient(harness);
    await unwrap(client.invoke('auth.login', { login: ADMIN.email, password: ADMIN.password }));
    expect(await unwrap(client.invoke('audit.verify', {}))).toMatchObject({ firstBreak: null });
    client.close();
  });

  it('a deactivated user cannot log in', async () => {
    await switchUser();
    await new LoginPage(page).logIn(CEM.email, CEM.password);
    expect(await new LoginPage(page).errorText()).toContain('Benutzer oder Passwort ist falsch.');
  });

  it('after the reset the user logs in with the new password, must choose an own one first, then works', async () => {
    await page.reload();
    await new LoginPage(page).logIn(BEA.email, BEA.password);
    expect(await new LoginPage(page).errorText()).toContain('Benutzer oder Passwort ist falsch.');
    await page.reload();
    await new LoginPage(page).logIn(BEA.email, 'Vorlaeufig-1234');
    const account = new AccountPage(page);
    await account.waitForChoice();
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).count()).toBe(0);
    await account.choosePassword('Vorlaeufig-1234', 'Meins-Ganz-Eigenes-1');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
    expect(await new FramePage(page).loggedInAs()).toContain(BEA.name);
    await switchUser();
    await new LoginPage(page).logIn(BEA.email, 'Meins-Ganz-Eigenes-1');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
    expect(await new FramePage(page).loggedInAs()).toContain(BEA.name);
  });
});

describe('cancelling an order (browser harness, Chromium)', () => {
  it('asks first, needs a reason, and shows the reason on the cancelled order', async () => {
    const orders = new OrdersPage(page);
    await orders.open();
    const cancel = new OrderCancelPage(page);
    await cancel.openOrder(orderNumber);
    await cancel.ask(orderNumber);
    expect(await cancel.confirmWithoutReason(orderNumber)).toBe('Bitte einen Grund angeben');
    expect(await cancel.confirm(orderNumber, 'Kunde hat telefonisch abgesagt')).toBe(`Auftrag ${orderNumber} storniert`);
    await page.getByText('Storniert: Kunde hat telefonisch abgesagt').waitFor();

    const client = await harnessClient(harness);
    await unwrap(client.invoke('auth.login', { login: BEA.email, password: 'Meins-Ganz-Eigenes-1' }));
    const stored = await unwrap(client.invoke('orders.list', {}));
    expect(stored.items.find((o) => o.number === orderNumber)).toMatchObject({ status: 'cancelled' });
    client.close();
  });
});
