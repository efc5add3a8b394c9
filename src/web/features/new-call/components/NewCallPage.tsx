/**
 * The operator's intake screen: the caller's section and the appeal's, the articles and script
 * for the question, the repeat notices, Register, and the registered dialog. The state lives in
 * hooks beside it: `useCallerLookup` (who is calling), `useRegistration` (sending), `useIntakeKeys`
 * (the keyboard).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Grid, Group, Kbd, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { QuestionType } from '../../../shared/api/types.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formResolver } from '../../../shared/lib/form-resolver.js';
import {
  applicantsByPhoneQuery,
  emptyAppeal,
  newCallDefaults,
  newCallSchema,
  type NewCallValues,
} from '../api/new-call.js';
import { AppealSection } from './AppealSection.js';
import { CallerSection } from './CallerSection.js';
import { IntakeArticles, IntakeScript } from './IntakeArticles.js';
import { RegisteredDialog } from './RegisteredDialog.js';
import { RepeatRefusal, RepeatWarning } from './RepeatNotice.js';
import { useCallerLookup } from './useCallerLookup.js';
import { useIntakeKeys } from './useIntakeKeys.js';
import { useRegistration } from './useRegistration.js';

/**
 * The operator's screen for one call: the caller's phone first, then who they are, what the
 * question is, where, and Register. Everything is reachable by keyboard; Ctrl+Enter registers.
 */
export function NewCallPage() {
  const { t } = useTranslation();
  // Issue 20: the screen pop opens `/new-call?phone=…&call=…` — the caller's number filled in and
  // looked up at once. (The appeal is linked to the call by the server: registered by the call's
  // operator while it is answered; see ADR 040.)
  const [searchParams] = useSearchParams();
  const phoneFromCall = (searchParams.get('phone') ?? '').trim().slice(0, 30);
  const callFromUrl = searchParams.get('call');
  const form = useForm<NewCallValues>({
    resolver: formResolver(zodResolver(newCallSchema)),
    defaultValues: phoneFromCall
      ? { ...newCallDefaults, phone: phoneFromCall, channel: 'phone' }
      : newCallDefaults,
  });
  const { getValues, watch } = form;
  const registration = useRegistration(form, phoneFromCall !== '');
  const { send, onSubmit, newForm, startClock, clearOutcome, refusedRepeat, setRefusedRepeat } =
    registration;
  const queryClient = useQueryClient();
  const [questionType, setQuestionType] = useState<QuestionType | null>(null);
  /** Bumped when the form is cleared, so the question-type search starts empty. */
  const [generation, setGeneration] = useState(0);
  const questionTypeRef = useRef<HTMLInputElement | null>(null);
  const lookup = useCallerLookup(form, phoneFromCall, generation);
  const { phoneRef, applicantId, selectApplicant } = lookup;

  const subject = watch('subject');
  const kind = watch('kind');

  const nextCall = () => {
    newForm();
    lookup.forget();
    form.reset(newCallDefaults);
    setGeneration((g) => g + 1);
    setQuestionType(null);
    clearOutcome();
    window.setTimeout(() => phoneRef.current?.focus(), 0);
  };

  /** Another question from the same caller: keep who they are, clear what the question is. */
  const sameCaller = () => {
    const values = getValues();
    newForm();
    // The same place, most often: the address as typed and the registry's building with it.
    form.reset({
      ...values,
      ...emptyAppeal,
      address: values.address,
      buildingId: values.buildingId,
    });
    setGeneration((g) => g + 1);
    setQuestionType(null);
    clearOutcome();
    window.setTimeout(() => questionTypeRef.current?.focus(), 0);
    // A new applicant is on record now: use that record rather than create a second one.
    if (values.applicantId === null && values.phone.trim() && values.subject !== 'anonymous') {
      void queryClient
        .fetchQuery(applicantsByPhoneQuery(values.phone.trim()))
        .then((found) => {
          const same = found.find((a) => a.fullName === values.fullName.trim());
          if (same && getValues('applicantId') === null) selectApplicant(same);
        })
        .catch(() => undefined);
    }
  };

  // A later screen pop while this screen is open: a fresh form for the new caller.
  const shownCall = useRef(callFromUrl);
  useEffect(() => {
    if (shownCall.current === callFromUrl) return;
    shownCall.current = callFromUrl;
    if (!phoneFromCall) return;
    nextCall();
    form.reset({ ...newCallDefaults, phone: phoneFromCall, channel: 'phone' });
    startClock();
    lookup.setEnteredPhone(phoneFromCall);
  }, [callFromUrl, phoneFromCall]);

  const onKeyDown = useIntakeKeys({
    getValues,
    onSubmit,
    phoneRef,
    questionTypeRef,
    lookUpNow: lookup.lookUpNow,
  });

  return (
    <>
      <PageHeader
        title={t('newCall.title')}
        description={t('newCall.subtitle')}
        actions={
          <Button type="button" variant="default" onClick={nextCall}>
            {t('newCall.clear')}
          </Button>
        }
      />
      <form
        onSubmit={(event) => void onSubmit(event)}
        onKeyDown={onKeyDown}
        noValidate
        aria-label={t('newCall.title')}
      >
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <CallerSection form={form} lookup={lookup} subject={subject} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <AppealSection
                form={form}
                generation={generation}
                questionType={questionType}
                setQuestionType={setQuestionType}
                onPicked={() => setRefusedRepeat(null)}
                questionTypeRef={questionTypeRef}
              />
              <IntakeScript questionTypeId={questionType?.id ?? null} />
              <IntakeArticles
                questionTypeId={questionType?.id ?? null}
                consultation={kind === 'consultation'}
                value={registration.answer}
                onChange={registration.setAnswer}
              />
              {subject !== 'anonymous' && !refusedRepeat ? (
                <RepeatWarning
                  applicantId={applicantId}
                  questionTypeId={questionType?.id ?? null}
                  address={watch('address')}
                />
              ) : null}
              {refusedRepeat ? (
                <RepeatRefusal
                  key={refusedRepeat.id}
                  repeatOf={refusedRepeat}
                  sending={registration.pending}
                  onRegisterAnyway={(reason) => void send(getValues(), reason)}
                />
              ) : null}
              {registration.formError ? (
                <Alert color="red" variant="light" title={t('newCall.notRegistered')} role="alert">
                  {registration.formError}
                </Alert>
              ) : null}
              <Group justify="space-between" gap="sm">
                <Text size="sm" c="dimmed">
                  <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> {t('newCall.shortcut')}
                </Text>
                <Button
                  type="submit"
                  size="md"
                  loading={registration.pending}
                  disabled={registration.pending}
                >
                  {kind === 'consultation'
                    ? t('newCall.registerConsultation')
                    : t('newCall.register')}
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
        </Grid>
      </form>
      <RegisteredDialog
        registered={registration.registered?.result ?? null}
        consultation={registration.registered?.consultation ?? false}
        onNewCall={nextCall}
        onSameCaller={sameCaller}
      />
    </>
  );
}
