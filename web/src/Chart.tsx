import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

// A uPlot chart that redraws when its data or options change and follows its container's width.
export function Chart({ opts, data, testid }: { opts: Omit<uPlot.Options, "width">; data: uPlot.AlignedData; testid?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const width = Math.max(320, el.clientWidth || 800);
    const u = new uPlot({ ...opts, width } as uPlot.Options, data, el);
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(320, el.clientWidth), height: opts.height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
    };
  }, [opts, data]);
  return <div ref={ref} className="chart" data-testid={testid} />;
}
