/**
 * The report constructor (issue 17): the period and filters of the standard reports, the rows'
 * dimension, an optional columns' dimension and the measures; «Build» runs it. The result is
 * `PivotResult`; what was built stays until the next «Build», and a note says when the form
 * has changed since. A «Build» the form refuses (no period, no measure, rows = columns) hides it.
 */
import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PIVOT_DIMENSIONS,
  PIVOT_MEASURES,
  type PivotDimension,
} from '../../../../contract/report-constructor.schemas.js';
import type { BuiltPivot, PivotLayout, ReportFilters } from '../api/reports.js';
import { PivotResult } from './PivotResult.js';
import { ReportFiltersFields } from './ReportFiltersFields.js';

/** Why the layout cannot be built, as a catalogue key, or null. */
export function layoutProblem(layout: PivotLayout, filters: ReportFilters): string | null {
  if (!filters.from || !filters.to) return 'reports.pivot.periodMissing';
  if (layout.measures.length === 0) return 'reports.pivot.noMeasure';
  if (layout.columns === layout.rows) return 'reports.pivot.sameDimension';
  return null;
}

export function PivotBuilder({
  filters,
  onFiltersChange,
  layout,
  onLayoutChange,
  built,
  onBuild,
  onSave,
}: {
  filters: ReportFilters;
  onFiltersChange: (filters: ReportFilters) => void;
  layout: PivotLayout;
  onLayoutChange: (layout: PivotLayout) => void;
  built: BuiltPivot | null;
  onBuild: (built: BuiltPivot) => void;
  onSave: () => void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const dimension = (d: PivotDimension) => ({
    value: d,
    label: t(`reports.pivot.dimensions.${d}`),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const why = layoutProblem(layout, filters);
    setProblem(why);
    if (!why) onBuild({ layout, filters });
  };
  const stale = built !== null && JSON.stringify(built) !== JSON.stringify({ layout, filters });
  return (
    <Stack>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ReportFiltersFields
            filters={filters}
            onChange={onFiltersChange}
            markMissing={problem === 'reports.pivot.periodMissing'}
          />
          <Paper withBorder p="md" radius="md">
            <SimpleGrid
              component="fieldset"
              aria-label={t('reports.pivot.layout')}
              cols={{ base: 1, sm: 3 }}
              spacing="md"
              style={{ border: 0, padding: 0, margin: 0 }}
            >
              <NativeSelect
                label={t('reports.pivot.rows')}
                value={layout.rows}
                onChange={(e) =>
                  onLayoutChange({ ...layout, rows: e.currentTarget.value as PivotDimension })
                }
                data={PIVOT_DIMENSIONS.map(dimension)}
              />
              <NativeSelect
                label={t('reports.pivot.columns')}
                value={layout.columns ?? ''}
                onChange={(e) =>
                  onLayoutChange({
                    ...layout,
                    columns: (e.currentTarget.value || undefined) as PivotDimension | undefined,
                  })
                }
                data={[
                  { value: '', label: t('reports.pivot.noColumns') },
                  ...PIVOT_DIMENSIONS.map(dimension),
                ]}
              />
              <Checkbox.Group
                label={t('reports.pivot.measures')}
                value={layout.measures}
                onChange={(values) =>
                  onLayoutChange({
                    ...layout,
                    // in the contract's order, whatever the order of ticking
                    measures: PIVOT_MEASURES.filter((m) => values.includes(m)),
                  })
                }
              >
                <Stack gap={6} mt={6}>
                  {PIVOT_MEASURES.map((m) => (
                    <Checkbox key={m} value={m} label={t(`reports.pivot.measureNames.${m}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </SimpleGrid>
          </Paper>
          <Group>
            <Button type="submit">{t('reports.pivot.build')}</Button>
            {problem ? (
              <Text c="red.8" role="alert">
                {t(problem)}
              </Text>
            ) : stale ? (
              <Text size="sm">{t('reports.pivot.stale')}</Text>
            ) : null}
          </Group>
        </Stack>
      </form>
      {/* A layout that cannot be built hides the last result rather than leave it under the error. */}
      {problem ? null : built ? (
        <PivotResult built={built} onSave={onSave} />
      ) : (
        <Text>{t('reports.pivot.hint')}</Text>
      )}
    </Stack>
  );
}
