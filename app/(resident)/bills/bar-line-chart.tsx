"use client";
// A small SVG chart: bars on a left axis and an optional line on a right axis, sized to its
// box. It replaced recharts (about 100 KB of compressed JavaScript for this one chart, see
// bench/pages.ts). A hidden table gives screen readers the figures; pointers get a tooltip.
import { useEffect, useRef, useState } from "react";

export type TChartPoint = { label: string; bar: number; line: number | null };

type Props = {
  points: TChartPoint[];
  height?: number;
  barName: string;
  lineName?: string;
  formatBar: (v: number) => string;
  formatBarTick: (v: number) => string;
  formatLine: (v: number) => string;
  formatLineTick: (v: number) => string;
  /** The hidden table's caption and its first column's heading. */
  caption: string;
  periodName: string;
};

const BAR = "#0f766e";
const LINE = "#c2410c";
const GRID = "#e6ebe8";
const TICK = "#4f5a57";

/** Round tick values covering [min, max] (about `count` of them), 0 included. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max);
  if (hi === lo) return [0, 1];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag);
  const ticks: number[] = [];
  for (let v = Math.floor(lo / step) * step; v < hi + step; v += step) {
    ticks.push(Number(v.toPrecision(12)));
    if (v >= hi) break;
  }
  return ticks;
}

/** The width of the element, followed as it changes (0 until measured in the browser). */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry!.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

export function BarLineChart({ points, height = 260, barName, lineName, formatBar, formatBarTick, formatLine, formatLineTick, caption, periodName }: Props) {
  const [boxRef, width] = useWidth<HTMLDivElement>();
  const [active, setActive] = useState<number | null>(null);
  const hasLine = !!lineName && points.some((p) => p.line !== null);

  const barTicks = niceTicks(Math.min(...points.map((p) => p.bar)), Math.max(...points.map((p) => p.bar)));
  const lineValues = points.flatMap((p) => (p.line === null ? [] : [p.line]));
  const lineTicks = hasLine ? niceTicks(Math.min(...lineValues), Math.max(...lineValues)) : [];
  const tickWidth = (labels: string[]) => Math.max(...labels.map((l) => l.length)) * 7 + 10;
  const left = tickWidth(barTicks.map(formatBarTick));
  const right = hasLine ? tickWidth(lineTicks.map(formatLineTick)) : 8;
  const top = 10;
  const bottom = 26;
  const plotW = Math.max(0, width - left - right);
  const plotH = height - top - bottom;
  const band = points.length ? plotW / points.length : 0;
  const barW = Math.min(28, band * 0.6);
  const yOf = (ticks: number[], v: number) => top + plotH - ((v - ticks[0]!) / (ticks.at(-1)! - ticks[0]!)) * plotH;
  const xOf = (i: number) => left + band * i + band / 2;
  // Every n-th month label, so that they never overlap (the first and last stay when they fit).
  const labelW = Math.max(...points.map((p) => p.label.length)) * 7 + 8;
  const every = Math.max(1, Math.ceil(labelW / Math.max(band, 1)));
  const linePath = hasLine
    ? points
        .map((p, i) => ({ p, i }))
        .filter(({ p }) => p.line !== null)
        .map(({ p, i }, k) => `${k ? "L" : "M"}${xOf(i).toFixed(1)},${yOf(lineTicks, p.line!).toFixed(1)}`)
        .join("")
    : "";
  const zeroY = yOf(barTicks, 0);
  const tip = active === null ? null : points[active];

  return (
    <div className="bar-line-chart">
      <div ref={boxRef} className="chart-box" style={{ height }} onPointerLeave={() => setActive(null)}>
        {width > 0 && (
          <svg width={width} height={height} aria-hidden="true" focusable="false">
            {barTicks.map((v) => (
              <g key={`b${v}`}>
                <line x1={left} x2={left + plotW} y1={yOf(barTicks, v)} y2={yOf(barTicks, v)} stroke={GRID} />
                <text x={left - 6} y={yOf(barTicks, v)} dy="0.32em" textAnchor="end" fontSize={12} fill={TICK}>
                  {formatBarTick(v)}
                </text>
              </g>
            ))}
            {lineTicks.map((v) => (
              <text key={`l${v}`} x={left + plotW + 6} y={yOf(lineTicks, v)} dy="0.32em" fontSize={12} fill={TICK}>
                {formatLineTick(v)}
              </text>
            ))}
            {points.map((p, i) => {
              const y = yOf(barTicks, Math.max(0, p.bar));
              const h = Math.abs(yOf(barTicks, p.bar) - zeroY);
              const r = Math.min(4, h, barW / 2);
              const x = xOf(i) - barW / 2;
              const showLabel = i % every === 0 || (i === points.length - 1 && (points.length - 1) % every >= every / 2);
              return (
                <g key={i}>
                  {active === i && <rect x={left + band * i} y={top} width={band} height={plotH} fill="#eef4f2" />}
                  {h > 0 && <path className="chart-bar" d={`M${x},${y + h}V${y + r}Q${x},${y} ${x + r},${y}H${x + barW - r}Q${x + barW},${y} ${x + barW},${y + r}V${y + h}Z`} fill={BAR} />}
                  {showLabel && (
                    <text x={xOf(i)} y={height - 8} textAnchor="middle" fontSize={12} fill={TICK}>
                      {p.label}
                    </text>
                  )}
                </g>
              );
            })}
            <line x1={left} x2={left + plotW} y1={zeroY} y2={zeroY} stroke="#c6cdca" />
            {hasLine && (
              <>
                <path d={linePath} fill="none" stroke={LINE} strokeWidth={2} strokeLinejoin="round" />
                {points.map((p, i) => (p.line === null ? null : <circle key={i} cx={xOf(i)} cy={yOf(lineTicks, p.line)} r={active === i ? 4.5 : 3} fill="#fff" stroke={LINE} strokeWidth={2} />))}
              </>
            )}
            {/* Hover and touch targets, one per period. */}
            {points.map((_, i) => (
              <rect key={`t${i}`} x={left + band * i} y={top} width={band} height={plotH} fill="transparent" onPointerEnter={() => setActive(i)} onPointerDown={() => setActive(i)} />
            ))}
          </svg>
        )}
        {tip && active !== null && (
          <div className="chart-tip" style={{ left: Math.min(Math.max(xOf(active), 80), width - 80), top: 4 }}>
            <strong>{tip.label}</strong>
            <span>
              {barName}: {formatBar(tip.bar)}
            </span>
            {hasLine && tip.line !== null && (
              <span>
                {lineName}: {formatLine(tip.line)}
              </span>
            )}
          </div>
        )}
      </div>
      <ul className="chart-legend" aria-hidden="true">
        <li>
          <span className="swatch" style={{ background: BAR }} /> {barName}
        </li>
        {hasLine && (
          <li>
            <span className="swatch swatch-line" style={{ background: LINE }} /> {lineName}
          </li>
        )}
      </ul>
      <table className="sr-only">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{periodName}</th>
            <th scope="col">{barName}</th>
            {hasLine && <th scope="col">{lineName}</th>}
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => (
            <tr key={i}>
              <th scope="row">{p.label}</th>
              <td>{formatBar(p.bar)}</td>
              {hasLine && <td>{p.line === null ? "–" : formatLine(p.line)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
