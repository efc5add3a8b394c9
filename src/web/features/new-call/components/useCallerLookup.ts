/**
 * Who is calling, from the phone: the applicants on record with the typed number (looked up once
 * it settles, or at once on Enter), the one taken when there is only one, and the move to the next
 * field once Enter's look-up has answered.
 */
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Applicant } from '../../../shared/api/types.js';
import { applicantsByPhoneQuery, type NewCallValues } from '../api/new-call.js';
import { focusNext } from './focus-next.js';

const phoneDigitsOf = (value: string) => value.replace(/\D/g, '').length;

/**
 * The caller's part of the intake form. `phoneFromCall` is the screen pop's number (looked up at
 * once); `generation` is bumped when the form is cleared, so a phone is auto-chosen again.
 */
export function useCallerLookup(
  form: UseFormReturn<NewCallValues>,
  phoneFromCall: string,
  generation: number,
) {
  const { setValue, getValues, watch } = form;
  const phoneRef = useRef<HTMLInputElement | null>(null);
  const autoChosenFor = useRef<string | null>(null);

  const phone = watch('phone');
  const applicantId = watch('applicantId');
  const [debouncedPhone] = useDebouncedValue(phone.trim(), 300);
  /** The phone Enter was pressed on: looked up at once, without waiting for the debounce. */
  const [enteredPhone, setEnteredPhone] = useState<string | null>(phoneFromCall || null);
  const lookupPhone = enteredPhone === phone.trim() ? enteredPhone : debouncedPhone;
  const matches = useQuery(applicantsByPhoneQuery(lookupPhone));
  /** Enter on the phone waits for the look-up, then moves on (to the caller it found or to a new one). */
  const focusAfterLookup = useRef(false);
  const [phoneEnters, setPhoneEnters] = useState(0);
  const found = phone.trim() === '' ? [] : (matches.data ?? []);
  const chosen = found.find((a) => a.id === applicantId) ?? null;

  const selectApplicant = (applicant: Applicant | null) => {
    setValue('applicantId', applicant?.id ?? null);
    setValue('fullName', applicant?.fullName ?? '');
    setValue('email', applicant?.email ?? '');
    setValue('applicantAddress', applicant?.address ?? '');
    setValue('privilegedCategory', applicant?.privilegedCategory ?? '');
    setValue('authorSex', applicant?.sex ?? '');
    if (applicant?.address && getValues('address') === '') setValue('address', applicant.address);
    form.clearErrors(['fullName', 'email', 'applicantAddress']);
  };

  // One applicant on record with this phone: take them (the operator can switch to "new").
  // Only once the typed phone has settled, and once per phone (per cleared form). Never while the
  // operator is in the new caller's fields: the answer arriving late must not take away the field
  // they are typing in (the match is listed above it instead).
  const settled = phone.trim() === lookupPhone;
  const newCallerRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!settled || !matches.data || autoChosenFor.current === lookupPhone) return;
    autoChosenFor.current = lookupPhone;
    const only = matches.data.length === 1 ? matches.data[0] : undefined;
    const typingNewCaller = newCallerRef.current?.contains(document.activeElement) ?? false;
    if (
      only &&
      getValues('applicantId') === null &&
      getValues('fullName') === '' &&
      !typingNewCaller
    ) {
      selectApplicant(only);
    } else if (!matches.data.some((a) => a.id === getValues('applicantId'))) {
      if (getValues('applicantId') !== null) selectApplicant(null);
    }
  }, [matches.data, lookupPhone, settled, generation]);

  // After Enter on the phone: once the look-up has answered and the caller's part is drawn for
  // it, the next field (the caller found, or a new caller's name) — unless the operator has
  // moved elsewhere meanwhile.
  const lookupDone =
    settled &&
    (phoneDigitsOf(lookupPhone) < 5 || (matches.data !== undefined && !matches.isFetching));
  useEffect(() => {
    if (!focusAfterLookup.current || !lookupDone) return;
    if (phoneDigitsOf(lookupPhone) >= 5 && autoChosenFor.current !== lookupPhone) return;
    focusAfterLookup.current = false;
    const phoneInput = phoneRef.current;
    const formElement = phoneInput?.form;
    if (!phoneInput || !formElement) return;
    // Wait for the frame that shows the chosen caller (or the new caller's fields).
    let frames = 0;
    const move = () => {
      if (document.activeElement !== phoneInput) return;
      const chosenShown = formElement.querySelector('[data-testid="chosen-applicant"]') !== null;
      if (chosenShown !== (getValues('applicantId') !== null) && frames++ < 20) {
        requestAnimationFrame(move);
        return;
      }
      focusNext(formElement, phoneInput);
    };
    requestAnimationFrame(move);
  }, [lookupDone, lookupPhone, applicantId, phoneEnters]);

  /** Enter on the phone: who is calling decides what comes next — look it up now, then move on. */
  const lookUpNow = () => {
    const typed = getValues('phone').trim();
    focusAfterLookup.current = true;
    setEnteredPhone(typed);
    setPhoneEnters((n) => n + 1);
  };

  /** A cleared form: no phone entered, no move pending, any phone may be auto-chosen again. */
  const forget = () => {
    setEnteredPhone(null);
    focusAfterLookup.current = false;
    autoChosenFor.current = null;
  };

  return {
    phoneRef,
    newCallerRef,
    applicantId,
    matches,
    found,
    chosen,
    selectApplicant,
    lookUpNow,
    /** The screen pop's phone, looked up at once. */
    setEnteredPhone,
    forget,
  };
}

/** What `useCallerLookup` gives the caller's section and the page. */
export type CallerLookup = ReturnType<typeof useCallerLookup>;
