import { Badge, Combobox, Group, InputBase, Loader, Stack, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { classifierQuery, executorsQuery, questionTypeSearchQuery } from '../api/queries.js';
import type { QuestionType } from '../api/types.js';
import { localName } from '../i18n/locale.js';

export function questionTypeName(type: QuestionType, language: string): string {
  return localName(language, type.name, type.nameEn);
}

/**
 * The question type chosen by typing words of it (the server's search is tolerant of Ukrainian word
 * forms: "вода гаряча" finds «Гаряче водопостачання»). ↑/↓ move, Enter or Tab take the highlighted one.
 *
 * The note under a chosen type names its default executor, unless `executorNote` is given: the
 * executor the screen knows better (the new-call screen's routing preview by building or district,
 * issue 15), or null to name none (not known yet, or no executor).
 */
export function QuestionTypePicker({
  value,
  onChange,
  error,
  inputRef,
  executorNote,
}: {
  value: QuestionType | null;
  onChange: (type: QuestionType | null) => void;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  /** Said in place of the default executor; null: no executor named; absent: the default's. */
  executorNote?: string | null | undefined;
}) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState(value ? questionTypeName(value, i18n.language) : '');
  const [debounced] = useDebouncedValue(search, 200);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const results = useQuery({
    ...questionTypeSearchQuery(debounced),
    enabled: !value && debounced.trim().length >= 2,
  });
  const classifier = useQuery(classifierQuery);
  const executors = useQuery(executorsQuery);

  const kindName = useMemo(() => {
    const names = new Map<number, string>();
    for (const kind of classifier.data ?? []) {
      names.set(kind.id, localName(i18n.language, kind.name, kind.nameEn));
    }
    return names;
  }, [classifier.data, i18n.language]);

  const options = (results.data ?? []).slice(0, 12);

  useEffect(() => {
    if (value === null && search === '') return;
    if (value) setSearch(questionTypeName(value, i18n.language));
    // Only when the chosen type or the language changes.
  }, [value?.id, i18n.language]);

  useEffect(() => {
    if (results.data && combobox.dropdownOpened) combobox.selectFirstOption();
  }, [results.data]);

  const choose = (id: string) => {
    const chosen = options.find((o) => String(o.id) === id);
    if (!chosen) return;
    onChange(chosen);
    setSearch(questionTypeName(chosen, i18n.language));
    combobox.closeDropdown();
  };

  const executorName = value?.executorId
    ? executors.data?.find((e) => e.id === value.executorId)?.name
    : undefined;

  const showEmpty =
    !value && debounced.trim().length >= 2 && results.isSuccess && options.length === 0;

  return (
    <Stack gap={6}>
      <Combobox store={combobox} onOptionSubmit={choose} withinPortal={false}>
        <Combobox.Target>
          <InputBase
            ref={inputRef}
            label={t('newCall.questionType')}
            description={t('newCall.questionTypeHint')}
            required
            value={search}
            autoComplete="off"
            error={error}
            rightSection={results.isFetching ? <Loader size="xs" aria-hidden="true" /> : null}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              if (value) onChange(null);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onFocus={() => {
              if (!value && search.trim().length >= 2) combobox.openDropdown();
            }}
            onBlur={() => combobox.closeDropdown()}
            onKeyDown={(event) => {
              if (
                event.key === 'Tab' &&
                !event.shiftKey &&
                combobox.dropdownOpened &&
                combobox.getSelectedOptionIndex() >= 0
              ) {
                combobox.clickSelectedOption();
              }
            }}
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={options.length === 0 && !showEmpty}>
          <Combobox.Options aria-label={t('newCall.questionType')}>
            {options.map((option) => (
              <Combobox.Option value={String(option.id)} key={option.id}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <div>
                    <Text size="sm">{questionTypeName(option, i18n.language)}</Text>
                    <Text size="xs" c="dimmed">
                      {kindName.get(option.kindId) ?? ''}
                    </Text>
                  </div>
                  {option.isEmergency ? (
                    <Badge size="xs" color="red.9" variant="filled">
                      {t('newCall.emergency')}
                    </Badge>
                  ) : null}
                </Group>
              </Combobox.Option>
            ))}
            {showEmpty ? <Combobox.Empty>{t('newCall.noQuestionTypes')}</Combobox.Empty> : null}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      {value ? (
        <Text size="sm" c="dimmed" data-testid="question-type-chosen">
          {[
            kindName.get(value.kindId),
            t('newCall.term', { count: value.termDays }),
            executorNote !== undefined
              ? executorNote
              : executorName
                ? t('newCall.routedTo', { executor: executorName })
                : null,
          ]
            .filter(Boolean)
            .join(' · ')}
          {value.isEmergency ? (
            <Badge ml="xs" size="xs" color="red.9" variant="filled">
              {t('newCall.emergency')}
            </Badge>
          ) : null}
        </Text>
      ) : null}
    </Stack>
  );
}
