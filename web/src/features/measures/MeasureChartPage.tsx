import { useEffect, useState } from 'preact/hooks';
import { useSessionsApi } from '../../shared/sessions/api';
import { messageOf } from '../../api/errors';
import type { MeasureSeries } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDate } from '../../shared/format';
import { currentTimeZone, useLocale, useT, type MessageKey, type Translate } from '../../shared/i18n';
import { EmptyState, ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { ClientSection } from '../../shared/ui/ClientSection';
import { questionnairesPath } from './Alerts';
import { bandRects, effectiveRange, measureChart, pathPoints, round, versusCorridor, type Frame } from './chart';
import { bandLabel, betterSentence, formatScore } from '../../shared/measures/wording';
import './measures.css';

function useNarrow(query = '(max-width: 40rem)'): boolean {
  const get = () => {
    try {
      return window.matchMedia(query).matches;
    } catch {
      return false;
    }
  };
  const [narrow, setNarrow] = useState(get);
  useEffect(() => {
    let mql: MediaQueryList;
    try {
      mql = window.matchMedia(query);
    } catch {
      return;
    }
    const update = () => setNarrow(mql.matches);
    mql.addEventListener('change', update);
    return () => mql.removeEventListener('change', update);
  }, [query]);
  return narrow;
}

export function MeasureChartPage({ clientId, instrument }: { clientId: string; instrument: string }) {
  const { api } = useSession();
  const t = useT();
  // The bands' names come in the reader's language: asked again when it changes.
  const locale = useLocale();
  const sessionsApi = useSessionsApi();
  const [series, setSeries] = useState<MeasureSeries | null>(null);
  const [sessions, setSessions] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .measureSeries(clientId, instrument)
      .then(setSeries)
      .catch((err) => setError(messageOf(err)));
    // Attended sessions go on the time axis, so a change can be read against the therapy's
    // rhythm; without them (no access, or none yet) the chart is simply drawn without marks.
    sessionsApi
      .listSessions({ client_id: clientId, limit: 500 })
      .then((r) => setSessions(r.items.filter((s) => s.status === 'attended').map((s) => s.starts_at)))
      .catch(() => setSessions([]));
  }, [clientId, instrument, locale]);

  const title = series ? t('measures.overTime', { name: series.instrument.short_name }) : t('measures.chart.title');
  return (
    <ClientSection
      clientId={clientId}
      tab="questionnaires"
      title={title}
      back={{ href: questionnairesPath(clientId), label: t('measures.backToQuestionnaires') }}
    >
      {(client) =>
        error ? (
          <ErrorMessage message={error} />
        ) : !series ? (
          <Loading label={t('measures.chart.loading')} />
        ) : (
          <SeriesView series={series} whose={client.display_name} sessions={sessions} />
        )
      }
    </ClientSection>
  );
}

const SEVERITY_WORDS: readonly MessageKey[] = [
  'measures.chart.severity.best',
  'measures.chart.severity.good',
  'measures.chart.severity.middle',
  'measures.chart.severity.worse',
  'measures.chart.severity.worst',
];

type Verdict = ReturnType<typeof versusCorridor>;

/** "No reliable change", "Reliably improved", … for the table's last column. */
function corridorWord(t: Translate, v: Verdict): string {
  return v === 'unknown' ? '—' : t('measures.chart.verdict', { verdict: v });
}

/** A score with its band's name: "18 (Moderately severe)". */
function withBand(t: Translate, value: number, band: string | null | undefined): string {
  return band ? t('measures.score.withBand', { score: formatScore(value), band: bandLabel(band) }) : formatScore(value);
}

