import { Button, Group, NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportUrl } from '../api/registry-filters.js';
import type { UrlFilters } from '../api/registry-filters.js';
import { languageOf } from '../../../shared/i18n/locale.js';

/**
 * The registry's filter as a file a Ukrainian office opens as is: CSV or XLSX in the page's
 * language with local times; CSV with `;` by default in Ukrainian (a spreadsheet's list separator
 * there) or `,`, chosen here.
 */
export function ExportButtons({ filters }: { filters: UrlFilters }) {
  const { t, i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  const [separator, setSeparator] = useState<';' | ','>(lang === 'uk' ? ';' : ',');
  return (
    <Group gap="xs" wrap="nowrap">
      <NativeSelect
        aria-label={t('registry.separator')}
        value={separator}
        onChange={(e) => setSeparator(e.currentTarget.value === ',' ? ',' : ';')}
        data={[
          { value: ';', label: t('registry.separatorSemicolon') },
          { value: ',', label: t('registry.separatorComma') },
        ]}
      />
      <Button
        component="a"
        href={exportUrl(filters, 'csv', { lang, separator })}
        download
        variant="default"
      >
        {t('registry.export')}
      </Button>
      <Button component="a" href={exportUrl(filters, 'xlsx', { lang })} download variant="default">
        {t('registry.exportXlsx')}
      </Button>
    </Group>
  );
}
