import { useEffect, useState } from 'preact/hooks';
import { useSessionsApi } from '../sessions/api';
import { messageOf } from '../../api/errors';
import type { MeasureSeries } from '../../api/types';
import { useSession } from '../../app/session';
import { formatDate } from '../../shared/format';
import { EmptyState, ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { ClientSection } from '../resources/ClientSection';
import { questionnairesPath } from './Alerts';
import { bandRects, effectiveRange, measureChart, pathPoints, round, versusCorridor, type Frame } from './chart';
import { betterSentence, formatScore } from './wording';
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
  }, [clientId, instrument]);

  const title = series ? `${series.instrument.short_name} over time` : 'Questionnaire chart';
  return (
    <ClientSection
      clientId={clientId}
      tab="questionnaires"
      title={title}
      back={{ href: questionnairesPath(clientId), label: 'Back to questionnaires' }}
    >
      {(client) =>
        error ? (
          <ErrorMessage message={error} />
        ) : !series ? (
          <Loading label="Loading the chart…" />
        ) : (
          <SeriesView series={series} whose={client.display_name} sessions={sessions} />
        )
      }
    </ClientSection>
  );
}

const SEVERITY_WORDS = ['best', 'good', 'middle', 'worse', 'worst'];

function corridorWord(v: ReturnType<typeof versusCorridor>): string {
  switch (v) {
    case 'within':
      return 'No reliable change';
    case 'improved':
      return 'Reliably improved';
    case 'deteriorated':
      return 'Reliably deteriorated';
    case 'baseline':
      return 'Baseline';
    case 'unknown':
      return '—';
  }
}

