/**
 * The registry keeper's screen (issue 15): find a street by any of its names, rename it (the old
 * name is kept with its date), see its buildings, edit one (number, block, kind, district,
 * maintainer, point), assign a maintainer to the selected ones, merge two selected buildings that
 * are one; the maintainers and their buildings; the registry's history (who, when, before →
 * after); and the addresses appeals gave that the registry lacks.
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
  maintainerBuildingsQuery,
  maintainersQuery,
  mergeBuildings,
  renameStreet,
  unplacedQuery,
  useRegistryChange,
} from '../api/address-registry.js';
import { BuildingEditor } from './BuildingEditor.js';
import { RegistryHistory } from './RegistryHistory.js';

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

function Buildings({ streetId, maintainerId }: { streetId?: number; maintainerId?: number }) {
  const { t } = useTranslation();
  const buildings = useQuery(
    maintainerId !== undefined
      ? maintainerBuildingsQuery(maintainerId)
      : keeperBuildingsQuery(streetId ?? null),
  );
  const [editing, setEditing] = useState<number | null>(null);
  const edited = buildings.data?.find((b) => b.id === editing) ?? null;
  const maintainers = useQuery(maintainersQuery);
  const [selected, setSelected] = useState<number[]>([]);
  const [assignTo, setAssignTo] = useState('');
  const assign = useRegistryChange(assignMaintainer);
  const merge = useRegistryChange(mergeBuildings);
  const toggle = (id: number) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  // Every active building of the list at once (a street's, or a maintainer's), for the maintainer.
  const selectable = (buildings.data ?? []).filter((b) => b.active).map((b) => b.id);
  const allSelected = selectable.length > 0 && selectable.every((id) => selected.includes(id));
  return (
    <Stack gap="sm">
      <Group align="end" gap="sm">
        <NativeSelect
          label={t('addressRegistry.maintainer')}
          value={assignTo}
          onChange={(e) => setAssignTo(e.currentTarget.value)}
          data={[
            { value: '', label: '—' },
            ...(maintainers.data ?? []).map((m) => ({ value: String(m.id), label: m.name })),
          ]}
        />
        <Button
          disabled={selected.length === 0 || assignTo === ''}
          loading={assign.isPending}
          onClick={() =>
            assign.mutate(
              { buildingIds: selected, maintainerId: Number(assignTo) },
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
              <Table.Th>
                <Checkbox
                  aria-label={t('addressRegistry.selectAll')}
                  checked={allSelected}
                  indeterminate={selected.length > 0 && !allSelected}
                  disabled={selectable.length === 0}
                  onChange={() => setSelected(allSelected ? [] : selectable)}
                />
              </Table.Th>
              <Table.Th>{t('addressRegistry.house')}</Table.Th>
              <Table.Th>{t('addressRegistry.block')}</Table.Th>
              <Table.Th>{t('addressRegistry.district')}</Table.Th>
              <Table.Th>{t('addressRegistry.maintainer')}</Table.Th>
              <Table.Th>{t('addressRegistry.appeals')}</Table.Th>
              <Table.Th />
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
                  {maintainerId !== undefined ? b.label : b.houseNumber}{' '}
                  {!b.active && <Badge size="xs">{t('addressRegistry.merged')}</Badge>}
                </Table.Td>
                <Table.Td>{b.block ?? '—'}</Table.Td>
                <Table.Td>{b.districtName ?? '—'}</Table.Td>
                <Table.Td>{b.maintainerName ?? '—'}</Table.Td>
                <Table.Td>{b.appeals}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    aria-label={t('addressRegistry.editBuilding', { label: b.label })}
                    onClick={() => setEditing(b.id)}
                  >
                    {t('addressRegistry.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {edited ? (
        <BuildingEditor key={edited.id} building={edited} onClose={() => setEditing(null)} />
      ) : null}
    </Stack>
  );
}

/** The maintainers with how many buildings each keeps; one chosen shows its buildings. */
function Maintainers() {
  const { t } = useTranslation();
  const maintainers = useQuery(maintainersQuery);
  const [chosen, setChosen] = useState<number | null>(null);
  return (
    <Stack gap="md">
      <TableScroll label={t('addressRegistry.maintainers')} minWidth={420}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('addressRegistry.maintainer')}</Table.Th>
              <Table.Th>{t('addressRegistry.buildingsCount')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(maintainers.data ?? []).map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td>{m.buildings}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant={chosen === m.id ? 'filled' : 'subtle'}
                    disabled={m.buildings === 0}
                    onClick={() => setChosen(m.id)}
                  >
                    {t('addressRegistry.showBuildings')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {chosen !== null ? <Buildings key={chosen} maintainerId={chosen} /> : null}
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
            <Buildings key={current.id} streetId={current.id} />
            <RegistryHistory entity="street" id={current.id} />
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
          <Tabs.Tab value="maintainers">{t('addressRegistry.maintainers')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('addressRegistry.history')}</Tabs.Tab>
          <Tabs.Tab value="unplaced">{t('addressRegistry.unplaced')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="streets" pt="md">
          <Streets />
        </Tabs.Panel>
        <Tabs.Panel value="maintainers" pt="md">
          <Maintainers />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <RegistryHistory />
        </Tabs.Panel>
        <Tabs.Panel value="unplaced" pt="md">
          <UnplacedList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
