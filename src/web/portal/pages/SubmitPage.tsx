import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Fieldset,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { submissionInputSchema, type SubmissionInput } from '../../../domain/portal-forms.js';
import { SUBMISSION_KINDS, type SubmissionKind } from '../../../domain/portal.js';
import { ApiError, detailField } from '../../shared/api/client.js';
import { errorText } from '../../shared/lib/server-errors.js';
import { currentLanguage } from '../../shared/i18n/i18n.js';
import {
  portalConfigQuery,
  publicQuestionTypesQuery,
  uploadPhoto,
  useSubmitAppeal,
  type SubmissionReceiptView,
} from '../api.js';
import { LocationPicker, type Point } from '../components/LocationPicker.js';
import { PhotoPicker } from '../components/PhotoPicker.js';
import { TopicSuggestions } from '../components/TopicSuggestions.js';
import { TopicHelpLink } from '../components/TopicHelpLink.js';
import { Receipt, type PhotoOutcome } from '../components/Receipt.js';
import { wordsFilter } from '../lib/words-filter.js';
import { newIdempotencyKey } from '../../shared/lib/idempotency.js';
import { fieldErrors, type FieldErrors } from '../lib/form-errors.js';
import { AddressPicker } from '../../shared/ui/AddressPicker.js';
import { WorksAtAddress } from '../../shared/ui/WorksAtAddress.js';
import { placePublicPoint, type PointPlace, searchPublicAddresses } from '../api.js';
import { questionTypeGroups } from '../../shared/i18n/locale.js';

interface Draft {
  questionTypeId: string | null;
  kind: SubmissionKind;
  description: string;
  address: string;
  buildingId: number | null;
  point: Point | null;
  name: string;
  email: string;
  phone: string;
  residence: string;
  confidential: boolean;
  consent: boolean;
}

const EMPTY: Draft = {
  questionTypeId: null,
  kind: 'application',
  description: '',
  address: '',
  buildingId: null,
  point: null,
  name: '',
  email: '',
  phone: '',
  residence: '',
  confidential: false,
  consent: false,
};

/** The form's fields in page order, by the schema's path: the first one in error gets the focus. */
const FIELD_ORDER = [
  'questionTypeId',
  'kind',
  'description',
  'address',
  'latitude',
  'applicant.name',
  'applicant.email',
  'applicant.phone',
  'applicant.address',
  'consent',
];

const blankToNull = (value: string) => (value.trim() ? value.trim() : null);

function toInput(draft: Draft, locale: 'uk' | 'en'): unknown {
  return {
    questionTypeId: draft.questionTypeId ? Number(draft.questionTypeId) : undefined,
    kind: draft.kind,
    description: draft.description,
    address: blankToNull(draft.address),
    buildingId: draft.buildingId,
    latitude: draft.point?.latitude ?? null,
    longitude: draft.point?.longitude ?? null,
    applicant: {
      name: draft.name,
      email: blankToNull(draft.email),
      phone: blankToNull(draft.phone),
      address: blankToNull(draft.residence),
    },
    consent: draft.consent,
    confidential: draft.confidential,
    locale,
  };
}

interface Done {
  receipt: SubmissionReceiptView;
  photos: PhotoOutcome[];
  editedAfterLoss: boolean;
}

/**
 * Submit an appeal: question type, what and where (address and/or a point), photos, who (Art. 5),
 * consent. Send twice, or again after a network error, and the server keeps one appeal: the form
 * carries one idempotency key until its receipt is shown.
 */
