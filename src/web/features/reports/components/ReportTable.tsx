/**
 * A report's figures as a table — what a screen reader reads, and the same figures as the chart
 * beside it: headers in the page's language, text left and numbers right-aligned, percent and
 * decimals formatted, and (when asked) a totals row of the integer columns.
 */
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportView } from '../../../../contract/reports.schemas.js';
import { languageOf } from '../../../shared/i18n/locale.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { formatCell, totalsOf } from './report-format.js';

export function ReportTable({
  view,
  caption,
  withTotals = false,
}: {
  view: Pick<ReportView, 'columns' | 'rows'>;
  caption: string;
  withTotals?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  const totals = withTotals ? totalsOf(view) : null;
  const align = (type: string) => (type === 'text' ? 'left' : 'right');
  // The totals row names itself in the first column's place.
  const [first, ...rest] = view.columns;
  return (
    <TableScroll label={caption} minWidth={Math.max(500, view.columns.length * 110)}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {view.columns.map((c) => (
              <Table.Th key={c.key} scope="col" style={{ textAlign: align(c.type) }}>
                {c[lang]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.rows.map((r, i) => (
            <Table.Tr key={i}>
              {view.columns.map((c) => (
                <Table.Td key={c.key} style={{ textAlign: align(c.type) }}>
                  {formatCell(r[c.key], c.type, lang)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        {totals && first ? (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">{t('reports.pivot.total')}</Table.Th>
              {rest.map((c) => (
                <Table.Td key={c.key} fw={600} style={{ textAlign: align(c.type) }}>
                  {totals[c.key] === null ? '' : formatCell(totals[c.key], c.type, lang)}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        ) : null}
      </Table>
    </TableScroll>
  );
}
