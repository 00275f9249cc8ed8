import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { ScaleRating } from '../../api/types';
import { useSession } from '../session';
import { Button } from '../ui/Button';
import { ErrorMessage } from '../ui/Feedback';
import { RangeField } from '../ui/Field';
import { formatDate } from '../format';
import { t, useT } from '../i18n';
import { Sparkline } from './Sparkline';
import { ratingError } from './validation';

export type ScaleKind = 'goal' | 'problem';

export function scaleQuestion(kind: ScaleKind, voice: 'client' | 'therapist'): { label: string; low: string; high: string } {
  if (kind === 'goal') {
    return {
      label: t(voice === 'client' ? 'resources.scale.goalQuestionClient' : 'resources.scale.goalQuestion'),
      low: t('resources.scale.goalLow'),
      high: t('resources.scale.goalHigh'),
    };
  }
  return {
    label: t(voice === 'client' ? 'resources.scale.problemQuestionClient' : 'resources.scale.problemQuestion'),
    low: t('resources.scale.problemLow'),
    high: t('resources.scale.problemHigh'),
  };
}

export function scaleSummary(kind: ScaleKind, value: number): string {
  return t(kind === 'goal' ? 'resources.scale.goalSummary' : 'resources.scale.problemSummary', { value });
}

/** A 0–10 rating of a goal (10 = reached) or a problem (10 = worst). */
export function ScaleRatingForm(props: {
  kind: ScaleKind;
  id: string;
  initial: number | null;
  voice: 'client' | 'therapist';
  onSaved: (r: ScaleRating) => void;
  onCancel?: () => void;
}) {
  const { api } = useSession();
  const tr = useT();
  const [value, setValue] = useState(props.initial ?? 5);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const q = scaleQuestion(props.kind, props.voice);
  const form = `${props.kind}-rating-${props.id}`;

  useEffect(() => {
    document.getElementById(`${form}-value`)?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = ratingError(value, 'rating');
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const saved = props.kind === 'goal' ? await api.rateGoal(props.id, { value }) : await api.rateProblem(props.id, { value });
      props.onSaved(saved);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form scale-form" onSubmit={submit} noValidate>
      <ErrorMessage message={error} />
      <RangeField form={form} name="value" label={q.label} lowLabel={q.low} highLabel={q.high} value={value} onValue={setValue} />
      <div class="form__actions">
        <Button type="submit" small busy={busy} busyLabel={tr('resources.saving')}>
          {tr('resources.saveRating')}
        </Button>
        {props.onCancel ? (
          <Button variant="quiet" small onClick={props.onCancel}>
            {tr('resources.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * The trend of a goal's or problem's ratings, loaded on its own: the little chart for the eye and,
 * folded under it, every rating as a table (what the chart shows, for the keyboard and screen readers).
 */
export function ScaleTrend({ kind, id, version }: { kind: ScaleKind; id: string; version: number }) {
  const { api } = useSession();
  const tr = useT();
  const [ratings, setRatings] = useState<ScaleRating[] | null>(null);
  useEffect(() => {
    const load = kind === 'goal' ? api.listGoalRatings(id) : api.listProblemRatings(id);
    load.then((r) => setRatings(r.items)).catch(() => setRatings(null));
  }, [kind, id, version]);
  if (!ratings || ratings.length < 2) return null;
  const name = tr(kind === 'goal' ? 'resources.trend.progress' : 'resources.trend.intensity');
  return (
    <div class="scale-trend">
      <Sparkline width={140} height={40} series={[{ name, tone: kind === 'goal' ? 'goal' : 'problem', values: ratings.map((x) => x.value).slice(-12) }]} />
      <details class="scale-trend__all">
        <summary>{tr('resources.trend.all', { count: ratings.length })}</summary>
        <table class="table">
          <caption class="visually-hidden">{tr(kind === 'goal' ? 'resources.trend.captionGoal' : 'resources.trend.captionProblem')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('resources.trend.date')}</th>
              <th scope="col">{name}</th>
            </tr>
          </thead>
          <tbody>
            {ratings.map((r, i) => (
              <tr key={r.id ?? i}>
                <td>{formatDate(r.rated_at)}</td>
                <td>{tr('resources.trend.value', { value: r.value })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
