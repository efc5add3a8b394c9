/**
 * The registry's history (issue 15): who changed a street or a building, when, and each changed
 * field as it was → as it became. Ids of districts and maintainers are shown by their names.
 */
import { Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/lib/format.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { districtsQuery, maintainersQuery, registryHistoryQuery } from '../api/address-registry.js';

const FIELDS = [
  'name',
  'type',
  'date',
  'houseNumber',
  'block',
  'kind',
  'latitude',
  'longitude',
  'districtId',
  'maintainerId',
  'active',
  'mergedIntoId',
  'mergedFromId',
  'movedAppeals',
] as const;

export function RegistryHistory({ entity, id }: { entity?: 'street' | 'building'; id?: number }) {
  const { t, i18n } = useTranslation();
  const history = useQuery(registryHistoryQuery(entity, id));
  const districts = useQuery(districtsQuery);
  const maintainers = useQuery(maintainersQuery);
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    const text =
      typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : JSON.stringify(value);
    if (field === 'districtId')
      return districts.data?.find((d) => d.id === value)?.name ?? `#${text}`;
    if (field === 'maintainerId')
      return maintainers.data?.find((m) => m.id === value)?.name ?? `#${text}`;
    if (field === 'kind')
      return value === 'other'
        ? t('addressRegistry.kindOther')
        : t('addressRegistry.kindResidential');
    if (typeof value === 'boolean')
      return value ? t('addressRegistry.yes') : t('addressRegistry.no');
    return text;
  };
  const edits = history.data ?? [];
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t('addressRegistry.history')}
      </Text>
      {edits.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('addressRegistry.noHistory')}
        </Text>
      ) : (
        <TableScroll label={t('addressRegistry.history')} minWidth={520}>
          <Table striped data-testid="registry-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('addressRegistry.when')}</Table.Th>
                <Table.Th>{t('addressRegistry.who')}</Table.Th>
                <Table.Th>{t('addressRegistry.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {edits.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
                  <Table.Td>{e.actor}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {t(`addressRegistry.action.${e.action}`, { defaultValue: e.action })}
                      {entity ? '' : ` · ${t(`addressRegistry.entity.${e.entity}`)} #${e.entityId}`}
                    </Text>
                    {FIELDS.filter((f) => f in e.after).map((f) => (
                      <Text size="sm" key={f}>
                        {t(`addressRegistry.field.${f}`)}:{' '}
                        {f in e.before ? `${show(f, e.before[f])} → ` : ''}
                        {show(f, e.after[f])}
                      </Text>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}
