import { SimpleGrid, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchTrackedPhoto, type PhotoView } from '../api.js';

/**
 * The applicant's own photos on the tracking page, as images: each is fetched with the number and
 * code (never in a URL) and shown from a blob; one that cannot be had is named instead.
 */
export function OwnPhotos({
  photos,
  number,
  accessCode,
}: {
  photos: PhotoView[];
  number: string;
  accessCode: string;
}) {
  const { t } = useTranslation();
  const [urls, setUrls] = useState<Record<number, string | null>>({});
  const key = photos.map((p) => p.id).join(',');
  useEffect(() => {
    const controller = new AbortController();
    const made: string[] = [];
    void Promise.all(
      photos.map(async (photo) => {
        const blob = await fetchTrackedPhoto(
          { number, accessCode, photoId: photo.id },
          controller.signal,
        ).catch(() => null);
        const url = blob ? URL.createObjectURL(blob) : null;
        if (url) made.push(url);
        return [photo.id, url] as const;
      }),
    ).then((entries) => {
      if (!controller.signal.aborted) setUrls(Object.fromEntries(entries));
    });
    return () => {
      controller.abort();
      made.forEach((url) => URL.revokeObjectURL(url));
    };
  }, [key, number, accessCode]);

  if (photos.length === 0) return null;
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 3 }}
      spacing="xs"
      mt="sm"
      component="ul"
      className="plain-list"
      aria-label={t('portal.track.yourPhotos')}
    >
      {photos.map((photo, i) => {
        const url = urls[photo.id];
        const alt = t('portal.track.photoAlt', { n: i + 1, name: photo.fileName });
        return (
          <li key={photo.id}>
            {url ? (
              <a
                href={url}
                target="_blank"
                rel="noreferrer"
                aria-label={t('portal.track.openPhoto', { n: i + 1 })}
              >
                <img src={url} alt={alt} className="own-photo" data-testid="own-photo" />
              </a>
            ) : (
              <Text size="sm" c="dimmed" className="wrap-anywhere">
                {url === null ? alt : t('portal.track.photoLoading')}
              </Text>
            )}
          </li>
        );
      })}
    </SimpleGrid>
  );
}
