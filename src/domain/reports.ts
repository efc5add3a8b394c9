/** The standard reports (issue 17), in the order the screen lists them. */
export const REPORT_KEYS = [
  'executors',
  'question-types',
  'channels',
  'hours',
  'operators',
  'repeated-collective',
  'privileged',
  'consultations',
  // Issue 17, item 3: the official statistics by Classifier No. 858 (quarter or half-year).
  'classifier-858',
  // Issue 17, item 4: executors' rating, satisfaction and loyalty indexes (ADR 047).
  'ratings-executors',
  'ratings-districts',
  'ratings-months',
] as const;
export type ReportKey = (typeof REPORT_KEYS)[number];
