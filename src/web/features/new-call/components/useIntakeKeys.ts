/**
 * The intake form's keyboard: Ctrl+Enter registers; Enter moves on as on a paper form — from the
 * phone after its look-up, from the caller to the question type, never submitting by itself.
 */
import type { KeyboardEvent, RefObject } from 'react';
import type { UseFormGetValues } from 'react-hook-form';
import type { NewCallValues } from '../api/new-call.js';
import { focusNext } from './focus-next.js';

interface IntakeKeys {
  getValues: UseFormGetValues<NewCallValues>;
  /** Registers the form (validated first). */
  onSubmit: () => Promise<void>;
  phoneRef: RefObject<HTMLInputElement | null>;
  questionTypeRef: RefObject<HTMLInputElement | null>;
  /** Enter on the phone: look it up now and move on once it has answered. */
  lookUpNow: () => void;
}

/** The form's `onKeyDown`. */
export function useIntakeKeys({
  getValues,
  onSubmit,
  phoneRef,
  questionTypeRef,
  lookUpNow,
}: IntakeKeys) {
  return (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.defaultPrevented || event.nativeEvent.isComposing) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      void onSubmit();
      return;
    }
    const target = event.target as HTMLElement;
    const field = target instanceof HTMLInputElement || target instanceof HTMLSelectElement;
    if (!field) return; // a text area takes the new line; a button does what it says
    event.preventDefault(); // a check box or radio button would otherwise submit the form
    if (target === phoneRef.current) {
      // Who is calling decides what comes next: look the phone up now, then move on.
      lookUpNow();
      return;
    }
    // Phone → caller → question type → address → text: Enter on the caller's name (or on the known
    // caller chosen) goes on to the question; the caller's optional details are reached by Tab.
    const callerGiven =
      target instanceof HTMLInputElement &&
      (target.name === 'fullName' || (target.type === 'radio' && target.value !== 'new'));
    if (callerGiven && questionTypeRef.current) {
      questionTypeRef.current.focus();
      return;
    }
    // The question type is chosen, not typed: Enter before a choice waits for the list.
    if (target === questionTypeRef.current && getValues('questionTypeId') === null) return;
    focusNext(event.currentTarget, target);
  };
}
