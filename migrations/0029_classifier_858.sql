-- Classifier of citizens' appeals (Cabinet of Ministers resolution No. 858 of 2008; issue 17,
-- item 3; ADR 047): what the registration card lacked for the quarterly statistics.
--   * the author's sex, category (I.7) and social status (I.8) as the intake recorded them, on the
--     appeal (the card of Resolution 348 holds them; a later change of the applicant's record does
--     not rewrite past statistics); keys of src/domain/classifier-858.ts, NULL = not stated;
--   * the applicant's sex, so the next call of the same person is prefilled;
--   * the topic (тематика, 1–30 of the current form) of each question type, set by the administrator.
-- Added nullable columns without defaults or checks: no table rewrite, no scan, no long lock; the
-- API's schemas (zod enums of the domain lists) admit only the known keys.

ALTER TABLE appeals ADD COLUMN author_sex text;
ALTER TABLE appeals ADD COLUMN author_category text;
ALTER TABLE appeals ADD COLUMN author_social_status text;
ALTER TABLE applicants ADD COLUMN sex text CHECK (sex IN ('male', 'female'));
ALTER TABLE question_types ADD COLUMN topic_858 smallint CHECK (topic_858 BETWEEN 1 AND 30);
