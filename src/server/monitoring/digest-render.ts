/**
 * The morning digest as people read it (issue 18, item 5): the sections of `digestDocument` (the
 * same the web app's digest page shows), rendered three ways — the e-mail's plain-text lines (the notification's body, in
 * the web app too), its HTML part (Mustache, every value escaped) and the attached A4 PDF (pdfmake
 * with DejaVu Sans embedded, so Cyrillic renders). The same sections feed all three, so their
 * numbers cannot differ.
 */
import Mustache from 'mustache';
import type { DigestFigures } from '../../domain/digest-document.js';
import { digestDocument } from '../../domain/digest-document.js';
import type { LabelLang } from '../../domain/labels.js';
import { pdfPrinter } from '../reports/report-export.js';

/** The digest as plain-text lines (the notification's body): «Heading: label — value». */
export function digestLines(f: DigestFigures, lang: LabelLang): string[] {
  return digestDocument(f, lang).sections.flatMap((s) => [
    `${s.heading}:`,
    ...s.rows.map((r) => (r.value ? `  ${r.label} — ${r.value}` : `  ${r.label}`)),
  ]);
}

const HTML = `<!doctype html>
<html lang="{{lang}}"><head><meta charset="utf-8"><title>{{title}}</title></head>
<body style="font-family: 'DejaVu Sans', Arial, sans-serif; color: #1a1b1e; max-width: 720px">
<h1 style="font-size: 20px">{{title}}</h1>
<p style="color: #555">{{madeAt}}</p>
{{#sections}}
<h2 style="font-size: 16px; margin-top: 20px">{{heading}}</h2>
<table style="border-collapse: collapse; width: 100%">
{{#rows}}<tr><td style="padding: 3px 8px; border-bottom: 1px solid #ddd">{{label}}</td><td style="padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: right; white-space: nowrap">{{value}}</td></tr>
{{/rows}}</table>
{{/sections}}
{{#link}}<p><a href="{{link}}">{{link}}</a></p>{{/link}}
</body></html>
`;

/** The digest as an HTML e-mail part; `link` (optional) to its page in the web app. */
export function digestHtml(f: DigestFigures, lang: LabelLang, link?: string): string {
  return Mustache.render(HTML, { ...digestDocument(f, lang), lang, link });
}

/** The digest as an A4 PDF with DejaVu Sans embedded. */
export async function digestPdf(f: DigestFigures, lang: LabelLang): Promise<Buffer> {
  const doc = digestDocument(f, lang);
  return pdfPrinter()
    .createPdf({
      pageSize: 'A4',
      pageMargins: [40, 40, 40, 40],
      defaultStyle: { font: 'DejaVu', fontSize: 9 },
      info: { title: doc.title, creator: 'Kontakt' },
      footer: (page: number, pages: number) => ({
        text: `${page} / ${pages}`,
        alignment: 'center',
        fontSize: 7,
      }),
      content: [
        { text: doc.title, fontSize: 14, bold: true, margin: [0, 0, 0, 4] },
        { text: doc.madeAt, margin: [0, 0, 0, 8] },
        ...doc.sections.flatMap((s) => [
          { text: s.heading, fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
          {
            table: {
              widths: ['*', 'auto'],
              body: s.rows.map((r) => [r.label, { text: r.value, alignment: 'right' }]),
            },
            layout: 'lightHorizontalLines',
          },
        ]),
      ],
    })
    .getBuffer();
}
