import { Autocomplete, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { RegistryAddress } from '../../../shared/api/types.js';
import type { UrlFilterKey, UrlFilters } from '../api/registry-filters.js';

/**
 * The registry's filter by a street or a building of the address registry (issue 15, item 7):
 * type any of the street's names (current or former), then the house; a street chosen filters by
 * `streetId`, a building by `buildingId`, and the label goes to the URL as `place` to be shown
 * again. Emptying the field drops the filter.
 */
export function PlaceFilter({
  filters,
  onChange,
}: {
  filters: UrlFilters;
  onChange: (changes: Partial<Record<UrlFilterKey, string | null>>) => void;
}) {
  const { t } = useTranslation();
  const chosenLabel = filters.streetId || filters.buildingId ? (filters.place ?? '') : '';
  const [text, setText] = useState(chosenLabel);
  useEffect(() => setText(chosenLabel), [chosenLabel]);
  const [debounced] = useDebouncedValue(text, 200);
  const picked = chosenLabel !== '' && text === chosenLabel;
  const suggestions = useQuery({
    queryKey: ['address-registry', 'staff', debounced],
    queryFn: ({ signal }) =>
      api.get<RegistryAddress[]>('/addresses/registry', { q: debounced }, signal),
    enabled: debounced.trim().length >= 2 && !picked,
    staleTime: 60_000,
  });
  const byLabel = new Map((suggestions.data ?? []).map((s) => [s.label, s]));
  return (
    <Autocomplete
      label={t('registry.place')}
      placeholder={t('registry.any')}
      description={t('registry.placeHint')}
      value={text}
      data={[...byLabel.keys()]}
      filter={({ options }) => options}
      onChange={(value) => {
        setText(value);
        const s = byLabel.get(value);
        if (s) {
          onChange({
            streetId: s.buildingId === null ? String(s.streetId) : null,
            buildingId: s.buildingId === null ? null : String(s.buildingId),
            place: s.label,
          });
        } else if (value.trim() === '' && chosenLabel !== '') {
          onChange({ streetId: null, buildingId: null, place: null });
        }
      }}
      renderOption={({ option }) => {
        const s = byLabel.get(option.value);
        return (
          <div>
            <Text size="sm">{option.value}</Text>
            {s?.formerly && (
              <Text size="xs" c="dimmed">
                {t('addressPicker.formerly', { name: s.formerly.name })}
              </Text>
            )}
          </div>
        );
      }}
      autoComplete="off"
      comboboxProps={{ withinPortal: false }}
    />
  );
}
