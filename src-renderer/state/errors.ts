import type { AppErrorValue } from '../../src-shared/contract/index.js';
import type { Translate } from '../translate.js';
import { encodeProblem } from './problems.js';

/** Field errors of a failed call, by field name, as i18n keys with the limits they name (see problems.ts). */
export function fieldErrors(error: AppErrorValue | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of error?.details?.fields ?? []) out[f.field] ??= encodeProblem(f.problem, f.params);
  return out;
}

/** How long to wait, in words: seconds below two minutes, whole minutes above. */
export function waitText(t: Translate, seconds: number): string {
  return seconds < 120 ? t('auth.waitSeconds', { count: seconds }) : t('auth.waitMinutes', { count: Math.ceil(seconds / 60) });
}

/** The message of a failed call in the screen's language, with what the code's text needs filled in. */
export function errorText(t: Translate, error: AppErrorValue): string {
  if (error.code === 'LOGIN_THROTTLED') {
    const seconds = Number(error.details?.retryAfterSeconds ?? 1);
    return t('errors.LOGIN_THROTTLED', { wait: waitText(t, Number.isFinite(seconds) ? seconds : 1) });
  }
  return t(`errors.${error.code}`);
}
