import { inTimeOrder, moodGeometry, moodSummary } from './moodchart';
import type { MoodPoint } from '../../shared/journal/types';
import { formatDay } from '../../shared/journal/wording';
import { useT } from '../../shared/i18n';
import { formatDay as formatCalendarDay, formatTime } from '../../shared/format';

const FRAME = { width: 640, height: 200, left: 34, right: 14, top: 12, bottom: 30 };

function short(ymd: string): string {
  return formatCalendarDay(ymd, { style: 'short' });
}

function timeOf(at: string | undefined): string {
  return at ? formatTime(at) : '';
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Every mood rating (0–10) as its own dot, never a daily mean, with the same numbers as a table. */
export function MoodChart({ points }: { points: readonly MoodPoint[] }) {
  const t = useT();
  if (points.length === 0) return <p class="field__hint">{t('journal.mood.none')}</p>;
  const g = moodGeometry(points, FRAME);
  const label = moodSummary(points, (d) => formatDay(d));
  const rows = inTimeOrder(points).reverse();
  return (
    <figure class="jmood-chart">
      <svg class="jmood-chart__svg" viewBox={`0 0 ${FRAME.width} ${FRAME.height}`} role="img" aria-label={t('journal.mood.chartLabel', { summary: label })}>
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
              {t('journal.mood.dot', { date: formatDay(d.date), mood: fmt(d.mood) })}
            </title>
          </circle>
        ))}
      </svg>
      <figcaption class="field__hint">{label}</figcaption>
      <details class="jdetails">
        <summary>{t('journal.mood.table')}</summary>
        <table class="jtable">
          <thead>
            <tr>
              <th scope="col">{t('journal.mood.day')}</th>
              <th scope="col">{t('journal.mood.time')}</th>
              <th scope="col">{t('journal.mood.scale')}</th>
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
