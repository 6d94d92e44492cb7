import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartProps {
  readonly options: Omit<uPlot.Options, "width" | "height">;
  readonly data: uPlot.AlignedData;
  readonly height: number;
  /** Text alternative: what the chart shows (the same figures are in a table or the text nearby). */
  readonly label: string;
  readonly class?: string;
}

/** A uPlot chart sized to its container's width, redrawn when the data or the width changes. */
export function Chart({ options, data, height, label, class: cls }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const width = Math.max(120, el.clientWidth);
    plot.current = new uPlot({ ...options, width, height }, data, el);
    const ro = new ResizeObserver(() =>
      plot.current?.setSize({ width: Math.max(120, el.clientWidth), height }),
    );
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [options, data, height]);
  return <div class={cls ?? "chart"} ref={ref} role="img" aria-label={label} />;
}

/** A sparkline: one series, no axes, no cursor. */
export function Sparkline({ values, label }: { values: readonly (number | null)[]; label: string }) {
  const xs = values.map((_, i) => i);
  return (
    <Chart
      class="spark"
      label={label}
      height={36}
      data={[xs, values as (number | null)[]]}
      options={{
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false } },
        axes: [{ show: false }, { show: false }],
        series: [{}, { stroke: "#3b6ea8", width: 1.5, fill: "rgba(59,110,168,0.12)", spanGaps: true }],
        padding: [4, 2, 2, 2],
      }}
    />
  );
}
