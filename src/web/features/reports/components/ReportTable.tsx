/**
 * A report's figures as a table — what a screen reader reads, and the same figures as the chart
 * beside it: headers in the page's language, text left and numbers right-aligned, percent and
 * decimals formatted. The constructor's answer ends with its total row (the server computes it
 * from the totals' sums, so shares and means are right); `lastRowIsTotal` sets it in the footer.
 */
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportView } from '../../../../contract/reports.schemas.js';
import { languageOf } from '../../../shared/i18n/locale.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { formatCell } from './report-format.js';

type Row = ReportView['rows'][number];

export function ReportTable({
  view,
  caption,
  lastRowIsTotal = false,
}: {
  view: Pick<ReportView, 'columns' | 'rows'>;
  caption: string;
  lastRowIsTotal?: boolean;
}) {
  const { i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  const align = (type: string) => (type === 'text' ? 'left' : 'right');
  const body = lastRowIsTotal ? view.rows.slice(0, -1) : view.rows;
  const total = lastRowIsTotal ? view.rows.at(-1) : undefined;
  const cells = (r: Row, bold: boolean) =>
    view.columns.map((c, j) =>
      bold && j === 0 ? (
        <Table.Th key={c.key} scope="row">
          {formatCell(r[c.key], c.type, lang)}
        </Table.Th>
      ) : (
        <Table.Td key={c.key} fw={bold ? 600 : undefined} style={{ textAlign: align(c.type) }}>
          {formatCell(r[c.key], c.type, lang)}
        </Table.Td>
      ),
    );
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
          {body.map((r, i) => (
            <Table.Tr key={i}>{cells(r, false)}</Table.Tr>
          ))}
        </Table.Tbody>
        {total ? (
          <Table.Tfoot>
            <Table.Tr>{cells(total, true)}</Table.Tr>
          </Table.Tfoot>
        ) : null}
      </Table>
    </TableScroll>
  );
}
