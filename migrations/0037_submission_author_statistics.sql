-- The portal's submission form asks the author's sex, category (I.7) and social status (I.8) for
-- the statistics by Classifier No. 858 (issue 17, item 3; ADR 047): kept on the submission until
-- the moderator registers it, then carried onto the appeal's author_* columns (migration 0029).
-- Keys of src/domain/classifier-858.ts, NULL = not stated (Open311 and earlier submissions).
-- Added nullable columns without defaults or checks: no table rewrite, no scan, no long lock; the
-- API's schema (zod enums of the domain lists) admits only the known keys.

ALTER TABLE submissions ADD COLUMN author_sex text;
ALTER TABLE submissions ADD COLUMN author_category text;
ALTER TABLE submissions ADD COLUMN author_social_status text;
