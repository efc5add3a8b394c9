import { findSameApplicant } from '../applicants/applicants.service.js';
import { recordAppealEvent } from '../appeals/appeal-history.js';
import { presentAuthor } from '../appeals/appeals.presenter.js';
import { registerAppealIn } from '../appeals/register-appeal.js';
import type { Deps, UserActor } from '../context.js';
import { badRequest } from '../errors.js';
import { formatInZone } from '../notifications/templates.js';
import type {
  ModerationOutcome,
  RegisterSubmissionInput,
} from '../../contract/moderation.schemas.js';
import { trackUrl } from './tracking-numbers.js';
import { lockPending, markModerated, movePhotos, notifyApplicant } from './moderation-steps.js';

/**
 * Register a submission as an appeal (the moderator may correct the question type, kind and
 * address). The appeal's channel is the submission's (portal or open311), its receipt time the
 * submission's; the applicant is recorded from the submission.
 *
 * @throws AppError 404 `submission_not_found`; 409 `submission_already_moderated`,
 *   `repeat_of_decided_appeal` (Art. 8; register anyway with acknowledgeRepeat or reject as
 *   repeated); 400 `unknown_question_type`, `unknown_executor`, `address_required` (neither an
 *   address nor a point would be left).
 */
export async function registerSubmission(
  deps: Deps,
  actor: UserActor,
  submissionId: number,
  input: RegisterSubmissionInput,
): Promise<ModerationOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const s = await lockPending(trx, submissionId);
    const questionTypeId = input.questionTypeId ?? s.question_type_id;
    const address = input.address === undefined ? s.address_text : input.address;
    if (!address?.trim() && (s.latitude === null || s.longitude === null)) {
      throw badRequest(
        'address_required',
        'The submission has no point on the map: give the address of the problem.',
      );
    }
    const known = await findSameApplicant(trx, {
      fullName: s.applicant_name,
      phone: s.applicant_phone,
      email: s.applicant_email,
    });
    const author = presentAuthor(s);
    const registered = await registerAppealIn(trx, deps, actor, {
      receivedAt: s.received_at.toISOString(),
      channel: s.channel === 'open311' ? 'open311' : 'portal',
      kind: input.kind ?? s.kind,
      subject: input.subject,
      receiptSign: 'primary',
      questionTypeId,
      description: s.description,
      address: address ?? null,
      // The building the moderator picked; else the citizen's stays unless the moderator corrected
      // the address (a corrected text is placed anew, as the operator's would be).
      ...(input.buildingId !== undefined
        ? input.buildingId === null
          ? {}
          : { buildingId: input.buildingId }
        : s.building_id !== null && address === s.address_text
          ? { buildingId: s.building_id }
          : {}),
      latitude: s.latitude,
      longitude: s.longitude,
      confidential: s.confidential,
      // The same person on record (name and a shared contact), or a new applicant.
      ...(known
        ? { applicantId: known.id }
        : {
            applicant: {
              fullName: s.applicant_name,
              phones: s.applicant_phone ? [s.applicant_phone] : [],
              email: s.applicant_email,
              address: s.applicant_address,
            },
          }),
      ...(input.executorId !== undefined ? { executorId: input.executorId } : {}),
      ...(input.instruction !== undefined ? { instruction: input.instruction } : {}),
      acknowledgeRepeat: input.acknowledgeRepeat,
      // Classifier No. 858 as the portal form stated them; the staff intake's rule then applies
      // (a new applicant takes the stated sex, a known one's sex fills a sex not stated).
      authorSex: author.sex,
      authorCategory: author.category,
      authorSocialStatus: author.socialStatus,
    });
    const photoIds = await movePhotos(trx, s.id, registered.id);
    await markModerated(trx, s, actor, now, {
      state: 'registered',
      appealId: registered.id,
      comment: input.comment,
      questionTypeId,
    });
    await recordAppealEvent(trx, {
      appealId: registered.id,
      actor,
      at: now,
      type: 'submission_registered',
      from: registered.status,
      to: registered.status,
      comment: input.comment ?? null,
      data: {
        submissionId: s.id,
        trackingNumber: s.tracking_number,
        channel: s.channel,
        photoIds,
        ...(questionTypeId !== s.question_type_id
          ? { questionTypeCorrected: { from: s.question_type_id, to: questionTypeId } }
          : {}),
      },
    });
    const locale = s.locale === 'en' ? 'en' : 'uk';
    await notifyApplicant(
      trx,
      deps,
      s,
      {
        dedupeKey: `submission_registered:${s.id}`,
        kind: 'submission_registered',
        appealId: registered.id,
        params: {
          number: s.tracking_number,
          appealNumber: registered.number,
          deadline: registered.controlDate
            ? formatInZone(registered.controlDate, deps.config.timeZone, locale)
            : '—',
          link: trackUrl(deps, s.tracking_number),
        },
      },
      now,
    );
    return {
      submissionId: s.id,
      state: 'registered',
      appeal: { id: registered.id, number: registered.number, status: registered.status },
    };
  });
}
