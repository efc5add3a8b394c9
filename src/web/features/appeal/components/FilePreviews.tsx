import { Group, Image, Paper, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../shared/lib/format.js';

/** Small previews of files chosen for upload (images drawn, others named). */
export function FilePreviews({ files }: { files: File[] }) {
  const { i18n } = useTranslation();
  const urls = useMemo(
    () => files.map((f) => (f.type.startsWith('image/') ? URL.createObjectURL(f) : null)),
    [files],
  );
  useEffect(() => () => urls.forEach((u) => u && URL.revokeObjectURL(u)), [urls]);
  if (files.length === 0) return null;
  return (
    <Group gap="sm" component="ul" className="plain-list">
      {files.map((file, i) => (
        <li key={`${file.name}-${i}`}>
          <Paper withBorder p={6} radius="sm" w={120}>
            {urls[i] ? (
              <Image src={urls[i]} alt={file.name} h={72} fit="cover" radius="xs" />
            ) : null}
            <Text size="xs" truncate title={file.name}>
              {file.name}
            </Text>
            <Text size="xs" c="dimmed">
              {formatBytes(file.size, i18n.language)}
            </Text>
          </Paper>
        </li>
      ))}
    </Group>
  );
}
