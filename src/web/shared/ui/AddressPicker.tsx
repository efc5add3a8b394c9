/**
 * The address picker (issue 15) for the operator, the moderator and the portal: type any part of a
 * street — its current or former name, with or without its type word — then the house. A street
 * suggestion fills the street and waits for the house; a building fills the building (and, through
 * the server, the district and the point). The former name is shown as "formerly …". Text the
 * registry does not know is kept as it is and marked "not in the registry".
 */
import { Autocomplete, Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RegistryAddress } from '../api/types.js';

export interface PickedAddress {
  text: string;
  /** The registry building chosen, or null (free text). */
  buildingId: number | null;
  /** What the chosen building told (district, point), for the caller to show or use. */
  building?: RegistryAddress | null;
}

export type AddressSearch = (q: string, signal: AbortSignal) => Promise<RegistryAddress[]>;

function optionLabel(s: RegistryAddress): string {
  return s.buildingId === null ? `${s.label}, ` : s.label;
}

export function AddressPicker({
  label,
  description,
  value,
  onChange,
  onBlur,
  error,
  name,
  search,
  scope,
  extraSuggestions = [],
}: {
  label: string;
  description?: string;
  value: PickedAddress;
  onChange: (value: PickedAddress) => void;
  onBlur?: () => void;
  error?: string | undefined;
  name?: string;
  /** The look-up: the staff API or the portal's. */
  search: AddressSearch;
  /** Cache scope of the look-up ('staff' or 'public'). */
  scope: string;
  /** Free-text suggestions to offer after the registry's (earlier addresses of the centre). */
  extraSuggestions?: readonly string[];
}) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(value.text, 200);
  const query = useQuery({
    queryKey: ['address-registry', scope, debounced],
    queryFn: ({ signal }) => search(debounced, signal),
    enabled: debounced.trim().length >= 2 && value.buildingId === null,
    staleTime: 60_000,
  });
  const suggestions = query.data ?? [];
  const byOption = new Map(suggestions.map((s) => [optionLabel(s), s]));
  const data = [
    ...byOption.keys(),
    ...extraSuggestions.filter((e) => !byOption.has(e)).slice(0, 3),
  ];
  const chosen = value.building ?? null;
  const typed = value.text.trim();
  // Said only when the registry offers no building for the text: a building offered but not
  // (yet) picked is found by the server from the same text.
  const notInRegistry =
    value.buildingId === null &&
    typed.length >= 4 &&
    query.isSuccess &&
    debounced === value.text &&
    !suggestions.some((s) => s.buildingId !== null);

  return (
    <div>
      <Autocomplete
        label={label}
        description={description}
        name={name}
        value={value.text}
        onChange={(text) => {
          const picked = byOption.get(text);
          if (picked && picked.buildingId !== null) {
            onChange({ text: picked.label, buildingId: picked.buildingId, building: picked });
          } else {
            onChange({ text, buildingId: null, building: null });
          }
        }}
        onBlur={onBlur}
        data={data}
        filter={({ options }) => options}
        renderOption={({ option }) => {
          const s = byOption.get(option.value);
          return (
            <div>
              <Text size="sm">{option.value}</Text>
              {s?.formerly && (
                <Text size="xs" c="dimmed">
                  {t('addressPicker.formerly', { name: s.formerly.name })}
                </Text>
              )}
              {s?.districtName && (
                <Text size="xs" c="dimmed">
                  {t('addressPicker.district', { name: s.districtName })}
                </Text>
              )}
            </div>
          );
        }}
        error={error}
        autoComplete="off"
        comboboxProps={{ withinPortal: false }}
      />
      {chosen && value.buildingId !== null ? (
        <Group gap="xs" mt={4} data-testid="address-in-registry">
          <Text size="xs" c="teal.9">
            {t('addressPicker.inRegistry')}
            {chosen.districtName
              ? ` · ${t('addressPicker.district', { name: chosen.districtName })}`
              : ''}
            {chosen.formerly
              ? ` · ${t('addressPicker.formerly', { name: chosen.formerly.name })}`
              : ''}
          </Text>
        </Group>
      ) : notInRegistry ? (
        <Text size="xs" c="red.9" mt={4} data-testid="address-not-in-registry">
          {t('addressPicker.notInRegistry')}
        </Text>
      ) : null}
    </div>
  );
}
