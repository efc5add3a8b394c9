/**
 * The submission form's draft as the citizen fills it, and its shape for the domain's schema
 * (`submissionInputSchema`): blank optional fields become null, the question type a number.
 */
import type { SubmissionKind } from '../../../domain/portal.js';
import type { Point } from '../components/LocationPicker.js';

export interface Draft {
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
  /** Classifier No. 858 keys for the statistics; '' = not stated (optional). */
  authorSex: string;
  authorCategory: string;
  authorSocialStatus: string;
  consent: boolean;
}

/** Sets one field of the draft. */
export type SetDraftField = <K extends keyof Draft>(key: K, value: Draft[K]) => void;

/** The error shown under a field, by the schema's path (`applicant.email`). */
export type FieldError = (path: string) => string | undefined;

export const EMPTY_DRAFT: Draft = {
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
  authorSex: '',
  authorCategory: '',
  authorSocialStatus: '',
  consent: false,
};

/** The form's fields in page order, by the schema's path: the first one in error gets the focus. */
export const FIELD_ORDER = [
  'questionTypeId',
  'kind',
  'description',
  'address',
  'latitude',
  'applicant.name',
  'applicant.email',
  'applicant.phone',
  'applicant.address',
  'authorSex',
  'authorCategory',
  'authorSocialStatus',
  'consent',
];

const blankToNull = (value: string) => (value.trim() ? value.trim() : null);

/** The draft as the schema reads it (parsed by `submissionInputSchema`, not trusted). */
export function toInput(draft: Draft, locale: 'uk' | 'en'): unknown {
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
    authorSex: blankToNull(draft.authorSex),
    authorCategory: blankToNull(draft.authorCategory),
    authorSocialStatus: blankToNull(draft.authorSocialStatus),
    locale,
  };
}
