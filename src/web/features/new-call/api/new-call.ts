/**
 * The operator's intake of one call: the form's schema (from the shared domain vocabulary, with the
 * same limits as the API's registration schema), its mapping to `POST /appeals`, and the look-ups
 * the screen makes while the caller waits (applicants by phone, question types by words, addresses).
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Path } from 'react-hook-form';
import { z } from 'zod';
import {
  registerAppealSchema,
  type AppealRegisteredView,
} from '../../../../contract/appeal-registration.schemas.js';
import type { RoutingPreviewView } from '../../../../contract/addresses.schemas.js';
import { applicantInputSchema } from '../../../../contract/applicants.schemas.js';
import { CHANNELS, type Channel } from '../../../../domain/vocabulary.js';
import { api } from '../../../shared/api/client.js';
import type { AddressSuggestion, Applicant } from '../../../shared/api/types.js';
import { phoneProblem } from '../../../../domain/normal-forms.js';

/** The answer of `POST /appeals`. */
export type Registered = AppealRegisteredView;

/** Channels an operator records by hand (imports and Open311 arrive by themselves). */
export const INTAKE_CHANNELS = CHANNELS.filter(
  (c): c is Exclude<Channel, 'import' | 'open311'> => c !== 'import' && c !== 'open311',
);

/** Privileged categories offered as suggestions (Art. 20: they are handled first). */
export const PRIVILEGED_CATEGORIES = [
  'combatant',
  'war_disability',
  'disability',
  'war_veteran',
  'chernobyl',
  'large_family',
  'displaced',
] as const;

const phoneDigits = (value: string) => value.replace(/\D/g, '').length;

const body = registerAppealSchema.shape;
const applicantBody = applicantInputSchema.shape;

/**
 * The intake form: the registration body's fields (src/contract) as the form holds them — text
 * fields '' when empty, the applicant flattened; messages become keys through formResolver.
 */
export const newCallSchema = z
  .object({
    phone: z
      .string()
      .trim()
      .max(30, 'validation.tooLong')
      .refine((v) => v === '' || phoneProblem(v) === null, 'validation.phone'),
    applicantId: z.number().int().positive().nullable(),
    fullName: z.string().trim().max(200, 'validation.tooLong'),
    email: z.union([z.literal(''), applicantBody.email.unwrap().unwrap()]),
    applicantAddress: applicantBody.address.unwrap().unwrap(),
    privilegedCategory: applicantBody.privilegedCategory.unwrap().unwrap(),
    /** Classifier No. 858 (issue 17): '' = not stated. */
    authorSex: z.union([z.literal(''), body.authorSex.unwrap().unwrap()]),
    authorCategory: z.union([z.literal(''), body.authorCategory.unwrap().unwrap()]),
    authorSocialStatus: z.union([z.literal(''), body.authorSocialStatus.unwrap().unwrap()]),
    confidential: z.boolean(),
    questionTypeId: z.number().int().positive().nullable(),
    address: body.address.unwrap().unwrap(),
    /** The registry building chosen in the address picker, or null (free text). */
    buildingId: z.number().int().positive().nullable(),
    description: z
      .string()
      .trim()
      .min(1, 'validation.description')
      .max(10_000, 'validation.tooLong'),
    kind: body.kind,
    subject: body.subject.unwrap(),
    channel: body.channel,
    receiptSign: body.receiptSign.unwrap(),
  })
  .superRefine((value, ctx) => {
    if (value.questionTypeId === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['questionTypeId'],
        message: 'validation.questionType',
      });
    }
    if (value.subject !== 'anonymous' && value.applicantId === null && value.fullName === '') {
      ctx.addIssue({ code: 'custom', path: ['fullName'], message: 'validation.fullName' });
    }
  });

export type NewCallValues = z.input<typeof newCallSchema>;

export const emptyApplicant = {
  phone: '',
  applicantId: null,
  fullName: '',
  email: '',
  applicantAddress: '',
  privilegedCategory: '',
  authorSex: '',
  authorCategory: '',
  authorSocialStatus: '',
  confidential: false,
} satisfies Partial<NewCallValues>;

export const emptyAppeal = {
  questionTypeId: null,
  address: '',
  buildingId: null,
  description: '',
  kind: 'application',
  subject: 'individual',
  channel: 'phone',
  receiptSign: 'primary',
} satisfies Partial<NewCallValues>;

