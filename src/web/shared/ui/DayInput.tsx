/**
 * A day field that follows the page's language (issue 12): dd.MM.yyyy and a Ukrainian calendar in
 * uk, yyyy-MM-dd in English — not the browser's native date input, which follows the browser's
 * locale (mm/dd/yyyy on an English-language system). Value in and out: `YYYY-MM-DD` or ''.
 */
import { DateInput, DatesProvider } from '@mantine/dates';
import 'dayjs/locale/uk';
import { useTranslation } from 'react-i18next';

const DAY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** `31.12.2026` (or `2026-12-31`) → `2026-12-31`; anything else → null. */
export function parseDay(text: string): string | null {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const m = DAY.exec(trimmed);
  if (!m) return null;
  const [, d, mo, y] = m;
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

export function DayInput({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (day: string) => void;
  error?: string | null | undefined;
}) {
  const { i18n, t } = useTranslation();
  const uk = i18n.language !== 'en';
  return (
    <DatesProvider settings={{ locale: uk ? 'uk' : 'en', firstDayOfWeek: 1 }}>
      <DateInput
        label={label}
        value={value || null}
        onChange={(day) => onChange(day ?? '')}
        valueFormat={uk ? 'DD.MM.YYYY' : 'YYYY-MM-DD'}
        dateParser={parseDay}
        placeholder={uk ? 'дд.мм.рррр' : 'yyyy-mm-dd'}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        popoverProps={{ withinPortal: false }}
        error={error ?? undefined}
      />
    </DatesProvider>
  );
}
