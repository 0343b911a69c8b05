import { translateKnown, type Language } from '../../src-shared/i18n/index.js';

/**
 * What the app says when it cannot start (no window yet, so the shell shows it in a message
 * box): the translated text of the error's code, with the file or folder concerned. An error
 * without a translated code keeps its own (English) message.
 */
export function startFailureText(error: unknown, language: Language): string {
  const { code, message, details } = (error ?? {}) as { code?: unknown; message?: unknown; details?: { filename?: unknown; dataDir?: unknown } };
  const key = `errors.${String(code)}`;
  const text = typeof code === 'string' ? translateKnown(language, key) : key;
  if (text === key) return typeof message === 'string' ? message : String(error);
  const where = details?.filename ?? details?.dataDir;
  return typeof where === 'string' ? `${text}\n\n${where}` : text;
}
