import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on narrow screens; the region is focusable so keyboard users can
 * scroll it too (WCAG 2.1.1).
 */
export function TableScroll({
  label,
  minWidth,
  children,
}: {
  label: string;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
