import { Autocomplete } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { addressSuggestionsQuery } from '../api/new-call.js';

/** An address with suggestions from the addresses already known to the system. */
export function AddressInput({
  label,
  value,
  onChange,
  onBlur,
  error,
  name,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  name?: string;
}) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(value, 250);
  const suggestions = useQuery(addressSuggestionsQuery(debounced));
  const data = [...new Set((suggestions.data ?? []).map((s) => s.address))].slice(0, 8);
  return (
    <Autocomplete
      label={label}
      description={t('newCall.addressHint')}
      name={name}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      data={data}
      filter={({ options }) => options}
      error={error}
      autoComplete="off"
      comboboxProps={{ withinPortal: false }}
    />
  );
}