export const newCallDefaults: NewCallValues = { ...emptyApplicant, ...emptyAppeal };

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The form → the body of `POST /api/v1/appeals`. */
export function toRegisterBody(values: NewCallValues) {
  const applicant =
    values.subject === 'anonymous'
      ? {}
      : values.applicantId !== null
        ? { applicantId: values.applicantId }
        : {
            applicant: {
              fullName: values.fullName.trim(),
              phones: values.phone.trim() ? [values.phone.trim()] : [],
              email: orNull(values.email),
              address: orNull(values.applicantAddress),
              privilegedCategory: orNull(values.privilegedCategory),
            },
          };
  return {
    channel: values.channel,
    kind: values.kind,
    subject: values.subject,
    receiptSign: values.receiptSign,
    questionTypeId: values.questionTypeId,
    description: values.description.trim(),
    address: orNull(values.address),
    ...(values.buildingId ? { buildingId: values.buildingId } : {}),
    confidential: values.confidential,
    ...(values.subject === 'anonymous'
      ? {}
      : {
          authorSex: values.authorSex || null,
          authorCategory: values.authorCategory || null,
          authorSocialStatus: values.authorSocialStatus || null,
        }),
    ...applicant,
  };
}

/** A field named by the server (`applicant.fullName`) → the form's field. */
export function formFieldOf(serverField: string): Path<NewCallValues> | null {
  const map: Record<string, Path<NewCallValues>> = {
    applicant: 'fullName',
    'applicant.fullName': 'fullName',
    'applicant.email': 'email',
    'applicant.address': 'applicantAddress',
    'applicant.privilegedCategory': 'privilegedCategory',
    applicantId: 'fullName',
    questionTypeId: 'questionTypeId',
    description: 'description',
    address: 'address',
    kind: 'kind',
    subject: 'subject',
    channel: 'channel',
    receiptSign: 'receiptSign',
    confidential: 'confidential',
    authorSex: 'authorSex',
    authorCategory: 'authorCategory',
    authorSocialStatus: 'authorSocialStatus',
  };
  if (serverField.startsWith('applicant.phones')) return 'phone';
  return map[serverField] ?? null;
}

export function applicantsByPhoneQuery(phone: string) {
  return queryOptions({
    queryKey: ['applicants', 'by-phone', phone],
    queryFn: ({ signal }) => api.get<Applicant[]>('/applicants', { phone }, signal),
    enabled: phoneDigits(phone) >= 5,
    staleTime: 30_000,
  });
}

export function addressSuggestionsQuery(q: string) {
  return queryOptions({
    queryKey: ['addresses', q],
    queryFn: ({ signal }) => api.get<AddressSuggestion[]>('/addresses', { q }, signal),
    enabled: q.trim().length >= 3,
    staleTime: 60_000,
  });
}

/** One registration request: the form, its Idempotency-Key (one per filled form), and the Art. 8 confirmation. */
export interface RegisterRequest {
  values: NewCallValues;
  idempotencyKey: string;
  /** The operator registers a repeat of a decided appeal anyway, for this reason. */
  repeatReason?: string;
  /** Seconds from the form's first entry (or the call's screen pop) to registering (issue 18). */
  intakeSeconds?: number;
}

export function useRegisterAppeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ values, idempotencyKey, repeatReason, intakeSeconds }: RegisterRequest) =>
      api.post<Registered>(
        '/appeals',
        {
          ...toRegisterBody(values),
          ...(repeatReason ? { acknowledgeRepeat: true, repeatReason } : {}),
          ...(intakeSeconds !== undefined ? { intakeSeconds } : {}),
        },
        { 'idempotency-key': idempotencyKey },
      ),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['appeals'] }),
        queryClient.invalidateQueries({ queryKey: ['queues'] }),
        queryClient.invalidateQueries({ queryKey: ['applicants'] }),
      ]);
    },
  });
}

/** The executor registration would choose, and why (`GET /routing/preview`, issue 15). */
export type RoutingPreview = RoutingPreviewView;

/**
 * The routing preview for the question type chosen at the building chosen (or the address as
 * typed, placed by the server as registration places it); off until a question type is chosen.
 */
export function routingPreviewQuery(place: {
  questionTypeId: number | null;
  buildingId: number | null;
  districtId: number | null;
  address: string;
}) {
  const address = place.buildingId === null ? place.address.trim() : '';
  return queryOptions({
    queryKey: [
      'routing',
      'preview',
      place.questionTypeId,
      place.buildingId,
      place.districtId,
      address,
    ],
    queryFn: ({ signal }) =>
      api.get<RoutingPreview>(
        '/routing/preview',
        {
          questionTypeId: place.questionTypeId,
          ...(place.buildingId !== null ? { buildingId: place.buildingId } : {}),
          ...(place.districtId !== null ? { districtId: place.districtId } : {}),
          ...(address ? { address } : {}),
        },
        signal,
      ),
    enabled: place.questionTypeId !== null,
    staleTime: 30_000,
  });
}
