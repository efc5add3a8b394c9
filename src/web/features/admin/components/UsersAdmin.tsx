import {
  Alert,
  Button,
  Code,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ROLES } from '../../../../domain/vocabulary.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { FormActions } from './FormActions.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import {
  organisationsQuery,
  useCreateUser,
  useDeactivateUser,
  useReactivateUser,
  useResetPassword,
  useUpdateUser,
  usersQuery,
  type Deactivation,
  type PasswordReset,
  type StaffUser,
  type UserFilter,
} from '../api/admin.js';
import { numberOrNull, organisationOptions } from './options.js';

/** Staff users: filter, create, edit, deactivate and reactivate, reset a password. */
export function UsersAdmin() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<UserFilter>({ active: 'true' });
  const users = useQuery(usersQuery(filter));
  const organisations = useQuery(organisationsQuery);
  const [editing, setEditing] = useState<StaffUser | 'new' | null>(null);
  const deactivate = useDeactivateUser();
  const reactivate = useReactivateUser();
  const reset = useResetPassword();
  const [outcome, setOutcome] = useState<Deactivation | PasswordReset | null>(null);
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('admin.users.search')}
          value={filter.q ?? ''}
          onChange={(e) => setFilter({ ...filter, q: e.currentTarget.value })}
        />
        <Select
          label={t('admin.users.role')}
          data={roleOptions}
          clearable
          value={filter.role ?? null}
          onChange={(v) => setFilter({ ...filter, ...(v ? { role: v } : { role: undefined }) })}
        />
        <Select
          label={t('admin.users.organisation')}
          data={organisationOptions(organisations.data, { includeInactive: true })}
          searchable
          clearable
          value={filter.organisationId ? String(filter.organisationId) : null}
          onChange={(v) => setFilter({ ...filter, organisationId: v ? Number(v) : undefined })}
        />
        <Select
          label={t('admin.users.state')}
          data={[
            { value: 'true', label: t('admin.active') },
            { value: 'false', label: t('admin.inactive') },
          ]}
          clearable
          value={filter.active ?? null}
          onChange={(v) =>
            setFilter({ ...filter, active: v === 'true' || v === 'false' ? v : undefined })
          }
        />
        <Button onClick={() => setEditing('new')}>{t('admin.users.new')}</Button>
      </Group>
      {users.isError ? <ErrorNote error={users.error} /> : null}
      <ErrorNote error={deactivate.error ?? reactivate.error ?? reset.error} />
      {outcome && 'oneTimePassword' in outcome ? (
        <Alert
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setOutcome(null)}
        >
          {t('admin.users.oneTimePassword', { login: outcome.user.login })}{' '}
          <Code data-testid="one-time-password">{outcome.oneTimePassword}</Code>
        </Alert>
      ) : null}
      {outcome && 'sessionsEnded' in outcome ? (
        <Alert
          color="orange"
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setOutcome(null)}
        >
          {t('admin.users.deactivated', {
            login: outcome.user.login,
            sessions: outcome.sessionsEnded,
            tokens: outcome.tokensRevoked,
          })}
          {outcome.orphanedAssignments > 0
            ? ` ${t('admin.users.orphaned', { count: outcome.orphanedAssignments })}`
            : ''}
          {outcome.openWork.length > 0 ? (
            <Group gap="xs" mt={4}>
              {t('admin.users.openWork')}:
              {outcome.openWork.map((w) => (
                <Link key={w.appealId} to={`/appeals/${w.appealId}`}>
                  {w.number}
                </Link>
              ))}
            </Group>
          ) : null}
          {outcome.duties.executorIds.length + outcome.duties.queues.length > 0
            ? ` ${t('admin.users.dutiesLeft', {
                executors: outcome.duties.executorIds.length,
                queues: outcome.duties.queues.length,
              })}`
            : ''}
        </Alert>
      ) : null}
      <TableScroll label={t('admin.section.users')} minWidth={900}>
        <Table striped aria-label={t('admin.section.users')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.users.login')}</Table.Th>
              <Table.Th>{t('admin.users.fullName')}</Table.Th>
              <Table.Th>{t('admin.users.role')}</Table.Th>
              <Table.Th>{t('admin.users.organisation')}</Table.Th>
              <Table.Th>{t('admin.users.state')}</Table.Th>
              <Table.Th>{t('admin.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users.data ?? []).map((u) => (
              <Table.Tr key={u.id} data-login={u.login}>
                <Table.Td>{u.login}</Table.Td>
                <Table.Td>{u.fullName}</Table.Td>
                <Table.Td>{t(`role.${u.role}`)}</Table.Td>
                <Table.Td>{u.organisationName ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600} span>
                    {u.active ? t('admin.active') : t('admin.inactive')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-sm" variant="default" onClick={() => setEditing(u)}>
                      {t('admin.edit')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => reset.mutate(u.id, { onSuccess: (r) => setOutcome(r) })}
                    >
                      {t('admin.users.resetPassword')}
                    </Button>
                    {u.active ? (
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => deactivate.mutate(u.id, { onSuccess: (r) => setOutcome(r) })}
                      >
                        {t('admin.deactivate')}
                      </Button>
                    ) : (
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => reactivate.mutate(u.id)}
                      >
                        {t('admin.reactivate')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {users.data?.length === 0 ? <Text c="dimmed">{t('admin.nothing')}</Text> : null}
      {editing !== null ? (
        <UserForm user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Stack>
  );
}

function UserForm({ user, onClose }: { user: StaffUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  const organisations = useQuery(organisationsQuery);
  const create = useCreateUser();
  const update = useUpdateUser();
  const [login, setLogin] = useState('');
  const [fullName, setFullName] = useState(user?.fullName ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [phone, setPhone] = useState(user?.phone ?? '');
  const [role, setRole] = useState<string | null>(user?.role ?? null);
  const [organisationId, setOrganisationId] = useState<string | null>(
    user?.organisationId ? String(user.organisationId) : null,
  );
  const [password, setPassword] = useState('');
  const mutation = user ? update : create;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = {
      fullName,
      email: email.trim() || null,
      phone: phone.trim() || null,
      role: (role ?? 'operator') as StaffUser['role'],
      organisationId: numberOrNull(organisationId),
    };
    if (user) update.mutate({ id: user.id, ...common }, { onSuccess: onClose });
    else create.mutate({ ...common, login, password }, { onSuccess: onClose });
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={user ? t('admin.users.edit', { login: user.login }) : t('admin.users.new')}
    >
      <Stack component="form" onSubmit={submit} gap="sm">
        {user ? null : (
          <TextInput
            label={t('admin.users.login')}
            required
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
          />
        )}
        <TextInput
          label={t('admin.users.fullName')}
          required
          value={fullName}
          onChange={(e) => setFullName(e.currentTarget.value)}
        />
        <TextInput
          label={t('admin.email')}
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
        <Select
          label={t('admin.users.role')}
          required
          data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          value={role}
          onChange={setRole}
        />
        <Select
          label={t('admin.users.organisation')}
          description={t('admin.users.organisationHint')}
          data={organisationOptions(organisations.data)}
          searchable
          clearable
          value={organisationId}
          onChange={setOrganisationId}
        />
        {user ? null : (
          <PasswordInput
            label={t('admin.users.password')}
            description={t('admin.passwordRules')}
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
        )}
        <FormActions error={mutation.error} pending={mutation.isPending} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}
