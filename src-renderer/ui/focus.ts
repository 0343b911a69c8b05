import { useEffect, useRef, type RefObject } from 'react';

/** Moves focus to `element` (made focusable by script only, tabIndex -1, if it is not). */
export function focusElement(element: HTMLElement | null | undefined): boolean {
  if (!element || !element.isConnected) return false;
  if (element.tabIndex < 0 && !element.hasAttribute('tabindex')) element.tabIndex = -1;
  element.focus();
  return document.activeElement === element;
}

/** The heading of the screen or record shown in `root`. */
export function headingIn(root: ParentNode): HTMLElement | null {
  return root.querySelector<HTMLElement>('h1');
}

/** Focus is lost when it rests on the page itself (the focused control was removed or disabled). */
export function focusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || active === document.documentElement || !active.isConnected;
}

/** What identifies a control to its user: its kind and its name (aria-label, name or text). */
export function signatureOf(element: Element): string {
  const name = element.getAttribute('aria-label') ?? element.getAttribute('name') ?? element.textContent ?? '';
  return `${element.tagName}|${name.trim()}`;
}

/** The one enabled control in `root` with `signature` (the same field drawn anew after a save). */
function sameControl(root: HTMLElement, signature: string): HTMLElement | null {
  const [tag] = signature.split('|');
  const matches = [...root.querySelectorAll<HTMLElement>(tag!)].filter((el) => signatureOf(el) === signature && !el.matches(':disabled'));
  return matches.length === 1 ? matches[0]! : null;
}

/** A control that can still take focus: in the page, enabled, drawn (a hidden or removed one cannot). */
function stillThere(element: HTMLElement): boolean {
  return element.isConnected && !element.matches(':disabled') && !element.closest('[hidden], [inert]') && element.getClientRects().length > 0;
}

function dialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/**
 * Keeps the keyboard user's place in `root` (the main area): when another screen, record or list
 * is shown (a new heading), focus moves to its heading; when the focused control disappears or is
 * disabled (saved, confirmed, removed), focus goes to the heading instead of the page body.
 * `onHeading` hears the heading's text, for the window title.
 */
export function keepFocus(root: HTMLElement, onHeading: (text: string) => void): () => void {
  let heading: HTMLElement | null = null;
  let text = '';
  /** The control that had focus last, to find it again when it is drawn anew. */
  let last = '';
  /** A click on empty space also leaves focus on the page: that is the user's choice, not a loss. */
  let clickedBlank = false;
  /** Focus left a control that is still there to take it (a script's blur, the page given up): a choice too, not a loss. */
  let leftOnPurpose = false;
  const check = (initial: boolean) => {
    const current = headingIn(root);
    const currentText = current?.textContent?.trim() ?? '';
    if (currentText !== text) {
      text = currentText;
      onHeading(text);
    }
    if (current !== heading) {
      heading = current;
      last = '';
      // A new heading is a new place: go there, unless the user already moved inside it.
      if (current && !dialogOpen() && (initial || focusLost() || !root.contains(document.activeElement))) focusElement(current);
      return;
    }
    if (current && focusLost() && !dialogOpen() && !clickedBlank && !leftOnPurpose) {
      const again = last ? sameControl(root, last) : null;
      if (!again || !focusElement(again)) focusElement(current);
    }
  };
  const onFocusIn = (event: FocusEvent) => {
    const target = event.target as HTMLElement;
    last = target.tagName === 'H1' || target === root ? '' : signatureOf(target);
  };
  root.addEventListener('focusin', onFocusIn);
  const onPointerDown = (event: PointerEvent) => {
    const target = event.target instanceof Element ? event.target : null;
    clickedBlank = !target?.closest('button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"]), label');
  };
  const onKeyDown = () => {
    clickedBlank = false;
  };
  const onAnyFocus = () => {
    leftOnPurpose = false;
  };
  document.addEventListener('focusin', onAnyFocus, true);
  document.addEventListener('pointerdown', onPointerDown, true);
  document.addEventListener('keydown', onKeyDown, true);
  const observer = new MutationObserver(() => check(false));
  observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['disabled', 'hidden'] });
  // Focus can also be lost without a change in the main area (a closed panel above it).
  const onFocusOut = (event: FocusEvent) => {
    const left = event.target as HTMLElement;
    setTimeout(() => {
      // Blurred while still shown and enabled: focus was let go, not lost; keep the page's place
      // (so Tab from there starts at the top, with the skip link) instead of taking focus back.
      leftOnPurpose = focusLost() && stillThere(left);
      check(false);
    }, 0);
  };
  root.addEventListener('focusout', onFocusOut);
  check(true);
  return () => {
    observer.disconnect();
    root.removeEventListener('focusout', onFocusOut);
    root.removeEventListener('focusin', onFocusIn);
    document.removeEventListener('pointerdown', onPointerDown, true);
    document.removeEventListener('keydown', onKeyDown, true);
    document.removeEventListener('focusin', onAnyFocus, true);
  };
}

/** Focuses the first field marked invalid in `root`. */
export function focusFirstInvalid(root: ParentNode | null | undefined): boolean {
  const field = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  return focusElement(field);
}

/**
 * After a failed save: once the new field errors are shown, focus the first invalid field of the
 * form. `errors` is the errors object of the last save (a new object per attempt).
 */
export function useFocusFirstInvalid(root: RefObject<HTMLElement | null>, errors: Record<string, string>): void {
  useEffect(() => {
    if (Object.keys(errors).length) focusFirstInvalid(root.current);
  }, [root, errors]);
}

/**
 * A popover (a panel opened by a button): Escape and a click or focus outside of it close it.
 * Focus returns to its button after Escape, and after a click that left focus nowhere.
 */
export function useDismiss(open: boolean, container: RefObject<HTMLElement | null>, button: RefObject<HTMLElement | null>, close: () => void): void {
  const closeRef = useRef(close);
  closeRef.current = close;
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      closeRef.current();
      button.current?.focus();
    };
    const onPointer = (event: Event) => {
      const target = event.target as Node | null;
      if (target && container.current?.contains(target)) return;
      closeRef.current();
      if (event.type === 'mousedown') setTimeout(() => focusLost() && button.current?.focus(), 0);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('focusin', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('focusin', onPointer);
    };
  }, [open, container, button]);
}

/** The window title: the place, the screen, the product; each part once. */
export function pageTitle(parts: (string | null | undefined)[]): string {
  const seen: string[] = [];
  for (const part of parts) {
    const text = part?.trim();
    if (text && !seen.includes(text)) seen.push(text);
  }
  return seen.join(' – ');
}

/** Sets the window title while the calling screen is shown. */
export function useDocumentTitle(...parts: (string | null | undefined)[]): void {
  const title = pageTitle(parts);
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/** Focuses the first field of `root` when it is first shown (a form that is the whole page). */
export function useFocusFirstField(root: RefObject<HTMLElement | null>, ready = true): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !ready || !root.current) return;
    const field = root.current.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])');
    if (field) {
      done.current = true;
      field.focus();
    }
  }, [root, ready]);
}
