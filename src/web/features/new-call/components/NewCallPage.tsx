import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Kbd,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { APPEAL_KINDS, APPEAL_SUBJECTS, RECEIPT_SIGNS } from '../../../../domain/vocabulary.js';
import { api, ApiError } from '../../../shared/api/client.js';
import type { Applicant, QuestionType } from '../../../shared/api/types.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formResolver } from '../../../shared/lib/form-resolver.js';
import { newIdempotencyKey } from '../../../shared/lib/idempotency.js';
import { applyServerErrors, errorText } from '../../../shared/lib/server-errors.js';
import {
  INTAKE_CHANNELS,
  PRIVILEGED_CATEGORIES,
  applicantsByPhoneQuery,
  emptyAppeal,
  formFieldOf,
  newCallDefaults,
  newCallSchema,
  routingPreviewQuery,
  useRegisterAppeal,
  type NewCallValues,
  type Registered,
} from '../api/new-call.js';
import { AddressInput } from './AddressInput.js';
import { RegistryAddressField } from './RegistryAddressField.js';
import { WorksAtAddress } from '../../../shared/ui/WorksAtAddress.js';
import { ApplicantMatches, EarlierAppeals } from './ApplicantMatches.js';
import { QuestionTypePicker } from '../../../shared/ui/QuestionTypePicker.js';
import { QuestionTypeSuggestions } from '../../../shared/ui/QuestionTypeSuggestions.js';
import { RegisteredDialog } from './RegisteredDialog.js';
import { AuthorStatisticsFields } from './AuthorStatisticsFields.js';
import {
  emptyConsultationAnswer,
  IntakeArticles,
  IntakeScript,
  type ConsultationAnswerDraft,
} from './IntakeArticles.js';
import { RepeatRefusal, RepeatWarning, type RepeatOf } from './RepeatNotice.js';

const phoneDigitsOf = (value: string) => value.replace(/\D/g, '').length;

const FOCUSABLE =
  'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button[type=submit]:not([disabled])';

/**
 * Enter in a one-line field (or on a check box or radio button) moves to the next field, as on a
 * paper form; it never submits. (From the caller's name it goes straight to the question type:
 * see `onKeyDown`.)
 */
function focusNext(form: HTMLFormElement, from: HTMLElement): void {
  const items = Array.from(form.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => {
    if (el.tabIndex < 0 || el.getClientRects().length === 0) return false;
    if (el instanceof HTMLInputElement && el.type === 'radio') return el.checked;
    return true;
  });
  const index = items.indexOf(from);
  items[index + 1]?.focus();
}

/**
 * The operator's screen for one call: the caller's phone first, then who they are, what the
 * question is, where, and Register. Everything is reachable by keyboard; Ctrl+Enter registers.
 */
