import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitiseHtml } from './safe-html.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[клік](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<a href=" JaVaScRiPt:alert(1)">x</a>',
  '<svg onload=alert(1)><circle/></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<div style="background:url(javascript:alert(1))" onclick="alert(1)">x</div>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<form action="https://evil.example"><input name=a></form>',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<p>ok<scr<script>ipt>alert(1)</script></p>',
];

describe('article bodies', () => {
  it.each(PAYLOADS)('%s leaves nothing that can run', (payload) => {
    for (const html of [renderMarkdown(payload), sanitiseHtml(payload)]) {
      expect(html).not.toMatch(
        /<script|<svg|<iframe|<form|<img|<math|<\w[^>]*\son\w+=|href="\s*(javascript|data):/i,
      );
      expect(sanitiseHtml(html)).toBe(html);
    }
  });

  it('keeps headings, lists, links and tables', () => {
    const html = renderMarkdown(
      '## Графік\n\n- перший\n- другий\n\n[Сайт](https://kyivcity.gov.ua)\n\n| день | час |\n|---|---|\n| пн | 8–17 |\n',
    );
    expect(html).toContain('<h2>Графік</h2>');
    expect(html).toContain('<li>перший</li>');
    expect(html).toContain('<a href="https://kyivcity.gov.ua" rel="noopener noreferrer">Сайт</a>');
    expect(html).toContain('<td>пн</td>');
  });
});
