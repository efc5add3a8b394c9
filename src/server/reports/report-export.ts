/**
 * Exports of a standard report (issue 17) to CSV, XLSX and PDF. All three render the same
 * {@link ReportTable} under the same header: the report's title, the period, the filters and the
 * time of making (in the centre's time zone).
 *
 * - CSV: UTF-8 with BOM, `;`-free comma CSV via csv-stringify; text cells that a spreadsheet would
 *   run as a formula get an apostrophe (as the registry export does).
 * - XLSX: exceljs; numbers are number cells, the time of making a date cell.
 * - PDF: pdfmake 0.3 on A4 with DejaVu Sans embedded (npm `dejavu-fonts-ttf`), so Cyrillic renders.
 */
import { createRequire } from 'node:module';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { exceljs } from '../lazy-modules.js';
import type { Lang, ReportTable } from './report-table.js';

export type { Lang };

/** The header lines shared by every format. */
export interface ReportHeader {
  title: string;
  /** e.g. «Період: 01.01.2026 – 31.03.2026». */
  period: string;
  /** One «name: value» per filter given; empty when none. */
  filters: string[];
  madeAt: Date;
  timeZone: string;
}

const FORMULA = /^[=+\-@\t\r]/;

function madeAtText(h: ReportHeader, lang: Lang): string {
  const t = DateTime.fromJSDate(h.madeAt).setZone(h.timeZone).toFormat('dd.MM.yyyy HH:mm');
  return lang === 'uk' ? `Сформовано: ${t}` : `Made: ${t}`;
}

function filtersText(h: ReportHeader, lang: Lang): string {
  const none = lang === 'uk' ? 'без фільтрів' : 'no filters';
  return (
    (lang === 'uk' ? 'Фільтри: ' : 'Filters: ') + (h.filters.length ? h.filters.join('; ') : none)
  );
}

/** The report as CSV text (header lines, a blank line, then the table). */
export function reportCsv(table: ReportTable, h: ReportHeader, lang: Lang): string {
  const safe = (v: string | number | null) =>
    typeof v === 'string' && FORMULA.test(v) ? `'${v}` : v;
  const lines: (string | number | null)[][] = [
    [h.title],
    [h.period],
    [filtersText(h, lang)],
    [madeAtText(h, lang)],
    [],
    table.columns.map((c) => c[lang]),
    ...table.rows.map((r) => table.columns.map((c) => safe(r[c.key] ?? null))),
  ];
  return '\uFEFF' + stringify(lines);
}

/** The report as an XLSX workbook (one sheet): numbers as numbers, the time of making as a date. */
export async function reportXlsx(table: ReportTable, h: ReportHeader, lang: Lang): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.created = h.madeAt;
  const sheet = workbook.addWorksheet(lang === 'uk' ? 'Звіт' : 'Report');
  sheet.addRow([h.title]).font = { bold: true };
  sheet.addRow([h.period]);
  sheet.addRow([filtersText(h, lang)]);
  // A real date cell, shown in the centre's wall-clock time (Excel dates have no zone).
  const local = DateTime.fromJSDate(h.madeAt).setZone(h.timeZone);
  const wall = new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute));
  const made = sheet.addRow([lang === 'uk' ? 'Сформовано' : 'Made', wall]);
  made.getCell(2).numFmt = 'dd.mm.yyyy hh:mm';
  sheet.addRow([]);
  sheet.addRow(table.columns.map((c) => c[lang])).font = { bold: true };
  for (const r of table.rows) {
    const row = sheet.addRow(table.columns.map((c) => r[c.key] ?? null));
    table.columns.forEach((c, i) => {
      if (c.type === 'decimal' || c.type === 'percent') row.getCell(i + 1).numFmt = '0.0';
    });
  }
  table.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.type === 'text' ? 40 : 14;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const require = createRequire(import.meta.url);
let fontsSet = false;

/** pdfmake's server-side printer with DejaVu Sans (regular and bold) embedded, made once. */
export function pdfPrinter() {
  // pdfmake 0.3 on Node: the default export holds the fonts and `createPdf(...).getBuffer()`.
  const pdfmake = require('pdfmake') as {
    setFonts(fonts: Record<string, Record<string, string>>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
  };
  if (!fontsSet) {
    const dir = require
      .resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
      .replace(/DejaVuSans\.ttf$/, '');
    pdfmake.setFonts({
      DejaVu: {
        normal: `${dir}DejaVuSans.ttf`,
        bold: `${dir}DejaVuSans-Bold.ttf`,
        italics: `${dir}DejaVuSans-Oblique.ttf`,
        bolditalics: `${dir}DejaVuSans-BoldOblique.ttf`,
      },
    });
    // No remote resources, and no local file but the fonts.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path.startsWith(dir));
    fontsSet = true;
  }
  return pdfmake;
}

/** The report as an A4 PDF with embedded DejaVu fonts; the table's header row repeats on each page. */
export async function reportPdf(table: ReportTable, h: ReportHeader, lang: Lang): Promise<Buffer> {
  const pdfmake = pdfPrinter();
  const wide = table.columns.length > 6;
  const cell = (v: string | number | null) =>
    v === null
      ? ''
      : typeof v === 'number'
        ? v.toLocaleString(lang === 'uk' ? 'uk-UA' : 'en-GB')
        : v;
  const doc = {
    pageSize: 'A4',
    pageOrientation: wide ? 'landscape' : 'portrait',
    pageMargins: [30, 40, 30, 40],
    defaultStyle: { font: 'DejaVu', fontSize: 8 },
    info: { title: h.title, creator: 'Kontakt' },
    footer: (page: number, pages: number) => ({
      text: `${page} / ${pages}`,
      alignment: 'center',
      fontSize: 7,
    }),
    content: [
      { text: h.title, fontSize: 13, bold: true, margin: [0, 0, 0, 4] },
      { text: h.period },
      { text: filtersText(h, lang) },
      { text: madeAtText(h, lang), margin: [0, 0, 0, 8] },
      {
        table: {
          headerRows: 1,
          widths: table.columns.map((c) => (c.type === 'text' ? '*' : 'auto')),
          body: [
            table.columns.map((c) => ({ text: c[lang], bold: true })),
            ...table.rows.map((r) =>
              table.columns.map((c) => ({
                text: cell(r[c.key] ?? null),
                alignment: c.type === 'text' ? 'left' : 'right',
              })),
            ),
          ],
        },
        layout: 'lightHorizontalLines',
      },
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}
