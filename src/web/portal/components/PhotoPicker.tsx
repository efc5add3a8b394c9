import {
  Alert,
  Button,
  CloseButton,
  FileButton,
  Group,
  Image,
  Paper,
  Stack,
  Text,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkPhoto,
  MAX_PHOTOS_PER_SUBMISSION,
  PHOTO_MEDIA_TYPES,
} from '../../../domain/portal.js';
import { formatBytes } from '../../shared/lib/format.js';

/** Chosen photos with previews; a refused file is named with the reason, the others are kept. */
export function PhotoPicker({
  value,
  onChange,
  maxBytes,
}: {
  value: File[];
  onChange: (files: File[]) => void;
  maxBytes: number;
}) {
  const { t, i18n } = useTranslation();
  const [refused, setRefused] = useState<string[]>([]);
  const previews = useMemo(() => value.map((f) => URL.createObjectURL(f)), [value]);
  useEffect(() => () => previews.forEach((url) => URL.revokeObjectURL(url)), [previews]);

  const add = (files: File[]) => {
    const kept = [...value];
    const problems: string[] = [];
    for (const file of files) {
      const code = checkPhoto(file, kept.length, maxBytes);
      if (code) {
        problems.push(
          t(`portal.photos.${code}`, {
            name: file.name,
            max: MAX_PHOTOS_PER_SUBMISSION,
            size: formatBytes(maxBytes, i18n.language),
          }),
        );
      } else kept.push(file);
    }
    setRefused(problems);
    onChange(kept);
  };

  return (
    <Stack gap="xs">
      <Group gap="sm">
        <FileButton onChange={add} accept={PHOTO_MEDIA_TYPES.join(',')} multiple>
          {(props) => (
            <Button variant="light" {...props} disabled={value.length >= MAX_PHOTOS_PER_SUBMISSION}>
              {t('portal.photos.choose')}
            </Button>
          )}
        </FileButton>
        <Text size="sm" c="dimmed">
          {t('portal.photos.hint', {
            max: MAX_PHOTOS_PER_SUBMISSION,
            size: formatBytes(maxBytes, i18n.language),
          })}
        </Text>
      </Group>
      <div aria-live="polite">
        {refused.length > 0 ? (
          <Alert color="red" variant="light" title={t('portal.photos.refusedTitle')}>
            <Stack gap={2}>
              {refused.map((line) => (
                <Text size="sm" key={line}>
                  {line}
                </Text>
              ))}
            </Stack>
          </Alert>
        ) : null}
      </div>
      {value.length > 0 ? (
        <Group gap="sm">
          {value.map((file, index) => (
            <Paper key={`${file.name}-${index}`} withBorder p={4} radius="md" pos="relative">
              <Image
                src={previews[index]}
                alt={t('portal.photos.previewAlt', { name: file.name })}
                w={96}
                h={96}
                fit="cover"
                radius="sm"
              />
              <CloseButton
                pos="absolute"
                top={6}
                right={6}
                size="sm"
                variant="white"
                aria-label={t('portal.photos.remove', { name: file.name })}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              />
            </Paper>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}
