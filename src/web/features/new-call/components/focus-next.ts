/**
 * The intake form's Enter-to-next-field step, as on a paper form: the next field a person can
 * reach (a radio group counts by its checked button), or the Register button.
 */

const FOCUSABLE =
  'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button[type=submit]:not([disabled])';

/**
 * Enter in a one-line field (or on a check box or radio button) moves to the next field, as on a
 * paper form; it never submits. (From the caller's name it goes straight to the question type:
 * see `useIntakeKeys`.)
 */
export function focusNext(form: HTMLFormElement, from: HTMLElement): void {
  const items = Array.from(form.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => {
    if (el.tabIndex < 0 || el.getClientRects().length === 0) return false;
    if (el instanceof HTMLInputElement && el.type === 'radio') return el.checked;
    return true;
  });
  const index = items.indexOf(from);
  items[index + 1]?.focus();
}
