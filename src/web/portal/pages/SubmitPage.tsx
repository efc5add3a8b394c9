import { Alert, Button, Checkbox, Divider, Fieldset, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { portalConfigQuery, publicQuestionTypesQuery } from '../api.js';
import { ApplicantFieldset } from '../components/ApplicantFieldset.js';
import { PhotoPicker } from '../components/PhotoPicker.js';
import { PlaceFieldset } from '../components/PlaceFieldset.js';
import { QuestionFieldset } from '../components/QuestionFieldset.js';
import { Receipt } from '../components/Receipt.js';
import { StatisticsFieldset } from '../components/StatisticsFieldset.js';
import { usePointPlace } from '../hooks/usePointPlace.js';
import { useSendSubmission, type Done } from '../hooks/useSendSubmission.js';
import { EMPTY_DRAFT, type Draft } from '../lib/submission-draft.js';

/**
 * Submit an appeal: question type, what and where (address and/or a point), photos, who (Art. 5),
 * optionally the author's statistics (Classifier No. 858), consent. Send twice, or again after a network error, and the server keeps one appeal: the form
 * carries one idempotency key until its receipt is shown.
 */
export function SubmitPage() {
  const { t } = useTranslation();
  const config = useQuery(portalConfigQuery);
  const kinds = useQuery(publicQuestionTypesQuery);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [photos, setPhotos] = useState<File[]>([]);
  // The receipt lives in this history entry: a reload shows it again, the menu opens a new form.
  const location = useLocation();
  const navigate = useNavigate();
  const done = (location.state as { done?: Done } | null)?.done ?? null;
  const formRef = useRef<HTMLFormElement>(null);
  const sending = useSendSubmission({
    draft,
    photos,
    formRef,
    onDone: (result) => {
      void navigate('.', { replace: true, state: { done: result } });
      window.scrollTo({ top: 0 });
    },
  });

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const { pointPlace, setPointPlace, choosePoint } = usePointPlace(set, setDraft);

  const startAgain = () => {
    setDraft(EMPTY_DRAFT);
    setPhotos([]);
    sending.forget();
    void navigate('.', { replace: true, state: null });
  };

  if (done) {
    return (
      <Receipt
        receipt={done.receipt}
        photos={done.photos}
        editedAfterLoss={done.editedAfterLoss}
        onNew={startAgain}
      />
    );
  }

  const { busy, uploading, errors, formError } = sending;
  const err = (path: string) => errors[path];

  return (
    <Stack gap="md" maw={760}>
      <div>
        <Title order={1}>{t('portal.submit.title')}</Title>
        <Text c="dimmed">{t('portal.submit.subtitle')}</Text>
      </div>
      <form ref={formRef} onSubmit={(e) => void sending.onSubmit(e)} noValidate aria-busy={busy}>
        <Stack gap="lg">
          <QuestionFieldset kinds={kinds.data} draft={draft} set={set} err={err} />
          <PlaceFieldset
            draft={draft}
            set={set}
            err={err}
            pointPlace={pointPlace}
            onBuildingPicked={() => setPointPlace(null)}
            choosePoint={choosePoint}
          />

          <Fieldset legend={t('portal.submit.photos')}>
            <PhotoPicker
              value={photos}
              onChange={setPhotos}
              maxBytes={config.data?.photos.maxBytes ?? 10 * 1024 * 1024}
            />
          </Fieldset>

          <ApplicantFieldset draft={draft} set={set} err={err} />
          <StatisticsFieldset draft={draft} set={set} err={err} />

          <Divider />
          <Checkbox
            data-field="consent"
            label={t('portal.submit.consent')}
            checked={draft.consent}
            onChange={(e) => set('consent', e.currentTarget.checked)}
            error={err('consent')}
            required
          />
          <div aria-live="assertive">
            {formError ? (
              <Alert color="red" variant="light" title={t('portal.submit.notSent')}>
                {formError}
              </Alert>
            ) : null}
          </div>
          <Button type="submit" size="md" loading={busy} disabled={busy}>
            {uploading ? t('portal.submit.uploading') : t('portal.submit.send')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
