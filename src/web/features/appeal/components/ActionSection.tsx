import { useEffect, useRef, type ReactNode } from 'react';

/** Kept mounted while hidden, so switching between steps never loses typed text. */
export function ActionSection({
  id,
  open,
  children,
}: {
  id: string;
  open: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (open) ref.current?.querySelector<HTMLElement>('textarea, input, select')?.focus();
  }, [open]);
  return (
    <div id={`action-${id}`} ref={ref} hidden={!open}>
      {children}
    </div>
  );
}
