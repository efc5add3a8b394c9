/**
 * Article bodies as safe HTML (issue 19; ADR 039): Markdown (headings, lists, links, tables) is
 * rendered by `marked` and the HTML is sanitised by DOMPurify in a jsdom window — on save (the
 * stored `html_*` columns) and again on render (every answer that carries the HTML). Raw HTML in
 * the Markdown passes through the same sanitiser: scripts, event attributes (`onerror`, `onload`),
 * `javascript:` and other non-http(s)/mailto/tel links, `<svg>`, `<iframe>`, forms and styles are
 * removed. Links get `rel="noopener noreferrer"`.
 */
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { marked } from 'marked';
import { jsdom } from '../lazy-modules.js';

/** DOMPurify in a jsdom window, made on the first sanitising (jsdom is slow to load). */
let purifier: DOMPurify | undefined;
function purify(): DOMPurify {
  if (purifier) return purifier;
  purifier = createDOMPurify(new (jsdom().JSDOM)('').window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_URL.test(href.trim())) node.removeAttribute('href');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  return purifier;
}

const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'strong', 'em', 'b', 'i', 'u', 's', 'del',
  'blockquote', 'code', 'pre', 'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
]; // prettier-ignore
const SAFE_URL = /^(?:https?:|mailto:|tel:|\/|#)/i;

/** Sanitise HTML: only the tags above, `href` on links, `align` in tables; nothing executable. */
export function sanitiseHtml(html: string): string {
  return purify().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'align', 'rel'],
    ALLOW_DATA_ATTR: false,
  });
}

/** Render Markdown to sanitised HTML (GitHub-flavoured: tables; no raw HTML survives unsanitised). */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return sanitiseHtml(html);
}