export function SeriesView({ series, whose, sessions = [] }: { series: MeasureSeries; whose: string; sessions?: readonly string[] }) {
  const t = useT();
  const narrow = useNarrow();
  const scored = series.points.filter((p) => p.value !== null);
  const name = series.instrument.short_name;
  if (series.points.length === 0) {
    return (
      <EmptyState title={t('measures.chart.noResults', { name })}>
        <p>{t('measures.chart.noResultsHint', { name, whose })}</p>
      </EmptyState>
    );
  }
  const rc = series.reliable_change;
  const sorted = [...series.points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const firstScored = sorted.find((p) => p.value !== null);
  return (
    <section class="card mchart-card" aria-labelledby="mchart-title">
      <h2 id="mchart-title" class="card__title">
        {series.instrument.title}
      </h2>
      <p class="field__hint">
        {series.instrument.construct}.{' '}
        {series.range ? `${t('measures.chart.range', { from: formatScore(series.range[0]), to: formatScore(series.range[1]) })} ` : ''}
        {betterSentence(series.better)}
      </p>
      {scored.length === 0 ? (
        <p>{t('measures.chart.noneScored')}</p>
      ) : (
        <MeasureChart series={series} whose={whose} narrow={narrow} sessions={sessions} />
      )}
      <ul class="mchart-legend">
        {rc ? (
          <li>
            <svg viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">
              <rect class="mchart__corridor" x="1" y="1" width="26" height="12" />
            </svg>
            {t('measures.chart.corridor', { baseline: formatScore(rc.baseline), threshold: formatScore(rc.threshold) })}
          </li>
        ) : (
          <li>{t('measures.chart.noCorridor', { name })}</li>
        )}
        {series.cutoff !== null ? (
          <li>
            <svg viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">
              <line class="mchart__cutoff" x1="1" x2="27" y1="7" y2="7" />
            </svg>
            {t('measures.chart.cutoff', { cutoff: formatScore(series.cutoff) })}
          </li>
        ) : null}
        {sessions.length > 0 ? (
          <li>
            <svg viewBox="0 0 28 14" width="28" height="14" aria-hidden="true" class="mchart__session">
              <line x1="14" x2="14" y1="0" y2="8" />
              <path d="M 10 14 L 18 14 L 14 8 Z" />
            </svg>
            {t('measures.chart.sessions')}
          </li>
        ) : null}
        {series.bands.length > 0 ? (
          <li class="mchart-legend__bands">
            <span>{t('measures.chart.bands', { name, where: narrow ? 'legend' : 'beside' })}</span>
            {narrow ? (
              <ul class="mchart-bands">
                {bandRects(series.bands, effectiveRange(series), series.better, { x: 0, y: 0, width: 1, height: 1 }).map((b) => (
                  <li key={b.label}>
                    <svg viewBox="0 0 14 14" width="14" height="14" aria-hidden="true" class={`mchart__band mchart__band--s${b.severity}`}>
                      <rect x="0.5" y="0.5" width="13" height="13" />
                    </svg>
                    {t('measures.chart.bandFrom', { band: bandLabel(b.label), from: formatScore(b.from) })}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ) : null}
      </ul>
      <details class="mchart__table" open={scored.length === 1}>
        <summary>{t('measures.chart.showTable')}</summary>
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('measures.chart.tableLabel', { name })}>
          <table class="table">
            <caption class="visually-hidden">{t('measures.chart.caption', { name, whose })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('measures.chart.date')}</th>
                <th scope="col">{t('measures.chart.score')}</th>
                <th scope="col">{t('measures.chart.band')}</th>
                <th scope="col">{t('measures.chart.sinceFirst')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((p) => {
                const diff = p.value !== null && firstScored?.value != null ? p.value - firstScored.value : null;
                const verdict: Verdict = p === firstScored ? 'baseline' : p.value === null ? 'unknown' : versusCorridor(p.value, rc, series.better);
                return (
                  <tr key={p.response_id}>
                    <th scope="row">{formatDate(p.at)}</th>
                    <td>{p.value === null ? t('measures.summary.notScored') : formatScore(p.value)}</td>
                    <td>{p.band ? bandLabel(p.band) : '—'}</td>
                    <td>
                      {p === firstScored || diff === null
                        ? corridorWord(t, verdict)
                        : t('measures.chart.change', {
                            diff: `${diff > 0 ? '+' : diff < 0 ? '−' : '±'}${formatScore(Math.abs(diff))}`,
                            verdict,
                          })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

export function MeasureChart({
  series,
  whose,
  narrow,
  sessions = [],
}: {
  series: MeasureSeries;
  whose: string;
  narrow: boolean;
  sessions?: readonly string[];
}) {
  const t = useT();
  const locale = useLocale();
  // On a phone the drawing is about as wide as the card, so text is drawn at its real size and
  // the band names go into the legend; on wider screens they stand beside the plot.
  const frame: Frame = narrow
    ? { width: 310, height: 230, left: 28, right: 8, top: 10, bottom: 28 }
    : { width: 860, height: 320, left: 40, right: 150, top: 12, bottom: 32 };
  const m = measureChart(series, frame, narrow ? 3 : 5, sessions);
  const { box } = m;
  const last = m.points[m.points.length - 1];
  const first = m.points[0];
  const summary =
    first && last
      ? [
          t('measures.chart.summary', {
            name: series.instrument.short_name,
            whose,
            count: m.points.length,
            from: formatDate(first.at),
            to: formatDate(last.at),
            first: withBand(t, first.value, first.band),
            latest: withBand(t, last.value, last.band),
          }),
          m.sessionMarks.length ? t('measures.chart.summarySessions', { count: m.sessionMarks.length }) : null,
          t('measures.chart.summaryTable'),
        ]
          .filter((sentence) => sentence !== null)
          .join(' ')
      : '';
  const tickDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: currentTimeZone() });
  const labelX = box.x + box.width + 10;
  return (
    <svg class={`mchart${narrow ? ' mchart--narrow' : ''}`} viewBox={`0 0 ${frame.width} ${frame.height}`} role="img" aria-label={summary}>
      {m.bands.map((b) => (
        <g key={b.label} class={`mchart__band mchart__band--s${b.severity}`}>
          <rect x={box.x} y={round(b.y)} width={box.width} height={round(b.height)} />
          {!narrow && b.height >= 12 ? (
            <text class="mchart__bandlabel" x={labelX} y={round(b.y + b.height / 2 + 4)}>
              {bandLabel(b.label)}
            </text>
          ) : null}
          <title>
            {t('measures.chart.bandTitle', {
              band: bandLabel(b.label),
              from: formatScore(b.from),
              to: formatScore(b.to),
              severity: t(SEVERITY_WORDS[b.severity]!),
            })}
          </title>
        </g>
      ))}
      {m.yTicks.map((tick) => (
        <g key={tick.value}>
          <line class="mchart__grid" x1={box.x} x2={box.x + box.width} y1={round(tick.y)} y2={round(tick.y)} />
          <text class="mchart__tick" x={box.x - 6} y={round(tick.y + 4)} text-anchor="end">
            {formatScore(tick.value)}
          </text>
        </g>
      ))}
      {m.corridor ? (
        <g class="mchart__rc">
          <rect class="mchart__corridor" x={box.x} y={round(m.corridor.y)} width={box.width} height={round(m.corridor.height)} />
          <line class="mchart__baseline" x1={box.x} x2={box.x + box.width} y1={round(m.corridor.baselineY)} y2={round(m.corridor.baselineY)} />
        </g>
      ) : null}
      {m.cutoffY !== null ? (
        <g>
          <line class="mchart__cutoff" x1={box.x} x2={box.x + box.width} y1={round(m.cutoffY)} y2={round(m.cutoffY)} />
          <text class="mchart__cutofflabel" x={box.x + 6} y={round(m.cutoffY - 5)}>
            {t('measures.chart.cutoffLabel', { cutoff: formatScore(series.cutoff ?? 0) })}
          </text>
        </g>
      ) : null}
      <line class="mchart__axis" x1={box.x} x2={box.x + box.width} y1={box.y + box.height} y2={box.y + box.height} />
      {m.xTicks.map((tick, i) => (
        <text
          key={`${tick.at}-${i}`}
          class="mchart__tick"
          x={round(tick.x)}
          y={box.y + box.height + 20}
          text-anchor={m.xTicks.length === 1 ? 'middle' : i === 0 ? 'start' : i === m.xTicks.length - 1 ? 'end' : 'middle'}
        >
          {tickDate.format(new Date(tick.at))}
        </text>
      ))}
      {m.sessionMarks.map((s, i) => (
        <g key={`session-${s.at}-${i}`} class="mchart__session">
          <line x1={round(s.x)} x2={round(s.x)} y1={box.y} y2={box.y + box.height} />
          <path d={`M ${round(s.x) - 4} ${box.y + box.height + 7} L ${round(s.x) + 4} ${box.y + box.height + 7} L ${round(s.x)} ${box.y + box.height + 1} Z`} />
          <title>{t('measures.chart.sessionOn', { date: formatDate(s.at) })}</title>
        </g>
      ))}
      {m.segments.map((seg, i) => (seg.length > 1 ? <polyline key={i} class="mchart__line" points={pathPoints(seg)} /> : null))}
      {m.points.map((p) => (
        <circle key={p.responseId} class="mchart__dot" cx={round(p.x)} cy={round(p.y)} r={narrow ? 5 : 6}>
          <title>{t('measures.chart.point', { date: formatDate(p.at), score: withBand(t, p.value, p.band) })}</title>
        </circle>
      ))}
    </svg>
  );
}
