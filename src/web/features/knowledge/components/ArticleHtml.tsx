import { Typography } from '@mantine/core';

/**
 * An article's body: HTML the server rendered from Markdown and sanitised with DOMPurify on save
 * and again when it sent it (ADR 039), so nothing in it runs.
 */
export function ArticleHtml({ html, label }: { html: string; label?: string }) {
  return (
    <Typography>
      <div
        className="article-body"
        aria-label={label}
        // Sanitised twice on the server (server/knowledge/safe-html.ts).
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </Typography>
  );
}
