/**
 * The keeper's edit of one building (issue 15): house number and block (корпус) as separate
 * fields, kind, district, maintainer and point; and the building's history (who, when, before →
 * after) under the form.
 */
import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import {
  type BuildingChange,
  districtsQuery,
  type KeeperBuilding,
  maintainersQuery,
  updateBuilding,
  useRegistryChange,
} from '../api/address-registry.js';
import { RegistryHistory } from './RegistryHistory.js';

const numberOrNull = (text: string): number | null =>
  text.trim() === '' ? null : Number(text.replace(',', '.'));

export function BuildingEditor({
  building,
  onClose,
}: {
  building: KeeperBuilding;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const districts = useQuery(districtsQuery);
  const maintainers = useQuery(maintainersQuery);
  const [houseNumber, setHouseNumber] = useState(building.houseNumber);
  const [block, setBlock] = useState(building.block ?? '');
  const [kind, setKind] = useState(building.kind);
  const [districtId, setDistrictId] = useState(String(building.districtId ?? ''));
  const [maintainerId, setMaintainerId] = useState(String(building.maintainerId ?? ''));
  const [latitude, setLatitude] = useState(building.latitude?.toString() ?? '');
  const [longitude, setLongitude] = useState(building.longitude?.toString() ?? '');
  const save = useRegistryChange(updateBuilding);

  const send = (event: React.FormEvent) => {
    event.preventDefault();
    const change: BuildingChange = {
      houseNumber: houseNumber.trim(),
      block: block.trim() || null,
      kind,
      districtId: districtId ? Number(districtId) : null,
      maintainerId: maintainerId ? Number(maintainerId) : null,
      latitude: numberOrNull(latitude),
      longitude: numberOrNull(longitude),
    };
    save.mutate({ id: building.id, change });
  };

  return (
    <Paper withBorder p="md" data-testid="building-editor">
      <Stack gap="sm" component="form" onSubmit={send}>
        <Text fw={600}>{t('addressRegistry.editBuilding', { label: building.label })}</Text>
        <Group grow align="start">
          <TextInput
            label={t('addressRegistry.house')}
            value={houseNumber}
            onChange={(e) => setHouseNumber(e.currentTarget.value)}
            required
          />
          <TextInput
            label={t('addressRegistry.block')}
            value={block}
            onChange={(e) => setBlock(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('addressRegistry.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value === 'other' ? 'other' : 'residential')}
            data={[
              { value: 'residential', label: t('addressRegistry.kindResidential') },
              { value: 'other', label: t('addressRegistry.kindOther') },
            ]}
          />
        </Group>
        <Group grow align="start">
          <NativeSelect
            label={t('addressRegistry.district')}
            value={districtId}
            onChange={(e) => setDistrictId(e.currentTarget.value)}
            data={[
              { value: '', label: '—' },
              ...(districts.data ?? []).map((d) => ({ value: String(d.id), label: d.name })),
            ]}
          />
          <NativeSelect
            label={t('addressRegistry.maintainer')}
            value={maintainerId}
            onChange={(e) => setMaintainerId(e.currentTarget.value)}
            data={[
              { value: '', label: '—' },
              ...(maintainers.data ?? []).map((m) => ({ value: String(m.id), label: m.name })),
            ]}
          />
        </Group>
        <Group grow align="start">
          <TextInput
            label={t('addressRegistry.latitude')}
            inputMode="decimal"
            value={latitude}
            onChange={(e) => setLatitude(e.currentTarget.value)}
          />
          <TextInput
            label={t('addressRegistry.longitude')}
            inputMode="decimal"
            value={longitude}
            onChange={(e) => setLongitude(e.currentTarget.value)}
          />
        </Group>
        {save.error ? <ErrorNote error={save.error} /> : null}
        {save.isSuccess ? (
          <Text size="sm" c="teal.9" role="status">
            {t('addressRegistry.saved')}
          </Text>
        ) : null}
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {t('addressRegistry.save')}
          </Button>
          <Button variant="subtle" onClick={onClose}>
            {t('addressRegistry.close')}
          </Button>
        </Group>
        <RegistryHistory entity="building" id={building.id} />
      </Stack>
    </Paper>
  );
}
