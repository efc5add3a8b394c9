/**
 * The chart of a report view (ECharts' option): its category along the axis and its series as
 * bars or lines, named in the page's language. The table beside it carries the same figures.
 */
import type { ReportView } from '../../../../contract/reports.schemas.js';
import type { ChartOption } from '../../../shared/ui/EChart.js';

/** A chart of more rows than this would be unreadable; the table carries the figures. */
export const MAX_CHART_ROWS = 40;

export function chartOption(
  view: Pick<ReportView, 'columns' | 'rows' | 'chart'>,
  lang: 'uk' | 'en',
): ChartOption | null {
  if (view.rows.length === 0 || view.rows.length > MAX_CHART_ROWS) return null;
  if (view.chart.series.length === 0) return null;
  const header = (k: string) => view.columns.find((c) => c.key === k)?.[lang] ?? k;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 16, bottom: 80, top: 36 },
    xAxis: {
      type: 'category',
      data: view.rows.map((r) => String(r[view.chart.category] ?? '')),
      axisLabel: { rotate: 30, width: 120, overflow: 'truncate' },
    },
    yAxis: { type: 'value' },
    series: view.chart.series.map((s) => ({
      name: header(s),
      type: view.chart.kind,
      data: view.rows.map((r) => r[s] ?? 0),
    })),
  };
}
