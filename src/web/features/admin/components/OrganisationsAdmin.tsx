import { Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ORGANISATION_TYPES } from '../../../../domain/vocabulary.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { FormActions } from './FormActions.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import {
  districtsQuery,
  organisationsQuery,
  useCreateOrganisation,
  useMoveOrganisation,
  useSetOrganisationActive,
  useUpdateOrganisation,
  type AdminOrganisation,
} from '../api/admin.js';
import { numberOrNull, organisationOptions, treeOrder } from './options.js';

/** The organisations' tree: create, edit (name, type, contacts, district), move, deactivate. */
export function OrganisationsAdmin() {
  const { t } = useTranslation();
  const organisations = useQuery(organisationsQuery);
  const districts = useQuery(districtsQuery);
  const setActive = useSetOrganisationActive();
  const [editing, setEditing] = useState<AdminOrganisation | 'new' | null>(null);
  const [moving, setMoving] = useState<AdminOrganisation | null>(null);
  const districtName = (id: number | null) =>
    id === null ? '—' : (districts.data?.find((d) => d.id === id)?.name ?? String(id));

  return (
    <Stack gap="md">
      <Group>
        <Button onClick={() => setEditing('new')}>{t('admin.organisations.new')}</Button>
      </Group>
      {organisations.isError ? <ErrorNote error={organisations.error} /> : null}
      <ErrorNote error={setActive.error} />
      <TableScroll label={t('admin.section.organisations')} minWidth={900}>
        <Table striped aria-label={t('admin.section.organisations')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.organisations.name')}</Table.Th>
              <Table.Th>{t('admin.organisations.type')}</Table.Th>
              <Table.Th>{t('admin.organisations.district')}</Table.Th>
              <Table.Th>{t('admin.organisations.openAssignments')}</Table.Th>
              <Table.Th>{t('admin.organisations.users')}</Table.Th>
              <Table.Th>{t('admin.users.state')}</Table.Th>
              <Table.Th>{t('admin.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {treeOrder(organisations.data ?? []).map(({ org, depth }) => (
              <Table.Tr key={org.id}>
                <Table.Td style={{ paddingInlineStart: `${0.75 + depth * 1.25}rem` }}>
                  {org.name}
                </Table.Td>
                <Table.Td>{t(`admin.organisationType.${org.type}`)}</Table.Td>
                <Table.Td>{districtName(org.districtId)}</Table.Td>
                <Table.Td>
                  {org.openAssignments > 0 ? (
                    <Link to={`/appeals?executorId=${org.id}`}>{org.openAssignments}</Link>
                  ) : (
                    0
                  )}
                </Table.Td>
                <Table.Td>{org.users}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600} span>
                    {org.active ? t('admin.active') : t('admin.inactive')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-sm" variant="default" onClick={() => setEditing(org)}>
                      {t('admin.edit')}
                    </Button>
                    <Button size="compact-sm" variant="default" onClick={() => setMoving(org)}>
                      {t('admin.organisations.move')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => setActive.mutate({ id: org.id, active: !org.active })}
                    >
                      {org.active ? t('admin.deactivate') : t('admin.reactivate')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {editing !== null ? (
        <OrganisationForm
          organisation={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {moving ? <MoveForm organisation={moving} onClose={() => setMoving(null)} /> : null}
    </Stack>
  );
}

function OrganisationForm({
  organisation,
  onClose,
}: {
  organisation: AdminOrganisation | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const organisations = useQuery(organisationsQuery);
  const districts = useQuery(districtsQuery);
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  const mutation = organisation ? update : create;
  const [name, setName] = useState(organisation?.name ?? '');
  const [shortName, setShortName] = useState(organisation?.shortName ?? '');
  const [type, setType] = useState<string | null>(organisation?.type ?? 'utility_company');
  const [parentId, setParentId] = useState<string | null>(null);
  const [districtId, setDistrictId] = useState<string | null>(
    organisation?.districtId ? String(organisation.districtId) : null,
  );
  const [email, setEmail] = useState(organisation?.email ?? '');
  const [phone, setPhone] = useState(organisation?.phone ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name,
      shortName: shortName.trim() || null,
      type: (type ?? 'other') as AdminOrganisation['type'],
      email: email.trim() || null,
      phone: phone.trim() || null,
      districtId: numberOrNull(districtId),
    };
    if (organisation) update.mutate({ id: organisation.id, ...body }, { onSuccess: onClose });
    else create.mutate({ ...body, parentId: numberOrNull(parentId) }, { onSuccess: onClose });
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={organisation ? t('admin.organisations.edit') : t('admin.organisations.new')}
    >
      <Stack component="form" onSubmit={submit} gap="sm">
        <TextInput
          label={t('admin.organisations.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          label={t('admin.organisations.shortName')}
          value={shortName}
          onChange={(e) => setShortName(e.currentTarget.value)}
        />
        <Select
          label={t('admin.organisations.type')}
          data={ORGANISATION_TYPES.map((v) => ({
            value: v,
            label: t(`admin.organisationType.${v}`),
          }))}
          value={type}
          onChange={setType}
        />
        {organisation ? null : (
          <Select
            label={t('admin.organisations.parent')}
            data={organisationOptions(organisations.data)}
            searchable
            clearable
            value={parentId}
            onChange={setParentId}
          />
        )}
        <Select
          label={t('admin.organisations.district')}
          data={(districts.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))}
          searchable
          clearable
          value={districtId}
          onChange={setDistrictId}
        />
        <TextInput
          label={t('admin.organisations.notificationEmail')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <TextInput
          label={t('admin.phone')}
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
        />
        <FormActions error={mutation.error} pending={mutation.isPending} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}

function MoveForm({
  organisation,
  onClose,
}: {
  organisation: AdminOrganisation;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const organisations = useQuery(organisationsQuery);
  const move = useMoveOrganisation();
  const [parentId, setParentId] = useState<string | null>(
    organisation.parentId ? String(organisation.parentId) : null,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    move.mutate({ id: organisation.id, parentId: numberOrNull(parentId) }, { onSuccess: onClose });
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('admin.organisations.moveTitle', { name: organisation.name })}
    >
      <Stack component="form" onSubmit={submit} gap="sm">
        <Select
          label={t('admin.organisations.parent')}
          description={t('admin.organisations.parentHint')}
          data={organisationOptions(organisations.data, {
            includeInactive: true,
            exclude: organisation.id,
          })}
          searchable
          clearable
          value={parentId}
          onChange={setParentId}
        />
        <FormActions error={move.error} pending={move.isPending} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}
