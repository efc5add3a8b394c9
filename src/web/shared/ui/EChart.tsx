import type { CSSProperties } from 'react';
import { useEffect, useRef } from 'react';

/** The parts of an ECharts option a page uses (the library is loaded only where a chart is drawn). */
export type ChartOption = Record<string, unknown>;

/**
 * An ECharts chart drawn as SVG, loaded on demand (a separate chunk), resized with its box. With a
 * `label` it is an image with ECharts' generated description for screen readers; without one it is
 * hidden from them. Either way the page gives the same figures as a table.
 */
export function EChart({
  option,
  label,
  className,
  style,
}: {
  option: ChartOption;
  label?: string;
  className?: string;
  style?: CSSProperties;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void import('echarts').then((echarts) => {
      if (disposed || !box.current) return;
      const chart = echarts.init(box.current, null, { renderer: 'svg' });
      chart.setOption({ aria: { enabled: label !== undefined }, animation: false, ...option });
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(box.current);
      cleanup = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [option, label]);
  return label === undefined ? (
    <div ref={box} aria-hidden="true" className={className} style={style} />
  ) : (
    <div ref={box} className={className} style={style} role="img" aria-label={label} />
  );
}
