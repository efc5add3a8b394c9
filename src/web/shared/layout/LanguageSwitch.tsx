import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/i18n.js';

/** Ukrainian / English; the choice is remembered on this computer. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div role="group" aria-labelledby={id}>
      <VisuallyHidden id={id}>{t('language.label')}</VisuallyHidden>
      <SegmentedControl
        size={size}
        value={i18n.language === 'en' ? 'en' : 'uk'}
        onChange={(value) => void changeLanguage(value === 'en' ? 'en' : 'uk')}
        data={[
          { value: 'uk', label: t('language.uk') },
          { value: 'en', label: t('language.en') },
        ]}
        aria-label={t('language.label')}
      />
    </div>
  );
}
