/**
 * The dispatcher's registry of emergencies and planned works (issue 16): the entries with their
 * status, expected end, buildings covered, callers informed and linked appeals; a form to register
 * one on a building or its whole street; activate, close (closing twice changes nothing); history.
 * The area may also be a polygon drawn on the city map (or typed as coordinates): `area.polygon`.
 */
import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  WORK_KINDS,
  WORK_SERVICES,
  type WorkInput,
  type WorkView,
} from '../../../../contract/works.schemas.js';
import { api, ApiError } from '../../../shared/api/client.js';
import type { RegistryAddress } from '../../../shared/api/types.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { formatDateTime } from '../../../shared/lib/format.js';
import { errorText } from '../../../shared/lib/server-errors.js';
import { AddressPicker, type PickedAddress } from '../../../shared/ui/AddressPicker.js';
import { PolygonDrawer, polygonOf, type Vertex } from './PolygonDrawer.js';

const searchRegistry = (q: string, signal: AbortSignal) =>
  api.get<RegistryAddress[]>('/addresses/registry', { q }, signal);

function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function WorkForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const now = new Date();
  const [kind, setKind] = useState<(typeof WORK_KINDS)[number]>('outage');
  const [service, setService] = useState<(typeof WORK_SERVICES)[number]>('hot_water');
  const [place, setPlace] = useState<PickedAddress>({ text: '', buildingId: null });
  const [wholeStreet, setWholeStreet] = useState(true);
  const [startsAt, setStartsAt] = useState(localInput(now));
  const [endsAt, setEndsAt] = useState(localInput(new Date(now.getTime() + 6 * 3600_000)));
  const [reason, setReason] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [textUk, setTextUk] = useState('');
  const [textEn, setTextEn] = useState('');
  const [points, setPoints] = useState<Vertex[]>([]);
  const [tooFew, setTooFew] = useState(false);
  const create = useMutation({
    mutationFn: (body: WorkInput) => api.post<WorkView>('/works', body),
    onSuccess: () => {
      setReason('');
      setTextUk('');
      setTextEn('');
      setPoints([]);
      void client.invalidateQueries({ queryKey: ['works'] });
    },
  });
  const building = place.building ?? null;
  const focus =
    building && building.latitude !== null && building.longitude !== null
      ? { latitude: building.latitude, longitude: building.longitude }
      : null;
  const submit = () => {
    const few = points.length > 0 && points.length < 3;
    setTooFew(few);
    if (few) return;
    create.mutate({
      kind,
      service,
      area: {
        buildingIds: building && !wholeStreet ? [building.buildingId ?? 0] : [],
        streetIds: building && wholeStreet ? [building.streetId] : [],
        districtIds: [],
        polygon: polygonOf(points),
      },
      startsAt: new Date(startsAt).toISOString(),
      expectedEndAt: new Date(endsAt).toISOString(),
      reason,
      organisationId: null,
      organisationName: organisation.trim() || null,
      publicTextUk: textUk,
      publicTextEn: textEn.trim() || null,
    });
  };
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('works.page.new')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('works.page.kind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as typeof kind)}
              data={WORK_KINDS.map((k) => ({ value: k, label: t(`works.kind.${k}`) }))}
            />
            <NativeSelect
              label={t('works.page.service')}
              value={service}
              onChange={(e) => setService(e.currentTarget.value as typeof service)}
              data={WORK_SERVICES.map((s) => ({ value: s, label: t(`works.service.${s}`) }))}
            />
          </SimpleGrid>
          <AddressPicker
            label={t('works.page.place')}
            description={t('works.page.placeHint')}
            value={place}
            onChange={setPlace}
            search={searchRegistry}
            scope="staff"
          />
          <Checkbox
            label={t('works.page.wholeStreet')}
            checked={wholeStreet}
            onChange={(e) => setWholeStreet(e.currentTarget.checked)}
          />
          <PolygonDrawer
            value={points}
            onChange={(next) => {
              setPoints(next);
              if (next.length === 0 || next.length >= 3) setTooFew(false);
            }}
            focus={focus}
          />
          {tooFew ? (
            <Text c="red.9" size="sm" role="alert">
              {t('worksMap.needThree')}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="datetime-local"
              label={t('works.page.startsAt')}
              value={startsAt}
              onChange={(e) => setStartsAt(e.currentTarget.value)}
              required
            />
            <TextInput
              type="datetime-local"
              label={t('works.page.expectedEndAt')}
              value={endsAt}
              onChange={(e) => setEndsAt(e.currentTarget.value)}
              required
            />
          </SimpleGrid>
          <TextInput
            label={t('works.page.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
          />
          <TextInput
            label={t('works.page.organisation')}
            value={organisation}
            onChange={(e) => setOrganisation(e.currentTarget.value)}
          />
          <Textarea
            label={t('works.page.publicTextUk')}
            value={textUk}
            onChange={(e) => setTextUk(e.currentTarget.value)}
            required
            autosize
            minRows={2}
          />
          <Textarea
            label={t('works.page.publicTextEn')}
            value={textEn}
            onChange={(e) => setTextEn(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {create.error ? (
            <Text c="red.9" size="sm" role="alert">
              {create.error instanceof ApiError ? errorText(t, create.error) : String(create.error)}
            </Text>
          ) : null}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('works.page.register')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function History({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const events = useQuery({
    queryKey: ['works', id, 'history'],
    queryFn: ({ signal }) =>
      api.get<{ id: number; at: string; actor: string; action: string }[]>(
        `/works/${id}/history`,
        undefined,
        signal,
      ),
  });
  return (
    <Stack gap={2}>
      {(events.data ?? []).map((e) => (
        <Text key={e.id} size="xs">
          {formatDateTime(e.at, i18n.language)} · {t(`works.action.${e.action}`)} · {e.actor}
        </Text>
      ))}
    </Stack>
  );
}

/** The registry's screen (permission works.manage). */
export function WorksPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState<number | null>(null);
  const works = useQuery({
    queryKey: ['works', 'list'],
    queryFn: ({ signal }) => api.get<WorkView[]>('/works', undefined, signal),
  });
  const status = useMutation({
    mutationFn: ({ id, to }: { id: number; to: 'active' | 'closed' }) =>
      api.post<WorkView>(`/works/${id}/status`, { status: to }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['works'] }),
  });
  return (
    <Stack gap="md">
      <PageHeader title={t('works.page.title')} />
      <WorkForm />
      {works.data && works.data.length === 0 ? <Text>{t('works.page.none')}</Text> : null}
      <Table.ScrollContainer minWidth={720}>
        <Table striped aria-label={t('works.page.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('works.page.what')}</Table.Th>
              <Table.Th>{t('works.page.statusColumn')}</Table.Th>
              <Table.Th>{t('works.page.expectedEndAt')}</Table.Th>
              <Table.Th>{t('works.page.counts')}</Table.Th>
              <Table.Th>{t('works.page.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(works.data ?? []).map((w) => (
              <Table.Tr key={w.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    № {w.id} · {t(`works.kind.${w.kind}`)}: {t(`works.service.${w.service}`)}
                  </Text>
                  <Text size="sm">{w.publicTextUk}</Text>
                  {open === w.id ? <History id={w.id} /> : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={700} c={w.overdue ? 'red.9' : 'dark'}>
                    {w.overdue ? t('works.page.overdue') : t(`works.status.${w.status}`)}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDateTime(w.expectedEndAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {t('works.page.countsText', {
                      buildings: w.buildingCount,
                      informed: w.informedCount,
                      linked: w.linkedAppeals,
                    })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {w.status === 'planned' ? (
                      <Button size="xs" onClick={() => status.mutate({ id: w.id, to: 'active' })}>
                        {t('works.page.activate')}
                      </Button>
                    ) : null}
                    {w.status !== 'closed' ? (
                      <Button
                        size="xs"
                        color="dark"
                        onClick={() => status.mutate({ id: w.id, to: 'closed' })}
                      >
                        {t('works.page.close')}
                      </Button>
                    ) : null}
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setOpen(open === w.id ? null : w.id)}
                    >
                      {t('works.page.history')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
