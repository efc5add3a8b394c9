import {
  Button,
  Group,
  Popover,
  Radio,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/lib/server-errors.js';
import {
  SETTABLE_PRESENCE,
  myTelephonyQuery,
  useUpdateMyTelephony,
  type PresenceState,
} from '../api/telephony.js';

/** A presence state's colour (a dot beside its name; the name always says it in words). */
export const PRESENCE_COLOURS: Record<PresenceState, string> = {
  available: 'var(--mantine-color-green-7)',
  on_call: 'var(--mantine-color-blue-7)',
  after_call: 'var(--mantine-color-grape-7)',
  break: 'var(--mantine-color-orange-7)',
  signed_out: 'var(--mantine-color-gray-6)',
};

export function PresenceDot({ state }: { state: PresenceState }) {
  return (
    <span
      aria-hidden="true"
      className="presence-dot"
      style={{ background: PRESENCE_COLOURS[state] }}
    />
  );
}

/**
 * The operator's own presence in the header (issue 20, item 5): a button with the current state;
 * it opens a small panel to set available / after-call work / break / signed out and the
 * extension of the desk (the PBX rings extensions; the screen pop finds the operator by it).
 * "On a call" is set by the call events and shown, not chosen.
 */
export function PresenceControl() {
  const { t } = useTranslation();
  const mine = useQuery(myTelephonyQuery);
  // Two mutations: saving the extension never shows the status as pending, nor the reverse.
  const update = useUpdateMyTelephony();
  const saveExt = useUpdateMyTelephony();
  const [opened, setOpened] = useState(false);
  const [extension, setExtension] = useState('');
  const [extensionError, setExtensionError] = useState<string | null>(null);
  const data = mine.data;

  useEffect(() => {
    if (opened) {
      setExtension(data?.extension ?? '');
      setExtensionError(null);
    }
  }, [opened, data?.extension]);

  if (!data) return null;
  // The choice shows at once; the server's answer confirms it (or the error puts it back).
  const shownState = (update.isPending && update.variables.state) || data.state;

  const saveExtension = (event: FormEvent) => {
    event.preventDefault();
    const value = extension.trim();
    if (value !== '' && !/^[0-9]{2,8}$/.test(value)) {
      setExtensionError(t('telephony.extensionInvalid'));
      return;
    }
    setExtensionError(null);
    saveExt.mutate(
      { extension: value === '' ? null : value },
      {
        onError: (error) => setExtensionError(errorText(t, error)),
      },
    );
  };

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      shadow="md"
      width={300}
      trapFocus
      returnFocus
    >
      <Popover.Target>
        <UnstyledButton
          className="presence-button"
          onClick={() => setOpened((o) => !o)}
          aria-expanded={opened}
          aria-haspopup="dialog"
        >
          <Group gap={6} wrap="nowrap">
            <VisuallyHidden>{t('telephony.myStatusPrefix')}</VisuallyHidden>
            <PresenceDot state={data.state} />
            <Text size="sm" fw={500} lh={1.2}>
              {t(`telephony.presence.${data.state}`)}
            </Text>
            {data.extension ? (
              <Text size="xs" c="dimmed" lh={1.2}>
                {t('telephony.ext', { extension: data.extension })}
              </Text>
            ) : null}
          </Group>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-label={t('telephony.myStatus')}>
        <Stack gap="md">
          <Radio.Group
            label={t('telephony.myStatus')}
            value={shownState === 'on_call' ? '' : shownState}
            onChange={(value) =>
              update.mutate({ state: value as (typeof SETTABLE_PRESENCE)[number] })
            }
            description={data.state === 'on_call' ? t('telephony.onCallNow') : undefined}
          >
            <Stack gap={6} mt={6}>
              {SETTABLE_PRESENCE.map((state) => (
                <Radio key={state} value={state} label={t(`telephony.presence.${state}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <form onSubmit={saveExtension} noValidate>
            <Stack gap="xs">
              <TextInput
                label={t('telephony.extension')}
                description={t('telephony.extensionHint')}
                value={extension}
                onChange={(e) => setExtension(e.currentTarget.value)}
                inputMode="numeric"
                autoComplete="off"
                maxLength={8}
                error={extensionError}
              />
              <Group justify="flex-end">
                <Button type="submit" variant="default" size="sm" loading={saveExt.isPending}>
                  {t('telephony.saveExtension')}
                </Button>
              </Group>
            </Stack>
          </form>
          {update.error ? (
            <Text size="sm" c="red.9" role="alert">
              {errorText(t, update.error)}
            </Text>
          ) : null}
          {saveExt.isSuccess ? (
            <Text size="sm" role="status">
              {t('telephony.saved')}
            </Text>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
