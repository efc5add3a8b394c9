/**
 * The submission form's "what": the question type (searched by words, with its help link), the
 * kind of appeal, the text, and the question types the text suggests.
 */
import { Fieldset, Radio, Select, Stack, Textarea } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SUBMISSION_KINDS } from '../../../domain/portal.js';
import { questionTypeGroups } from '../../shared/i18n/locale.js';
import type { PublicKind } from '../api.js';
import type { Draft, FieldError, SetDraftField } from '../lib/submission-draft.js';
import { wordsFilter } from '../lib/words-filter.js';
import { TopicHelpLink } from './TopicHelpLink.js';
import { TopicSuggestions } from './TopicSuggestions.js';

interface Props {
  /** The portal's kinds with their question types (`publicQuestionTypesQuery`), once loaded. */
  kinds: PublicKind[] | undefined;
  draft: Draft;
  set: SetDraftField;
  err: FieldError;
}

export function QuestionFieldset({ kinds, draft, set, err }: Props) {
  const { t, i18n } = useTranslation();

  const options = useMemo(() => questionTypeGroups(kinds, i18n.language), [kinds, i18n.language]);

  const offeredIds = useMemo(
    () => new Set((kinds ?? []).flatMap((k) => k.questionTypes.map((q) => q.id))),
    [kinds],
  );

  return (
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
  );
}
