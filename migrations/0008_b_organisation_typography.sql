-- Organisation names as Ukrainian readers expect them (issue 12): «ялинки» for straight double
-- quotes and the typographic apostrophe ’ between letters, as `ukrainianTypography`
-- (src/domain/typography.ts) now writes new names. match_key is unchanged: it treats every
-- spelling alike.
UPDATE organisations
   SET name = regexp_replace(
                regexp_replace(name, '"([^"]*)"', '«\1»', 'g'),
                '([A-Za-zА-Яа-яІіЇїЄєҐґ])[''`ʼ‘]([A-Za-zА-Яа-яІіЇїЄєҐґ])', '\1’\2', 'g'),
       short_name = regexp_replace(
                regexp_replace(short_name, '"([^"]*)"', '«\1»', 'g'),
                '([A-Za-zА-Яа-яІіЇїЄєҐґ])[''`ʼ‘]([A-Za-zА-Яа-яІіЇїЄєҐґ])', '\1’\2', 'g')
 WHERE name ~ '["''`ʼ‘]' OR short_name ~ '["''`ʼ‘]';
