/**
 * Registering the intake form: one idempotency key per filled form, the consultation's answer
 * recorded after it, the server's refusal of a repeat (Art. 8) kept until the operator decides,
 * the outcome (the registered dialog or the error) for the page to show, and the time the
 * registration took (issue 18: from the form's first entry, or the call's screen pop, to
 * registering — an empty screen waiting for the next call does not count).
 */
import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import { newIdempotencyKey } from '../../../shared/lib/idempotency.js';
import { applyServerErrors, errorText } from '../../../shared/lib/server-errors.js';
import {
  formFieldOf,
  useRegisterAppeal,
  type NewCallValues,
  type Registered,
} from '../api/new-call.js';
import { emptyConsultationAnswer, type ConsultationAnswerDraft } from './IntakeArticles.js';
import type { RepeatOf } from './RepeatNotice.js';

/**
 * @param fromScreenPop the screen opened on an incoming call (its phone filled): the time starts at
 *   once.
 */
export function useRegistration(form: UseFormReturn<NewCallValues>, fromScreenPop = false) {
  const { t } = useTranslation();
  const registerAppeal = useRegisterAppeal();
  const [registered, setRegistered] = useState<{
    result: Registered;
    consultation: boolean;
  } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  /** Issue 19: which article(s) answered a consultation, or that none did. */
  const [answer, setAnswer] = useState<ConsultationAnswerDraft>(emptyConsultationAnswer);
  /** The earlier appeal the server refused to repeat (Art. 8), until the operator decides. */
  const [refusedRepeat, setRefusedRepeat] = useState<RepeatOf | null>(null);
  /** One key per filled form: a second press or a retry registers nothing twice. */
  const idempotencyKey = useRef(newIdempotencyKey());
  const sending = useRef(false);
  /** `performance.now()` of the form's first entry since it was opened or cleared; null before. */
  const startedAt = useRef<number | null>(fromScreenPop ? performance.now() : null);
  useEffect(() => {
    const subscription = form.watch((_values, { name }) => {
      if (name && startedAt.current === null) startedAt.current = performance.now();
    });
    return () => subscription.unsubscribe();
  }, [form]);
  /** The call's screen pop filled the form: the registration's time starts now. */
  const startClock = () => {
    startedAt.current ??= performance.now();
  };

  const send = async (values: NewCallValues, repeatReason?: string) => {
    // A second Ctrl+Enter before the first answer (and before a re-render) sends nothing.
    if (sending.current) return;
    sending.current = true;
    setFormError(null);
    try {
      const started = startedAt.current;
      const result = await registerAppeal.mutateAsync({
        values,
        idempotencyKey: idempotencyKey.current,
        ...(repeatReason ? { repeatReason } : {}),
        ...(started !== null
          ? {
              intakeSeconds: Math.min(
                86_400,
                Math.max(0, Math.round((performance.now() - started) / 1000)),
              ),
            }
          : {}),
      });
      setRefusedRepeat(null);
      // Issue 19: the article(s) that answered the consultation, or the note that none did.
      const note = answer.note.trim();
      if (values.kind === 'consultation' && (answer.articleIds.length > 0 || note)) {
        await api
          .post(`/appeals/${result.id}/consultation-answer`, {
            articleIds: answer.articleIds,
            note: note || null,
          })
          .catch((error: unknown) => setFormError(errorText(t, error)));
      }
      setAnswer(emptyConsultationAnswer);
      setRegistered({ result, consultation: values.kind === 'consultation' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'repeat_of_decided_appeal') {
        const repeatOf = (error.data as { repeatOf?: RepeatOf } | undefined)?.repeatOf;
        if (repeatOf) {
          setRefusedRepeat(repeatOf);
          return;
        }
      }
      if (error instanceof ApiError && error.code === 'unknown_question_type') {
        form.setError('questionTypeId', { message: errorText(t, error) }, { shouldFocus: true });
        return;
      }
      setFormError(applyServerErrors(error, form.setError, formFieldOf).unplaced);
    } finally {
      sending.current = false;
    }
  };
  const onSubmit = form.handleSubmit((values) => send(values));

  /** A new form to fill: a new key, and no refused repeat left from the last one. */
  const newForm = () => {
    idempotencyKey.current = newIdempotencyKey();
    startedAt.current = null;
    setRefusedRepeat(null);
  };

  /** The last registration's outcome put away: no dialog, no error, the request forgotten. */
  const clearOutcome = () => {
    setRegistered(null);
    setFormError(null);
    registerAppeal.reset();
  };

  return {
    send,
    onSubmit,
    newForm,
    startClock,
    clearOutcome,
    pending: registerAppeal.isPending,
    registered,
    formError,
    answer,
    setAnswer,
    refusedRepeat,
    setRefusedRepeat,
  };
}
