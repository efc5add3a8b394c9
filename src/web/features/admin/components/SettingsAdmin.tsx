import { Button, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { settingsQuery, useChangeSetting, type Setting } from '../api/admin.js';

/** Every setting with its unit, default, range and help; system values shown read-only. */
export function SettingsAdmin() {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery);
  return (
    <Stack gap="md">
      <Text c="dimmed">{t('admin.settings.intro')}</Text>
      {settings.isError ? <ErrorNote error={settings.error} /> : null}
      <TableScroll label={t('admin.section.settings')} minWidth={720}>
        <Table striped aria-label={t('admin.section.settings')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.settings.setting')}</Table.Th>
              <Table.Th>{t('admin.settings.value')}</Table.Th>
              <Table.Th>{t('admin.settings.default')}</Table.Th>
              <Table.Th>{t('admin.settings.range')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(settings.data ?? []).map((s) => (
              <SettingRow key={s.key} setting={s} />
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

function SettingRow({ setting }: { setting: Setting }) {
  const { t } = useTranslation();
  const change = useChangeSetting();
  const [value, setValue] = useState<string | number>(
    typeof setting.value === 'number' || typeof setting.value === 'string' ? setting.value : '',
  );
  const label = setting.editable ? t(`admin.settings.keys.${setting.key}.label`) : setting.key;
  const unit =
    setting.unit === 'text' || setting.unit === 'system'
      ? ''
      : t(`admin.settings.unit.${setting.unit}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({
      key: setting.key,
      value: setting.type === 'integer' ? Number(value) : String(value),
    });
  };
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600}>{label}</Text>
        {setting.editable ? (
          <Text size="sm" c="dimmed">
            {t(`admin.settings.keys.${setting.key}.help`)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('admin.settings.system')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {setting.editable ? (
          <Group component="form" onSubmit={submit} gap="xs" wrap="nowrap" align="flex-start">
            {setting.type === 'integer' ? (
              <NumberInput
                aria-label={label}
                value={value}
                onChange={(v) => {
                  setValue(v);
                  change.reset();
                }}
                allowDecimal={false}
                w={120}
                rightSection={<Text size="xs">{unit}</Text>}
                rightSectionWidth={unit ? 60 : 0}
              />
            ) : (
              <TextInput
                aria-label={label}
                value={String(value)}
                onChange={(e) => {
                  setValue(e.currentTarget.value);
                  change.reset();
                }}
                w={220}
              />
            )}
            <Button type="submit" size="sm" loading={change.isPending}>
              {t('admin.save')}
            </Button>
            {change.isSuccess ? (
              <Text size="sm" c="green.9" role="status">
                {t('admin.saved')}
              </Text>
            ) : null}
          </Group>
        ) : (
          <Text>{JSON.stringify(setting.value)}</Text>
        )}
        <ErrorNote error={change.error} />
      </Table.Td>
      <Table.Td>{setting.default === null ? '—' : `${setting.default} ${unit}`}</Table.Td>
      <Table.Td>
        {setting.min !== null && setting.max !== null
          ? `${setting.min}–${setting.max} ${unit}`
          : '—'}
      </Table.Td>
    </Table.Tr>
  );
}
