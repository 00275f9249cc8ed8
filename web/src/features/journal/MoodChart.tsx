import { inTimeOrder, moodGeometry, moodSummary } from './moodchart';
import type { MoodPoint } from './types';
import { formatDay } from './wording';

const FRAME = { width: 640, height: 200, left: 34, right: 14, top: 12, bottom: 30 };

function short(ymd: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  const d = new Date(2000, Number(m[1]) - 1, Number(m[2]));
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

function timeOf(at: string | undefined): string {
  if (!at) return '';
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Every mood rating (0–10) as its own dot, never a daily mean, with the same numbers as a table. */
export function MoodChart({ points }: { points: readonly MoodPoint[] }) {
  if (points.length === 0) return <p class="field__hint">No mood ratings yet.</p>;
  const g = moodGeometry(points, FRAME);
  const label = moodSummary(points, (d) => formatDay(d));
  const rows = inTimeOrder(points).reverse();
  return (
    <figure class="jmood-chart">
      <svg class="jmood-chart__svg" viewBox={`0 0 ${FRAME.width} ${FRAME.height}`} role="img" aria-label={`Mood over time. ${label}`}>
        {g.yTicks.map((t) => (
          <g key={t.value} class="jmood-chart__tick">
            <line x1={g.box.x} x2={g.box.x + g.box.width} y1={t.y} y2={t.y} />
            <text x={g.box.x - 8} y={t.y + 4} text-anchor="end">
              {t.value}
            </text>
          </g>
        ))}
        {g.xTicks.map((t, i) => (
          <text
            key={t.date}
            class="jmood-chart__date"
            x={t.x}
            y={FRAME.height - 8}
            text-anchor={g.xTicks.length === 1 ? 'middle' : i === 0 ? 'start' : 'end'}
          >
            {short(t.date)}
          </text>
        ))}
        <path class="jmood-chart__line" d={g.path} />
        {g.dots.map((d) => (
          <circle key={d.key} class="jmood-chart__dot" cx={d.x} cy={d.y} r={4}>
            <title>
              {formatDay(d.date)}: {fmt(d.mood)} of 10
            </title>
          </circle>
        ))}
      </svg>
      <figcaption class="field__hint">{label}</figcaption>
      <details class="jdetails">
        <summary>Show the numbers as a table</summary>
        <table class="jtable">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Time</th>
              <th scope="col">Mood (0–10)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p, i) => (
              <tr key={p.entry_id ?? `${p.date}-${i}`}>
                <td>{formatDay(p.date)}</td>
                <td>{timeOf(p.at)}</td>
                <td>{fmt(p.mood)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
