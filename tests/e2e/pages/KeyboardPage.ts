import type { Page } from 'playwright-core';

/** What has focus: its tag, accessible label (label, aria-label or text) and role. */
export type Focused = { tag: string; label: string; role: string | null };

/** The focused element wanted: its label as text or as a regular expression's source, and its tag. */
type Want = { text?: string; source?: string; flags?: string; tag?: string | undefined };

/** In the page: what has focus; with `want`, that only when it matches (false otherwise). */
function focusState(want: Want | null): Focused | false {
  const el = document.activeElement as HTMLElement | null;
  let now: Focused = { tag: 'BODY', label: '', role: null };
  if (el && el !== document.body) {
    const byFor = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
    const text = el.getAttribute('aria-label') ?? byFor?.textContent ?? el.textContent ?? '';
    now = { tag: el.tagName, label: text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s*\*$/, '').replace(/\s+/g, ' ').trim(), role: el.getAttribute('role') };
  }
  if (!want) return now;
  const labelMatches = want.text !== undefined ? now.label === want.text : new RegExp(want.source ?? '', want.flags).test(now.label);
  return labelMatches && (!want.tag || now.tag === want.tag) ? now : false;
}

/** Drives the app with the keyboard only (page.keyboard) and reads where focus is. */
export class KeyboardPage {
  /** Tab presses made so far, for counting tab stops. */
  tabs = 0;

  constructor(private readonly page: Page) {}

  async focused(): Promise<Focused> {
    return (await this.page.evaluate(focusState, null)) as Focused;
  }

  /** Waits (bounded) until focus is on an element whose label matches. */
  async expectFocus(label: string | RegExp, tag?: string): Promise<Focused> {
    const want: Want = typeof label === 'string' ? { text: label, tag } : { source: label.source, flags: label.flags, tag };
    try {
      return (await (await this.page.waitForFunction(focusState, want, { timeout: 10_000 })).jsonValue()) as Focused;
    } catch {
      const last = await this.focused();
      throw new Error(`Focus is on ${last.tag} "${last.label}", not on ${tag ?? 'an element'} "${label}"`);
    }
  }

  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Replaces the focused field's text. */
  async replace(text: string): Promise<void> {
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(text);
  }

  /** Presses Tab until focus is on `label` (at most `limit` times); returns how many Tabs it took. */
  async tabTo(label: string | RegExp, limit = 40): Promise<number> {
    for (let n = 1; n <= limit; n++) {
      await this.page.keyboard.press('Tab');
      this.tabs++;
      const now = await this.focused();
      if (typeof label === 'string' ? now.label === label : label.test(now.label)) return n;
    }
    throw new Error(`"${label}" not reached within ${limit} Tab presses (now on ${(await this.focused()).label})`);
  }

  async title(): Promise<string> {
    return this.page.title();
  }
}
