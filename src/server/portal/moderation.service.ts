/**
 * The moderation queue (regulation 3.1.2; Law 393/96-ВР Art. 5, 7, 8): a moderator (or the head of
 * the centre) looks at each submission from the portal or Open311 and
 *
 * - registers it — a real appeal through `registerAppeal`, with the channel it came by, the
 *   question type corrected if need be, the photos moved onto the appeal;
 * - merges it into an open appeal on the same problem (receipt sign duplicate or multiple): the
 *   applicant then follows that appeal;
 * - or rejects it with a reason the applicant is told (anonymous or repeated: Art. 8; no
 *   substance: Art. 5; not an appeal: Art. 3).
 *
 * Each step locks the submission, writes the appeal's history where an appeal exists, and queues
 * the e-mail to the applicant in the same transaction.
 */
export { getSubmission, listSubmissions, pendingSubmissionsSummary } from './moderation.queries.js';
export { mergeSubmission } from './merge-submission.js';
export { registerSubmission } from './register-submission.js';
export { rejectSubmission } from './reject-submission.js';
