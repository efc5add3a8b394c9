/**
 * The registry keeper's screen (issue 15): find a street by any of its names, rename it (the old
 * name is kept with its date), see its buildings, assign a maintainer to the selected ones, merge
 * two selected buildings that are one; and the addresses appeals gave that the registry lacks.
 */
import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import {
  assignMaintainer,
  keeperBuildingsQuery,
  keeperStreetsQuery,
  type KeeperStreet,
  maintainersQuery,
  mergeBuildings,
  renameStreet,
  unplacedQuery,
  useRegistryChange,
} from '../api/address-registry.js';

function RenameForm({ street }: { street: KeeperStreet }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const rename = useRegistryChange(renameStreet);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        rename.mutate({ streetId: street.id, name, date }, { onSuccess: () => setName('') });
      }}
    >
      <Group align="end" gap="sm">
        <TextInput
          label={t('addressRegistry.newName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('addressRegistry.renameDate')}
          type="date"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          required
        />
        <Button type="submit" loading={rename.isPending}>
          {t('addressRegistry.rename')}
        </Button>
      </Group>
      {rename.error && <ErrorNote error={rename.error} />}
    </form>
  );
}

function Buildings({ street }: { street: KeeperStreet }) {
  const { t } = useTranslation();
  const buildings = useQuery(keeperBuildingsQuery(street.id));
  const maintainers = useQuery(maintainersQuery);
  const [selected, setSelected] = useState<number[]>([]);
  const [maintainerId, setMaintainerId] = useState('');
  const assign = useRegistryChange(assignMaintainer);
  const merge = useRegistryChange(mergeBuildings);
  const toggle = (id: number) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  return (
    <Stack gap="sm">
      <Group align="end" gap="sm">
        <NativeSelect
          label={t('addressRegistry.maintainer')}
          value={maintainerId}
          onChange={(e) => setMaintainerId(e.currentTarget.value)}
          data={[
            { value: '', label: '—' },
            ...(maintainers.data ?? []).map((m) => ({ value: String(m.id), label: m.name })),
          ]}
        />
        <Button
          disabled={selected.length === 0 || maintainerId === ''}
          loading={assign.isPending}
          onClick={() =>
            assign.mutate(
              { buildingIds: selected, maintainerId: Number(maintainerId) },
              { onSuccess: () => setSelected([]) },
            )
          }
        >
          {t('addressRegistry.assign', { count: selected.length })}
        </Button>
        <Button
          variant="light"
          disabled={selected.length !== 2}
          loading={merge.isPending}
          onClick={() =>
            merge.mutate(
              { fromId: selected[0]!, intoId: selected[1]! },
              { onSuccess: () => setSelected([]) },
            )
          }
        >
          {t('addressRegistry.merge')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('addressRegistry.mergeHint')}
      </Text>
      {(assign.error ?? merge.error) && <ErrorNote error={assign.error ?? merge.error} />}
      <TableScroll label={t('addressRegistry.streets')} minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t('addressRegistry.house')}</Table.Th>
              <Table.Th>{t('addressRegistry.district')}</Table.Th>
              <Table.Th>{t('addressRegistry.maintainer')}</Table.Th>
              <Table.Th>{t('addressRegistry.appeals')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(buildings.data ?? []).map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>
                  <Checkbox
                    aria-label={b.label}
                    checked={selected.includes(b.id)}
                    disabled={!b.active}
                    onChange={() => toggle(b.id)}
                  />
                </Table.Td>
                <Table.Td>
                  {b.houseNumber}{' '}
                  {!b.active && <Badge size="xs">{t('addressRegistry.merged')}</Badge>}
                </Table.Td>
                <Table.Td>{b.districtName ?? '—'}</Table.Td>
                <Table.Td>{b.maintainerName ?? '—'}</Table.Td>
                <Table.Td>{b.appeals}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

function Streets() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const streets = useQuery(keeperStreetsQuery(debounced));
  const [chosen, setChosen] = useState<KeeperStreet | null>(null);
  const current = chosen ? (streets.data?.find((s) => s.id === chosen.id) ?? chosen) : null;
  return (
    <Stack gap="md">
      <TextInput
        label={t('addressRegistry.searchStreet')}
        description={t('addressRegistry.searchHint')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      {streets.error && <ErrorNote error={streets.error} />}
      <Stack gap={4}>
        {(streets.data ?? []).map((s) => (
          <Button
            key={s.id}
            variant={current?.id === s.id ? 'filled' : 'subtle'}
            justify="start"
            onClick={() => setChosen(s)}
          >
            {s.label} · {s.city} · {t('addressRegistry.buildings', { count: s.buildings })}
          </Button>
        ))}
      </Stack>
      {current && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Text fw={600}>{current.label}</Text>
            <Group gap={6}>
              {current.names
                .filter((n) => !n.current)
                .map((n) => (
                  <Badge key={n.name} variant="light">
                    {t('addressPicker.formerly', { name: n.name })}
                    {n.validTo ? ` (${t('addressRegistry.until', { date: n.validTo })})` : ''}
                  </Badge>
                ))}
            </Group>
            <RenameForm street={current} />
            <Buildings street={current} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function UnplacedList() {
  const { t } = useTranslation();
  const unplaced = useQuery(unplacedQuery);
  return (
    <TableScroll label={t('addressRegistry.unplaced')} minWidth={480}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('appeal.number')}</Table.Th>
            <Table.Th>{t('appeal.address')}</Table.Th>
            <Table.Th>{t('addressRegistry.flags')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(unplaced.data ?? []).map((u) => (
            <Table.Tr key={u.appealId}>
              <Table.Td>
                <Link to={`/appeals/${u.appealId}`}>{u.number}</Link>
              </Table.Td>
              <Table.Td>{u.address ?? '—'}</Table.Td>
              <Table.Td>{u.flags.map((f) => t(`addressPlace.flag_${f}`)).join(', ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export function AddressRegistryPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageHeader title={t('addressRegistry.title')} description={t('addressRegistry.subtitle')} />
      <Tabs defaultValue="streets" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="streets">{t('addressRegistry.streets')}</Tabs.Tab>
          <Tabs.Tab value="unplaced">{t('addressRegistry.unplaced')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="streets" pt="md">
          <Streets />
        </Tabs.Panel>
        <Tabs.Panel value="unplaced" pt="md">
          <UnplacedList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
