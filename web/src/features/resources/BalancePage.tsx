import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Balance, BalancePoint } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDay as formatCalendarDay, formatNumber } from '../../shared/format';
import { t as translate, useT } from '../../shared/i18n';
import { EmptyState, ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { BALANCE_SERIES, balanceSeries, dateTicks, dayNumber, polylinePoints, scaleY, xForDays, type Box } from '../../shared/resources/charts';
import { ClientSection } from '../../shared/ui/ClientSection';

export function BalancePage({ clientId }: { clientId: string }) {
  const t = useT();
  return (
    <ClientSection clientId={clientId} tab="balance" title={t('resources.tab.balance')}>
      {(client) => <BalancePanel clientId={client.id} whose={client.display_name} />}
    </ClientSection>
  );
}

/** A calendar date from the API ("2026-11-03") in the reader's words, without time-zone shifts. */
export function formatDay(date: string, style: 'short' | 'medium' = 'medium'): string {
  return formatCalendarDay(date, { style });
}

function fmt(v: number | null): string {
  return v === null ? '—' : formatNumber(Math.round(v * 10) / 10, { maximumFractionDigits: 1 });
}

export function BalancePanel({ clientId, whose }: { clientId: string; whose: string }) {
  const { api } = useSession();
  const t = useT();
  const [balance, setBalance] = useState<Balance | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .balance(clientId)
      .then(setBalance)
      .catch((err) => setError(messageOf(err)));
  }, [clientId]);

  if (error) return <ErrorMessage message={error} />;
  if (!balance) return <Loading label={t('resources.balance.loading')} />;
  if (balance.points.length === 0) {
    return (
      <EmptyState title={t('resources.balance.emptyTitle')}>
        <p>{t('resources.balance.emptyBody', { whose })}</p>
      </EmptyState>
    );
  }
  const points = [...balance.points].sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  return (
    <section class="card balance" aria-labelledby="balance-title">
      <h2 id="balance-title" class="card__title">
        {t('resources.balance.title')}
      </h2>
      <p class="field__hint">{t('resources.balance.hint')}</p>
      <BalanceChart points={points} whose={whose} />
      <ul class="balance-legend">
        {BALANCE_SERIES.map((s) => (
          <li key={s.key} class={`balance-legend__item balance-legend__item--${s.key}`}>
            <svg viewBox="0 0 28 10" width="28" height="10" aria-hidden="true">
              <line class={`balance__line balance__line--${s.key}`} x1="1" x2="27" y1="5" y2="5" />
            </svg>
            {t(s.label)}
          </li>
        ))}
      </ul>
      <details class="balance__table">
        <summary>{t('resources.balance.showTable')}</summary>
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('resources.balance.tableLabel')}>
          <table class="table">
            <caption class="visually-hidden">{t('resources.balance.caption', { whose })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('resources.balance.day')}</th>
                {BALANCE_SERIES.map((s) => (
                  <th scope="col" key={s.key}>
                    {t(s.short)}
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
  const summary = BALANCE_SERIES.map((s) => translate('resources.balance.latest', { label: translate(s.label), value: fmt(latestOf(points, s.key)) })).join(', ');
  return (
    <svg
      class="balance__chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={translate('resources.balance.chartLabel', { whose, from: formatDay(first), to: formatDay(last), summary })}
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
