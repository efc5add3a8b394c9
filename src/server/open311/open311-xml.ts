/**
 * GeoReport v2 XML, with the element structure of the real servers' responses
 * (`shared/data/open311/fixtures/*.xml`): a root (`services`, `service_requests`, `errors`…), one
 * element per item, one child per field; an empty or null field is an empty element.
 */

/** Content of an element: text, or child elements in order. */
export type XmlContent = string | number | boolean | null | undefined | XmlChild[];
export type XmlChild = [name: string, content: XmlContent];

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .split('')
    .filter((c) => {
      // XML 1.0 allows tab, line feed and carriage return among the control characters.
      const code = c.charCodeAt(0);
      return code >= 0x20
        ? code !== 0xfffe && code !== 0xffff
        : code === 9 || code === 10 || code === 13;
    })
    .join('');
}

function render(name: string, content: XmlContent, depth: number): string {
  const pad = '  '.repeat(depth);
  if (Array.isArray(content)) {
    if (content.length === 0) return `${pad}<${name} />\n`;
    return `${pad}<${name}>\n${content.map(([n, c]) => render(n, c, depth + 1)).join('')}${pad}</${name}>\n`;
  }
  const text = content === null || content === undefined ? '' : escapeXml(String(content));
  return `${pad}<${name}>${text}</${name}>\n`;
}

/** A whole document: `<?xml …?>` and the root element. */
export function xmlDocument(root: string, children: XmlChild[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root, children, 0)}`;
}

/** A list of objects as `<root><item>…fields in order…</item>…</root>`. */
export function xmlList<T extends object>(
  root: string,
  item: string,
  items: readonly T[],
  fields: (row: T) => XmlChild[],
): string {
  return xmlDocument(
    root,
    items.map((row) => [item, fields(row)]),
  );
}

/** Fields of a flat object, in the order of `keys`. */
export function fieldsOf<T extends object>(
  row: T,
  keys: readonly (keyof T & string)[],
): XmlChild[] {
  return keys.map((key) => [key, row[key] as XmlContent]);
}
