import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** One suggested question type as the list shows it. */
export interface SuggestionItem {
  id: number;
  name: string;
  kindName: string;
  /** Where it would be routed (staff only). */
  executorName?: string | null;
  /** The executor that usually answers it, when another (staff only). */
  usuallyAnsweredBy?: string | null;
  matchedWords: string[];
  /** Past appeals of this type with the strongest word (staff only). */
  similarPastAppeals?: number;
  isEmergency?: boolean;
}

/**
 * Suggested question types as a listbox: Tab reaches it, ↑/↓ move, Enter or a click chooses.
 * Each option says why it is suggested (the matched words, similar past appeals). Shared by the
 * operator's new-call screen, the moderator's queue and the portal's topic field.
 */
export function SuggestionList({
  items,
  chosenId,
  onChoose,
  label,
}: {
  items: readonly SuggestionItem[];
  chosenId: number | null;
  onChoose: (id: number) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const baseId = useId();
  const [active, setActive] = useState(0);
  const key = items.map((i) => i.id).join(',');
  useEffect(() => setActive(0), [key]);
  if (items.length === 0) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + items.length) % items.length);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const item = items[active];
      if (item) onChoose(item.id);
    }
  };

  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={`${baseId}-label`}>
        {label}
      </Text>
      <div
        role="listbox"
        tabIndex={0}
        aria-labelledby={`${baseId}-label`}
        aria-activedescendant={`${baseId}-${active}`}
        onKeyDown={onKeyDown}
        data-testid="question-type-suggestions"
      >
        <Stack gap={4}>
          {items.map((item, index) => {
            const reason = [
              item.matchedWords.length > 0
                ? t('assist.matchedWords', {
                    words: item.matchedWords.map((w) => `«${w}»`).join(', '),
                  })
                : null,
              item.similarPastAppeals
                ? t('assist.similarPast', { count: item.similarPastAppeals })
                : null,
            ]
              .filter(Boolean)
              .join(' · ');
            return (
              <Paper
                key={item.id}
                id={`${baseId}-${index}`}
                role="option"
                aria-selected={index === active}
                withBorder
                p={6}
                radius="sm"
                style={{
                  cursor: 'pointer',
                  borderColor: index === active ? 'var(--mantine-primary-color-filled)' : undefined,
                  borderWidth: index === active ? 2 : undefined,
                }}
                data-active={index === active || undefined}
                data-chosen={item.id === chosenId || undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  setActive(index);
                  onChoose(item.id);
                }}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <div>
                    <Text size="sm" fw={500}>
                      {index + 1}. {item.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[
                        item.kindName,
                        item.executorName
                          ? t('newCall.routedTo', { executor: item.executorName })
                          : null,
                        item.usuallyAnsweredBy
                          ? t('assist.usuallyAnsweredBy', { executor: item.usuallyAnsweredBy })
                          : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                    {reason ? (
                      <Text size="xs" c="dimmed">
                        {reason}
                      </Text>
                    ) : null}
                  </div>
                  {item.id === chosenId ? (
                    <Badge size="xs" variant="light">
                      {t('assist.chosen')}
                    </Badge>
                  ) : item.isEmergency ? (
                    <Badge size="xs" color="red" variant="outline">
                      {t('newCall.emergency')}
                    </Badge>
                  ) : null}
                </Group>
              </Paper>
            );
          })}
        </Stack>
      </div>
      <Text size="xs" c="dimmed">
        {t('assist.keyboardHint')}
      </Text>
    </Stack>
  );
}
