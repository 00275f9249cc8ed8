import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Balance, BalancePoint } from '../../api/types';
import { useSession } from '../../app/session';
import { EmptyState, ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { BALANCE_SERIES, balanceSeries, dateTicks, dayNumber, polylinePoints, scaleY, xForDays, type Box } from './charts';
import { ClientSection } from './ClientSection';

export function BalancePage({ clientId }: { clientId: string }) {
  return (
    <ClientSection clientId={clientId} tab="balance" title="Balance">
      {(client) => <BalancePanel clientId={client.id} whose={client.display_name} />}
    </ClientSection>
  );
}

/** A calendar date from the API ("2026-11-03") in the reader's words, without time-zone shifts. */
export function formatDay(date: string, style: 'short' | 'medium' = 'medium'): string {
  const [y, m, d] = date.split('-').map(Number);
  const local = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  if (Number.isNaN(local.getTime())) return date;
  return style === 'short'
    ? local.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })
    : local.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

function fmt(v: number | null): string {
  return v === null ? '—' : String(Math.round(v * 10) / 10);
}

export function BalancePanel({ clientId, whose }: { clientId: string; whose: string }) {
  const { api } = useSession();
  const [balance, setBalance] = useState<Balance | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .balance(clientId)
      .then(setBalance)
      .catch((err) => setError(messageOf(err)));
  }, [clientId]);

  if (error) return <ErrorMessage message={error} />;
  if (!balance) return <Loading label="Loading the balance…" />;
  if (balance.points.length === 0) {
    return (
      <EmptyState title="Nothing rated yet.">
        <p>When resources, goals or problems of {whose} are rated, this chart shows how they develop side by side.</p>
      </EmptyState>
    );
  }
  const points = [...balance.points].sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  return (
    <section class="card balance" aria-labelledby="balance-title">
      <h2 id="balance-title" class="card__title">
        Resources beside problems and goals
      </h2>
      <p class="field__hint">
        Each day on which anything was rated: the average of the latest ratings so far, on a scale from 0 to 10.
      </p>
      <BalanceChart points={points} whose={whose} />
      <ul class="balance-legend">
        {BALANCE_SERIES.map((s) => (
          <li key={s.key} class={`balance-legend__item balance-legend__item--${s.key}`}>
            <svg viewBox="0 0 28 10" width="28" height="10" aria-hidden="true">
              <line class={`balance__line balance__line--${s.key}`} x1="1" x2="27" y1="5" y2="5" />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <details class="balance__table">
        <summary>Show the numbers as a table</summary>
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Balance by day">
          <table class="table">
            <caption class="visually-hidden">Balance of {whose} by day, averages from 0 to 10</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {BALANCE_SERIES.map((s) => (
                  <th scope="col" key={s.key}>
                    {s.short}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.date}>
                  <th scope="row">{formatDay(p.date)}</th>
                  {BALANCE_SERIES.map((s) => (
                    <td key={s.key}>{fmt(p[s.key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function latestOf(points: readonly BalancePoint[], key: (typeof BALANCE_SERIES)[number]['key']): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const v = points[i]![key];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

export function BalanceChart({ points, whose }: { points: readonly BalancePoint[]; whose: string }) {
  const width = 640;
  const height = 260;
  const box: Box = { x: 34, y: 12, width: width - 34 - 16, height: height - 12 - 34 };
  const series = balanceSeries(points, box);
  const x = xForDays(
    points.map((p) => dayNumber(p.date)),
    box,
  );
  const ticks = dateTicks(
    points.map((p) => p.date),
    5,
  );
  const first = points[0]!.date;
  const last = points[points.length - 1]!.date;
  const summary = BALANCE_SERIES.map((s) => `${s.label} ${fmt(latestOf(points, s.key))}`).join(', ');
  return (
    <svg
      class="balance__chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Line chart of ${whose}’s balance from ${formatDay(first)} to ${formatDay(last)}. Latest averages out of 10: ${summary}. The same numbers are in the table below.`}
    >
      {[0, 5, 10].map((v) => (
        <g key={v}>
          <line class="balance__grid" x1={box.x} x2={box.x + box.width} y1={scaleY(v, box)} y2={scaleY(v, box)} />
          <text class="balance__tick" x={box.x - 8} y={scaleY(v, box) + 4} text-anchor="end">
            {v}
          </text>
        </g>
      ))}
      {ticks.map((t, i) => (
        <text
          key={t}
          class="balance__tick"
          x={x(dayNumber(t))}
          y={box.y + box.height + 22}
          text-anchor={ticks.length === 1 ? 'middle' : i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}
        >
          {formatDay(t, 'short')}
        </text>
      ))}
      {series.map((s) => (
        <g key={s.key} class={`balance__series balance__series--${s.key}`}>
          {s.segments.map((seg, i) =>
            seg.length > 1 ? <polyline key={i} class={`balance__line balance__line--${s.key}`} points={polylinePoints(seg)} /> : null,
          )}
          {s.segments.flat().map((p, i) => (
            <circle key={`d${i}`} class={`balance__dot balance__dot--${s.key}`} cx={p.x} cy={p.y} r="4" />
          ))}
        </g>
      ))}
    </svg>
  );
}
