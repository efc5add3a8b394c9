import { useEffect, useRef } from 'react';

/** The parts of an ECharts option this portal uses (the library is loaded only on this page). */
export type ChartOption = Record<string, unknown>;

/**
 * An ECharts chart drawn as SVG, loaded on demand (a separate chunk), resized with its box, with
 * ECharts' generated description for screen readers; the page gives the same figures as a table.
 */
export function EChart({ option, label }: { option: ChartOption; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void import('echarts').then((echarts) => {
      if (disposed || !box.current) return;
      const chart = echarts.init(box.current, null, { renderer: 'svg' });
      chart.setOption({ aria: { enabled: true }, animation: false, ...option });
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
  }, [option]);
  return <div ref={box} className="stat-chart" role="img" aria-label={label} />;
}