export function NewCallPage() {
  const { t, i18n } = useTranslation();
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
  const { register, control, setValue, getValues, watch, formState } = form;
  const errors = formState.errors;
  const registerAppeal = useRegisterAppeal();
  const queryClient = useQueryClient();
  const [questionType, setQuestionType] = useState<QuestionType | null>(null);
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
  /** Bumped when the form is cleared, so the question-type search starts empty. */
  const [generation, setGeneration] = useState(0);
  const phoneRef = useRef<HTMLInputElement | null>(null);
  const questionTypeRef = useRef<HTMLInputElement | null>(null);
  const autoChosenFor = useRef<string | null>(null);

  const phone = watch('phone');
  const applicantId = watch('applicantId');
  const subject = watch('subject');
  const kind = watch('kind');
  const privilegedCategory = watch('privilegedCategory');
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

  // Issue 15, item 5: the executor registration will choose at this address, and why — the
  // building's maintainer, the district's rule or the question type's default — named under the
  // question type instead of the default (so the screen says what the card will say). A
  // consultation is closed at once and goes to no executor. (The screen has no executor of the
  // operator's own choice: the preview is what registration does.)
  const buildingId = watch('buildingId') ?? null;
  const [settledAddress] = useDebouncedValue(watch('address'), 400);
  const routing = useQuery(
    routingPreviewQuery({
      questionTypeId: questionType?.id ?? null,
      buildingId,
      districtId: null,
      address: settledAddress,
    }),
  );
  const executorNote = (() => {
    if (kind === 'consultation' || !routing.data) return null;
    const { executor, coExecutors, reason, workId } = routing.data;
    if (reason === 'works') return t('newCall.routing.works', { id: workId });
    if (reason === 'inactive_default')
      return t('newCall.routing.inactiveDefault', { executor: executor?.name ?? '' });
    if (!executor) return t('newCall.routing.none');
    const said = t(`newCall.routing.${reason === 'none' ? 'default' : reason}`, {
      executor: executor.name,
    });
    return coExecutors.length === 0
      ? said
      : `${said} · ${t('newCall.routing.coExecutors', { names: coExecutors.map((c) => c.name).join(', ') })}`;
  })();

  const fieldError = (message: string | undefined) => (message ? t(message) : undefined);

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

  const send = async (values: NewCallValues, repeatReason?: string) => {
    // A second Ctrl+Enter before the first answer (and before a re-render) sends nothing.
    if (sending.current) return;
    sending.current = true;
    setFormError(null);
    try {
      const result = await registerAppeal.mutateAsync({
        values,
        idempotencyKey: idempotencyKey.current,
        ...(repeatReason ? { repeatReason } : {}),
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

  const newForm = () => {
    idempotencyKey.current = newIdempotencyKey();
    setRefusedRepeat(null);
  };

  const nextCall = () => {
    newForm();
    setEnteredPhone(null);
    focusAfterLookup.current = false;
    form.reset(newCallDefaults);
    setGeneration((g) => g + 1);
    setQuestionType(null);
    setRegistered(null);
    setFormError(null);
    autoChosenFor.current = null;
    registerAppeal.reset();
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
    setRegistered(null);
    setFormError(null);
    registerAppeal.reset();
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
    setEnteredPhone(phoneFromCall);
  }, [callFromUrl, phoneFromCall]);

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
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
      const typed = getValues('phone').trim();
      focusAfterLookup.current = true;
      setEnteredPhone(typed);
      setPhoneEnters((n) => n + 1);
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

  const ukLabel = i18next.getFixedT('uk');
  const categoryOptions = [
    { value: '', label: t('newCall.noCategory') },
    ...PRIVILEGED_CATEGORIES.map((code) => ({
      value: ukLabel(`privileged.${code}`),
      label: t(`privileged.${code}`),
    })),
  ];
  if (privilegedCategory && !categoryOptions.some((o) => o.value === privilegedCategory)) {
    categoryOptions.push({ value: privilegedCategory, label: privilegedCategory });
  }

  const { ref: phoneFieldRef, ...phoneField } = register('phone');

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
            <Paper
              withBorder
              p="lg"
              radius="md"
              component="section"
              aria-labelledby="caller-heading"
            >
              <Stack gap="md">
                <Title order={2} size="h4" id="caller-heading">
                  {t('newCall.caller')}
                </Title>
                <TextInput
                  {...phoneField}
                  ref={(el) => {
                    phoneFieldRef(el);
                    phoneRef.current = el;
                  }}
                  type="tel"
                  label={t('newCall.phone')}
                  description={t('newCall.phoneHint')}
                  autoFocus
                  autoComplete="off"
                  inputMode="tel"
                  error={fieldError(errors.phone?.message)}
                />
                <ApplicantMatches
                  matches={found}
                  loading={matches.isFetching && !matches.data}
                  error={matches.error}
                  selectedId={applicantId}
                  onSelect={selectApplicant}
                />
                {subject === 'anonymous' ? (
                  <Alert color="gray" variant="light">
                    {t('newCall.anonymousNote')}
                  </Alert>
                ) : chosen ? (
                  <Stack gap="sm" data-testid="chosen-applicant">
                    <div>
                      <Text fw={600}>{chosen.fullName}</Text>
                      <Text size="sm" c="dimmed">
                        {[chosen.address, chosen.email, chosen.phones.join(', ')]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                      {chosen.privilegedCategory ? (
                        <Text size="sm" c="red.9" fw={500}>
                          {t('newCall.privilegedNote', { category: chosen.privilegedCategory })}
                        </Text>
                      ) : null}
                    </div>
                    <EarlierAppeals applicantId={chosen.id} />
                  </Stack>
                ) : (
                  <Stack gap="md" ref={newCallerRef}>
                    <TextInput
                      {...register('fullName')}
                      label={t('newCall.fullName')}
                      required
                      autoComplete="off"
                      error={fieldError(errors.fullName?.message)}
                    />
                    <Controller
                      control={control}
                      name="applicantAddress"
                      render={({ field }) => (
                        <AddressInput
                          label={t('newCall.applicantAddress')}
                          name={field.name}
                          value={field.value}
                          onChange={field.onChange}
                          onBlur={() => {
                            field.onBlur();
                            if (getValues('address') === '' && field.value.trim() !== '') {
                              setValue('address', field.value.trim());
                            }
                          }}
                          error={fieldError(errors.applicantAddress?.message)}
                        />
                      )}
                    />
                    <TextInput
                      {...register('email')}
                      type="email"
                      label={t('newCall.email')}
                      autoComplete="off"
                      error={fieldError(errors.email?.message)}
                    />
                    <NativeSelect
                      {...register('privilegedCategory')}
                      label={t('newCall.privilegedCategory')}
                      description={t('newCall.privilegedHint')}
                      data={categoryOptions}
                      error={fieldError(errors.privilegedCategory?.message)}
                    />
                  </Stack>
                )}
                {subject === 'anonymous' ? null : (
                  <AuthorStatisticsFields
                    register={register}
                    language={i18n.language}
                    errors={{
                      authorSex: fieldError(errors.authorSex?.message),
                      authorCategory: fieldError(errors.authorCategory?.message),
                      authorSocialStatus: fieldError(errors.authorSocialStatus?.message),
                    }}
                  />
                )}
                <Checkbox
                  {...register('confidential')}
                  label={t('newCall.confidential')}
                  description={t('newCall.confidentialHint')}
                />
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <Paper
                withBorder
                p="lg"
                radius="md"
                component="section"
                aria-labelledby="appeal-heading"
              >
                <Stack gap="md">
                  <Title order={2} size="h4" id="appeal-heading">
                    {t('newCall.appeal')}
                  </Title>
                  <Controller
                    control={control}
                    name="questionTypeId"
                    render={({ field }) => (
                      <QuestionTypePicker
                        key={generation}
                        inputRef={(el) => {
                          field.ref(el);
                          questionTypeRef.current = el;
                        }}
                        value={questionType}
                        onChange={(type) => {
                          setQuestionType(type);
                          setRefusedRepeat(null);
                          field.onChange(type?.id ?? null);
                        }}
                        error={fieldError(errors.questionTypeId?.message)}
                        executorNote={executorNote}
                      />
                    )}
                  />
                  <RegistryAddressField
                    control={control}
                    error={fieldError(errors.address?.message)}
                  />
                  <WorksAtAddress buildingId={buildingId} scope="staff" />
                  <Textarea
                    {...register('description')}
                    label={t('newCall.description')}
                    description={t('newCall.descriptionHint')}
                    required
                    autosize
                    minRows={4}
                    maxRows={12}
                    error={fieldError(errors.description?.message)}
                  />
                  <QuestionTypeSuggestions
                    text={watch('description')}
                    chosenId={questionType?.id ?? null}
                    onChoose={(type) => {
                      setQuestionType(type);
                      setValue('questionTypeId', type.id);
                      form.clearErrors('questionTypeId');
                    }}
                  />
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                    <NativeSelect
                      {...register('kind')}
                      label={t('appeal.kind')}
                      data={APPEAL_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
                      error={fieldError(errors.kind?.message)}
                    />
                    <NativeSelect
                      {...register('channel')}
                      label={t('appeal.channel')}
                      data={INTAKE_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
                      error={fieldError(errors.channel?.message)}
                    />
                    <NativeSelect
                      {...register('subject')}
                      label={t('appeal.subject')}
                      data={APPEAL_SUBJECTS.map((s) => ({ value: s, label: t(`subject.${s}`) }))}
                      error={fieldError(errors.subject?.message)}
                    />
                    <NativeSelect
                      {...register('receiptSign')}
                      label={t('appeal.receiptSign')}
                      data={RECEIPT_SIGNS.map((s) => ({ value: s, label: t(`receiptSign.${s}`) }))}
                      error={fieldError(errors.receiptSign?.message)}
                    />
                  </SimpleGrid>
                </Stack>
              </Paper>
              <IntakeScript questionTypeId={questionType?.id ?? null} />
              <IntakeArticles
                questionTypeId={questionType?.id ?? null}
                consultation={kind === 'consultation'}
                value={answer}
                onChange={setAnswer}
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
                  sending={registerAppeal.isPending}
                  onRegisterAnyway={(reason) => void send(getValues(), reason)}
                />
              ) : null}
              {formError ? (
                <Alert color="red" variant="light" title={t('newCall.notRegistered')} role="alert">
                  {formError}
                </Alert>
              ) : null}
              <Group justify="space-between" gap="sm">
                <Text size="sm" c="dimmed">
                  <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> {t('newCall.shortcut')}
                </Text>
                <Button
                  type="submit"
                  size="md"
                  loading={registerAppeal.isPending}
                  disabled={registerAppeal.isPending}
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
        registered={registered?.result ?? null}
        consultation={registered?.consultation ?? false}
        onNewCall={nextCall}
        onSameCaller={sameCaller}
      />
    </>
  );
}
