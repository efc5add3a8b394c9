import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/i18n.js';
import { languageOf } from '../i18n/locale.js';

/** Ukrainian / English; the choice is remembered on this computer. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div role="group" aria-labelledby={id}>
      <VisuallyHidden id={id}>{t('language.label')}</VisuallyHidden>
      <SegmentedControl
        size={size}
        value={languageOf(i18n.language)}
        onChange={(value) => void changeLanguage(languageOf(value))}
        data={[
          { value: 'uk', label: t('language.uk') },
          { value: 'en', label: t('language.en') },
        ]}
        aria-label={t('language.label')}
      />
    </div>
  );
}
