import { useState } from 'react';
import { type Control, useController } from 'react-hook-form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { RegistryAddress } from '../../../shared/api/types.js';
import { AddressPicker, type PickedAddress } from '../../../shared/ui/AddressPicker.js';
import { addressSuggestionsQuery, type NewCallValues } from '../api/new-call.js';

const searchRegistry = (q: string, signal: AbortSignal) =>
  api.get<RegistryAddress[]>('/addresses/registry', { q }, signal);

/**
 * The appeal's address on the new-call screen: the registry picker over the form's `address` and
 * `buildingId`, with the centre's earlier free-text addresses offered after the registry's.
 */
export function RegistryAddressField({
  control,
  error,
}: {
  control: Control<NewCallValues>;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const address = useController({ control, name: 'address' });
  const buildingId = useController({ control, name: 'buildingId' });
  const [building, setBuilding] = useState<RegistryAddress | null>(null);
  const earlier = useQuery(addressSuggestionsQuery(address.field.value));
  const value: PickedAddress = {
    text: address.field.value,
    buildingId: buildingId.field.value ?? null,
    building,
  };
  return (
    <AddressPicker
      label={t('newCall.address')}
      description={t('addressPicker.hint')}
      name={address.field.name}
      value={value}
      onChange={(next) => {
        address.field.onChange(next.text);
        buildingId.field.onChange(next.buildingId);
        setBuilding(next.building ?? null);
      }}
      onBlur={address.field.onBlur}
      error={error}
      search={searchRegistry}
      scope="staff"
      extraSuggestions={(earlier.data ?? []).map((s) => s.address)}
    />
  );
}