export function SubmitPage() {
  const { t, i18n } = useTranslation();
  const config = useQuery(portalConfigQuery);
  const kinds = useQuery(publicQuestionTypesQuery);
  const submit = useSubmitAppeal();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [photos, setPhotos] = useState<File[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [uploading, setUploading] = useState(false);
  // The receipt lives in this history entry: a reload shows it again, the menu opens a new form.
  const location = useLocation();
  const navigate = useNavigate();
  const done = (location.state as { done?: Done } | null)?.done ?? null;
  const formRef = useRef<HTMLFormElement>(null);
  // What went out when the answer was lost: sent again as it was (same key, same body), so the
  // server answers with that submission's receipt even if the form was edited meanwhile.
  const unanswered = useRef<SubmissionInput | null>(null);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  // A point picked on the map names the nearest building and the district (issue 15): the
  // building fills an empty address (or replaces one picked from the registry), never typed text.
  const [pointPlace, setPointPlace] = useState<PointPlace | null>(null);
  const pointAsked = useRef(0);
  const choosePoint = (point: Point | null) => {
    set('point', point);
    const asked = ++pointAsked.current;
    setPointPlace(null);
    if (!point) return;
    placePublicPoint(point).then(
      (place) => {
        if (asked !== pointAsked.current) return;
        setPointPlace(place);
        const building = place.building;
        if (building)
          setDraft((d) =>
            d.address.trim() === '' || d.buildingId !== null
              ? { ...d, address: building.label, buildingId: building.id }
              : d,
          );
      },
      () => {
        // No answer: the point alone is kept, as before.
      },
    );
  };

  const options = useMemo(
    () => questionTypeGroups(kinds.data, i18n.language),
    [kinds.data, i18n.language],
  );

  const offeredIds = useMemo(
    () => new Set((kinds.data ?? []).flatMap((k) => k.questionTypes.map((q) => q.id))),
    [kinds.data],
  );

  const focusFirst = (found: FieldErrors) => {
    const first = FIELD_ORDER.find((f) => f in found) ?? Object.keys(found)[0];
    if (!first) return;
    requestAnimationFrame(() => {
      formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
    });
  };

  const onSubmit = async (event: React.FormEvent) => {
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
    const result: Done = { receipt, photos: outcomes, editedAfterLoss };
    void navigate('.', { replace: true, state: { done: result } });
    window.scrollTo({ top: 0 });
  };

  const startAgain = () => {
    setDraft(EMPTY);
    setPhotos([]);
    setIdempotencyKey(newIdempotencyKey());
    submit.reset();
    unanswered.current = null;
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

  const busy = submit.isPending || uploading;
  const err = (path: string) => errors[path];

  return (
    <Stack gap="md" maw={760}>
      <div>
        <Title order={1}>{t('portal.submit.title')}</Title>
        <Text c="dimmed">{t('portal.submit.subtitle')}</Text>
      </div>
      <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <Stack gap="lg">
          <Fieldset legend={t('portal.submit.what')}>
            <Stack gap="sm">
              <Select
                data-field="questionTypeId"
                label={t('portal.submit.questionType')}
                description={t('portal.submit.questionTypeHint')}
                placeholder={t('portal.submit.questionTypePlaceholder')}
                data={options}
                searchable
                filter={wordsFilter}
                // Focus (also after a refused send) leaves the list closed; typing or a click opens it.
                openOnFocus={false}
                required
                nothingFoundMessage={t('portal.submit.noQuestionTypes')}
                value={draft.questionTypeId}
                onChange={(v) => set('questionTypeId', v)}
                error={err('questionTypeId')}
                comboboxProps={{ withinPortal: true }}
                maxDropdownHeight={320}
              />
              {/* Issue 19: the topic's answers in the help, when it has any. */}
              <TopicHelpLink
                questionTypeId={draft.questionTypeId ? Number(draft.questionTypeId) : null}
              />
              <Radio.Group
                label={t('portal.submit.kind')}
                value={draft.kind}
                onChange={(v) => set('kind', v)}
              >
                <Stack gap={6} mt={4}>
                  {SUBMISSION_KINDS.map((k) => (
                    <Radio key={k} value={k} label={t(`portal.kind.${k}`)} />
                  ))}
                </Stack>
              </Radio.Group>
              <Textarea
                data-field="description"
                label={t('portal.submit.description')}
                description={t('portal.submit.descriptionHint')}
                required
                autosize
                minRows={4}
                maxLength={5000}
                value={draft.description}
                onChange={(e) => set('description', e.currentTarget.value)}
                error={err('description')}
              />
              <TopicSuggestions
                text={draft.description}
                chosenId={draft.questionTypeId ? Number(draft.questionTypeId) : null}
                offered={offeredIds}
                onChoose={(id) => set('questionTypeId', String(id))}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('portal.submit.where')}>
            <Stack gap="sm">
              <div data-field="address">
                <AddressPicker
                  label={t('portal.submit.address')}
                  description={t('portal.submit.addressHint')}
                  value={{ text: draft.address, buildingId: draft.buildingId }}
                  onChange={(picked) => {
                    if (picked.buildingId !== null) setPointPlace(null);
                    set('address', picked.text);
                    set('buildingId', picked.buildingId);
                    const b = picked.building;
                    if (b?.latitude != null && b.longitude != null)
                      set('point', { latitude: b.latitude, longitude: b.longitude });
                  }}
                  error={err('address')}
                  search={searchPublicAddresses}
                  scope="public"
                />
              </div>
              <LocationPicker value={draft.point} onChange={choosePoint} />
              <WorksAtAddress buildingId={draft.buildingId} point={draft.point} scope="public" />
              {pointPlace ? (
                <Text
                  size="sm"
                  c={pointPlace.district ? 'teal.9' : 'red.9'}
                  data-testid="point-place"
                  aria-live="polite"
                >
                  {pointPlace.building
                    ? t('portal.submit.pointBuilding', {
                        label: pointPlace.building.label,
                        metres: pointPlace.building.distanceMetres,
                      })
                    : t('portal.submit.pointNoBuilding')}
                  {pointPlace.district
                    ? ` ${t('portal.submit.pointDistrict', { name: pointPlace.district.name })}`
                    : ` ${t('portal.submit.pointOutside')}`}
                </Text>
              ) : null}
              {err('latitude') ? (
                <Text size="sm" c="red.9">
                  {err('latitude')}
                </Text>
              ) : null}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('portal.submit.photos')}>
            <PhotoPicker
              value={photos}
              onChange={setPhotos}
              maxBytes={config.data?.photos.maxBytes ?? 10 * 1024 * 1024}
            />
          </Fieldset>

          <Fieldset legend={t('portal.submit.who')}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('portal.submit.whoHint')}
              </Text>
              <TextInput
                data-field="applicant.name"
                label={t('portal.submit.name')}
                required
                autoComplete="name"
                value={draft.name}
                onChange={(e) => set('name', e.currentTarget.value)}
                error={err('applicant.name')}
              />
              <TextInput
                data-field="applicant.email"
                type="email"
                label={t('portal.submit.email')}
                description={t('portal.submit.emailHint')}
                autoComplete="email"
                value={draft.email}
                onChange={(e) => set('email', e.currentTarget.value)}
                error={err('applicant.email')}
              />
              <TextInput
                data-field="applicant.phone"
                type="tel"
                label={t('portal.submit.phone')}
                autoComplete="tel"
                value={draft.phone}
                onChange={(e) => set('phone', e.currentTarget.value)}
                error={err('applicant.phone')}
              />
              <TextInput
                data-field="applicant.address"
                label={t('portal.submit.residence')}
                description={t('portal.submit.residenceHint')}
                autoComplete="street-address"
                value={draft.residence}
                onChange={(e) => set('residence', e.currentTarget.value)}
                error={err('applicant.address')}
              />
              <Checkbox
                label={t('portal.submit.confidential')}
                description={t('portal.submit.confidentialHint')}
                checked={draft.confidential}
                onChange={(e) => set('confidential', e.currentTarget.checked)}
              />
            </Stack>
          </Fieldset>

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