export function SeriesView({ series, whose, sessions = [] }: { series: MeasureSeries; whose: string; sessions?: readonly string[] }) {
  const narrow = useNarrow();
  const scored = series.points.filter((p) => p.value !== null);
  const name = series.instrument.short_name;
  if (series.points.length === 0) {
    return (
      <EmptyState title={`No ${name} results yet.`}>
        <p>When {whose} answers the {name}, the scores appear here over time.</p>
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
        {series.range ? `Scores from ${formatScore(series.range[0])} to ${formatScore(series.range[1])}. ` : ''}
        {betterSentence(series.better)}
      </p>
      {scored.length === 0 ? (
        <p>None of the administrations could be scored, so there is nothing to draw yet.</p>
      ) : (
        <MeasureChart series={series} whose={whose} narrow={narrow} sessions={sessions} />
      )}
      <ul class="mchart-legend">
        {rc ? (
          <li>
            <svg viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">
              <rect class="mchart__corridor" x="1" y="1" width="26" height="12" />
            </svg>
            Reliable-change corridor: baseline {formatScore(rc.baseline)} ± {formatScore(rc.threshold)}. Results inside it are within
            measurement error.
          </li>
        ) : (
          <li>No published norm gives a standard deviation for the {name}, so no reliable-change corridor is shown.</li>
        )}
        {series.cutoff !== null ? (
          <li>
            <svg viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">
              <line class="mchart__cutoff" x1="1" x2="27" y1="7" y2="7" />
            </svg>
            Clinical cut-off at {formatScore(series.cutoff)}.
          </li>
        ) : null}
        {sessions.length > 0 ? (
          <li>
            <svg viewBox="0 0 28 14" width="28" height="14" aria-hidden="true" class="mchart__session">
              <line x1="14" x2="14" y1="0" y2="8" />
              <path d="M 10 14 L 18 14 L 14 8 Z" />
            </svg>
            Attended sessions, on the time axis.
          </li>
        ) : null}
        {series.bands.length > 0 ? (
          <li class="mchart-legend__bands">
            <span>Shaded strips: the {name}’s bands{narrow ? '' : ', labelled beside the chart'}.</span>
            {narrow ? (
              <ul class="mchart-bands">
                {bandRects(series.bands, effectiveRange(series), series.better, { x: 0, y: 0, width: 1, height: 1 }).map((b) => (
                  <li key={b.label}>
                    <svg viewBox="0 0 14 14" width="14" height="14" aria-hidden="true" class={`mchart__band mchart__band--s${b.severity}`}>
                      <rect x="0.5" y="0.5" width="13" height="13" />
                    </svg>
                    {b.label} from {formatScore(b.from)}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ) : null}
      </ul>
      <details class="mchart__table" open={scored.length === 1}>
        <summary>Show the numbers as a table</summary>
        <div class="table-wrap" tabIndex={0} role="region" aria-label={`${name} results by date`}>
          <table class="table">
            <caption class="visually-hidden">
              {name} of {whose} by date, with band and change from the first result
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Score</th>
                <th scope="col">Band</th>
                <th scope="col">Since first</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((p) => {
                const diff = p.value !== null && firstScored?.value != null ? p.value - firstScored.value : null;
                const verdict =
                  p === firstScored ? 'Baseline' : p.value === null ? '—' : corridorWord(versusCorridor(p.value, rc, series.better));
                return (
                  <tr key={p.response_id}>
                    <th scope="row">{formatDate(p.at)}</th>
                    <td>{p.value === null ? 'Not scored' : formatScore(p.value)}</td>
                    <td>{p.band ?? '—'}</td>
                    <td>
                      {p === firstScored || diff === null ? verdict : `${diff > 0 ? '+' : diff < 0 ? '−' : '±'}${formatScore(Math.abs(diff))}, ${verdict.toLowerCase()}`}
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
      ? `${series.instrument.short_name} of ${whose}: ${m.points.length} ${m.points.length === 1 ? 'result' : 'results'} from ${formatDate(first.at)} to ${formatDate(last.at)}; first ${formatScore(first.value)}${first.band ? ` (${first.band})` : ''}, latest ${formatScore(last.value)}${last.band ? ` (${last.band})` : ''}.${m.sessionMarks.length ? ` ${m.sessionMarks.length} attended ${m.sessionMarks.length === 1 ? 'session is' : 'sessions are'} marked on the time axis.` : ''} The same numbers are in the table below.`
      : '';
  const labelX = box.x + box.width + 10;
  return (
    <svg class={`mchart${narrow ? ' mchart--narrow' : ''}`} viewBox={`0 0 ${frame.width} ${frame.height}`} role="img" aria-label={summary}>
      {m.bands.map((b) => (
        <g key={b.label} class={`mchart__band mchart__band--s${b.severity}`}>
          <rect x={box.x} y={round(b.y)} width={box.width} height={round(b.height)} />
          {!narrow && b.height >= 12 ? (
            <text class="mchart__bandlabel" x={labelX} y={round(b.y + b.height / 2 + 4)}>
              {b.label}
            </text>
          ) : null}
          <title>
            {b.label}: {formatScore(b.from)} to {formatScore(b.to)} ({SEVERITY_WORDS[b.severity]})
          </title>
        </g>
      ))}
      {m.yTicks.map((t) => (
        <g key={t.value}>
          <line class="mchart__grid" x1={box.x} x2={box.x + box.width} y1={round(t.y)} y2={round(t.y)} />
          <text class="mchart__tick" x={box.x - 6} y={round(t.y + 4)} text-anchor="end">
            {formatScore(t.value)}
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
            Cut-off {formatScore(series.cutoff ?? 0)}
          </text>
        </g>
      ) : null}
      <line class="mchart__axis" x1={box.x} x2={box.x + box.width} y1={box.y + box.height} y2={box.y + box.height} />
      {m.xTicks.map((t, i) => (
        <text
          key={`${t.at}-${i}`}
          class="mchart__tick"
          x={round(t.x)}
          y={box.y + box.height + 20}
          text-anchor={m.xTicks.length === 1 ? 'middle' : i === 0 ? 'start' : i === m.xTicks.length - 1 ? 'end' : 'middle'}
        >
          {new Date(t.at).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}
        </text>
      ))}
      {m.sessionMarks.map((s, i) => (
        <g key={`session-${s.at}-${i}`} class="mchart__session">
          <line x1={round(s.x)} x2={round(s.x)} y1={box.y} y2={box.y + box.height} />
          <path d={`M ${round(s.x) - 4} ${box.y + box.height + 7} L ${round(s.x) + 4} ${box.y + box.height + 7} L ${round(s.x)} ${box.y + box.height + 1} Z`} />
          <title>Session on {formatDate(s.at)}</title>
        </g>
      ))}
      {m.segments.map((seg, i) => (seg.length > 1 ? <polyline key={i} class="mchart__line" points={pathPoints(seg)} /> : null))}
      {m.points.map((p) => (
        <circle key={p.responseId} class="mchart__dot" cx={round(p.x)} cy={round(p.y)} r={narrow ? 5 : 6}>
          <title>
            {formatDate(p.at)}: {formatScore(p.value)}
            {p.band ? ` (${p.band})` : ''}
          </title>
        </circle>
      ))}
    </svg>
  );
}
