/**
 * Sending the submission form: checked with the domain's schema first (the first field in error
 * gets the focus), then sent with one idempotency key until its receipt is shown — after a lost
 * answer the same body again, so the server keeps one appeal — then the photos, one by one.
 */
import { useState, useRef, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { submissionInputSchema, type SubmissionInput } from '../../../domain/portal-forms.js';
import { ApiError, detailField } from '../../shared/api/client.js';
import { currentLanguage } from '../../shared/i18n/i18n.js';
import { newIdempotencyKey } from '../../shared/lib/idempotency.js';
import { errorText } from '../../shared/lib/server-errors.js';
import { uploadPhoto, useSubmitAppeal, type SubmissionReceiptView } from '../api.js';
import type { PhotoOutcome } from '../components/Receipt.js';
import { fieldErrors, type FieldErrors } from '../lib/form-errors.js';
import { FIELD_ORDER, toInput, type Draft } from '../lib/submission-draft.js';

/** A sent submission: its receipt, what became of each photo, and whether the form had changed. */
export interface Done {
  receipt: SubmissionReceiptView;
  photos: PhotoOutcome[];
  editedAfterLoss: boolean;
}

interface Sending {
  draft: Draft;
  photos: File[];
  formRef: RefObject<HTMLFormElement | null>;
  /** The submission went out and its photos after it. */
  onDone: (done: Done) => void;
}

export function useSendSubmission({ draft, photos, formRef, onDone }: Sending) {
  const { t } = useTranslation();
  const submit = useSubmitAppeal();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [uploading, setUploading] = useState(false);
  // What went out when the answer was lost: sent again as it was (same key, same body), so the
  // server answers with that submission's receipt even if the form was edited meanwhile.
  const unanswered = useRef<SubmissionInput | null>(null);

  const focusFirst = (found: FieldErrors) => {
    const first = FIELD_ORDER.find((f) => f in found) ?? Object.keys(found)[0];
    if (!first) return;
    requestAnimationFrame(() => {
      formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
    });
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submit.isPending || uploading) return;
    setFormError(null);
    const parsed = submissionInputSchema.safeParse(toInput(draft, currentLanguage()));
    if (!parsed.success) {
      const found = fieldErrors(parsed.error, t);
      setErrors(found);
      setFormError(t('portal.submit.fixErrors'));
      focusFirst(found);
      return;
    }
    setErrors({});
    const input = unanswered.current ?? parsed.data;
    let receipt: SubmissionReceiptView;
    try {
      receipt = await submit.mutateAsync({ input, idempotencyKey });
    } catch (error) {
      if (error instanceof ApiError) {
        const found: FieldErrors = {};
        for (const d of error.details) found[detailField(d.path)] = d.message;
        setErrors(found);
        setFormError(error.message);
        focusFirst(found);
      } else {
        // The network failed: the same key again can only give the same appeal.
        unanswered.current = input;
        setFormError(t('portal.submit.networkError'));
      }
      return;
    }
    const editedAfterLoss =
      unanswered.current !== null &&
      JSON.stringify(unanswered.current) !== JSON.stringify(parsed.data);
    unanswered.current = null;
    setUploading(true);
    const outcomes: PhotoOutcome[] = [];
    for (const file of photos) {
      try {
        const photo = await uploadPhoto(receipt, file);
        // The same photo twice is stored once: count what the server kept.
        if (!outcomes.some((o) => o.ok && o.id === photo.id)) {
          outcomes.push({ name: file.name, ok: true, id: photo.id });
        }
      } catch (error) {
        outcomes.push({ name: file.name, ok: false, message: errorText(t, error) });
      }
    }
    setUploading(false);
    onDone({ receipt, photos: outcomes, editedAfterLoss });
  };

  /** A new form: a new key, nothing left to send again. */
  const forget = () => {
    setIdempotencyKey(newIdempotencyKey());
    submit.reset();
    unanswered.current = null;
  };

  return {
    onSubmit,
    forget,
    errors,
    formError,
    uploading,
    busy: submit.isPending || uploading,
  };
}
