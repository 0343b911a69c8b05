/**
 * The Electron shell: single instance, one hardened window, the renderer served from the
 * `app://` protocol with a strict CSP, the books opened in the user data folder, and the
 * contract carried over IPC. Everything below the shell runs without Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, net, powerMonitor, protocol, safeStorage, screen, session, shell } from 'electron';
import type { Language } from '../../src-shared/i18n/index.js';
import type { ShortcutAction } from '../../src-shared/keyboard/shortcuts.js';
import { translate } from '../../src-shared/i18n/index.js';
import { APP_VERSION } from '../../src-shared/version.js';
import type { SecretBox } from '../store/secret-box.js';
import { startServices, type Services } from '../services.js';
import { registerIpc } from './ipc.js';
import { menuTemplate } from './menu.js';
import { startFailureText } from './start-failure.js';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, contentTypeOf, isSafeExternalUrl, resolveRendererFile } from './security.js';
import { fitToDisplays, readWindowState, writeWindowState, type WindowState } from './window-state.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '../renderer');
const preloadFile = path.join(here, '../preload/preload.cjs');
/** Fonts and templates: beside the app in development, in the package's resources when installed. */
const resourcesDir = app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(here, '../../resources');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

/**
 * Secrets sealed by the operating system's key store. On Linux the store may be `basic_text`
 * (no Secret Service or KWallet): the box says so, and Settings warns that it protects nothing.
 */
export function osSecretBox(): SecretBox {
  return {
    kind: 'os-keystore',
    ...(process.platform === 'linux' ? { backend: safeStorage.getSelectedStorageBackend() } : {}),
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

/**
 * Sends a PDF to the operating system's print dialog: a hidden window shows it with Chromium's
 * PDF viewer and prints it. The file lives in the temp folder only while printing.
 */
async function printPdf(bytes: Buffer, title: string): Promise<boolean> {
  // A folder of its own (0700, random name) and a file only this user may read.
  const folder = fs.mkdtempSync(path.join(app.getPath('temp'), 'rechnungswerk-print-'));
  const file = path.join(folder, 'document.pdf');
  fs.writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' });
  const window = new BrowserWindow({
    show: false,
    title,
    webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
  });
  try {
    await window.loadURL(pathToFileURL(file).toString());
    return await new Promise<boolean>((resolve) => window.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success)));
  } finally {
    window.destroy();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

let services: Services | undefined;
let mainWindow: BrowserWindow | undefined;
let language: Language = app.getLocale().startsWith('de') ? 'de' : 'en';

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveRendererFile(rendererRoot, request.url);
    if (!file || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      return new Response('Not found', { status: 404 });
    }
    const response = await net.fetch(`file://${file}`);
    const headers = new Headers(response.headers);
    headers.set('Content-Type', contentTypeOf(file));
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: 200, headers });
  });
}

function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`) && url !== devServerUrl) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}

function applyMenu(): void {
  const actions = {
    setLanguage: (lang: Language) => {
      language = lang;
      applyMenu();
    },
    about: () =>
      void dialog.showMessageBox({ type: 'info', title: translate(language, 'menu.about'), message: `${translate(language, 'app.name')} ${APP_VERSION}` }),
    // The screens run it like the keys; the event goes to this window only, on the event channel.
    shortcut: (action: ShortcutAction) => mainWindow?.webContents.send('api:event', 'app.shortcut', { action }),
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, actions, process.platform === 'darwin')));
}

function createWindow(dataDir: string): BrowserWindow {
  const state = fitToDisplays(readWindowState(dataDir), screen.getAllDisplays().map((d) => d.workArea));
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: translate(language, 'app.name'),
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: true,
      // Middle-click would otherwise open links in new windows (auxclick).
      disableBlinkFeatures: 'Auxclick',
      // Chromium's built-in PDF viewer, for the document preview (PDFs made by the app itself).
      plugins: true,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  const save = () => {
    const bounds = window.getNormalBounds();
    const next: WindowState = { ...bounds, maximized: window.isMaximized() };
    writeWindowState(dataDir, next);
  };
  window.on('close', save);
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  await app.whenReady();
  const dataDir = app.getPath('userData');
  try {
    services = await startServices({
      dataDir,
      // Without a key store the key file in the data folder seals them; Settings shows a warning.
      secrets: safeStorage.isEncryptionAvailable() ? osSecretBox() : undefined,
      shell: { printPdf },
      documents: { pdfWorkerFile: path.join(here, 'render-worker.js'), fontsDir: path.join(resourcesDir, 'fonts'), rulesDir: path.join(resourcesDir, 'einvoice-rules') },
      mail: { templatesDir: path.join(resourcesDir, 'mail') },
    });
    void services.documents.warm();
    const setupToken = services.setup.current();
    if (setupToken) console.log(`First start: setup token ${setupToken} (also in ${services.setup.filePath}); the app window receives it by itself.`);
    // Back online or awake again: the outbox looks for due messages at once.
    const kick = () => services?.mail.kick();
    powerMonitor.on('resume', kick);
    powerMonitor.on('unlock-screen', kick);
    services.scheduler.register(
      'shell.outboxWhenOnline',
      async () => {
        if (net.isOnline()) kick();
      },
      { everyMs: 60_000 },
    );
  } catch (error) {
    dialog.showErrorBox(translate(language, 'app.name'), startFailureText(error, language));
    app.quit();
    return;
  }
  serveRenderer();
  hardenWebContents();
  registerIpc(services, devServerUrl);
  applyMenu();
  mainWindow = createWindow(dataDir);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(dataDir);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  void services?.close();
});

void start();
