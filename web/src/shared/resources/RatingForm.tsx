import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Rating } from '../../api/types';
import { useSession } from '../session';
import { Button } from '../ui/Button';
import { ErrorMessage } from '../ui/Feedback';
import { RangeField, TextField } from '../ui/Field';
import { t as translate, useT } from '../i18n';
import { outOfTen } from './labels';
import { ratedAtFor, ratingError } from './validation';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface RatingFormProps {
  resourceId: string;
  /** Starting values, usually the latest rating. */
  initial?: { availability: number; activation: number } | null;
  /** Therapists may record a rating from an earlier session. */
  allowDate?: boolean;
  /** Words differ for the client ("you") and the therapist ("they"). */
  voice: 'client' | 'therapist';
  onSaved: (rating: Rating) => void;
  form?: string;
}

export function RatingForm(props: RatingFormProps) {
  const { api } = useSession();
  const t = useT();
  const form = props.form ?? 'rating';
  const [availability, setAvailability] = useState(props.initial?.availability ?? 5);
  const [activation, setActivation] = useState(props.initial?.activation ?? 5);
  const [date, setDate] = useState('');
  const [dateError, setDateError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const you = props.voice === 'client';

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const problem = ratingError(availability, 'availability') ?? ratingError(activation, 'activation');
    if (problem) {
      setError(problem);
      return;
    }
    const when = ratedAtFor(date);
    if (!when.ok) {
      setDateError(when.error);
      document.getElementById(`${form}-rated_at`)?.focus();
      return;
    }
    setDateError(undefined);
    setBusy(true);
    try {
      const body: { availability: number; activation: number; rated_at?: string } = { availability, activation };
      if (when.value) body.rated_at = when.value;
      const saved = await api.rateResource(props.resourceId, body);
      setDate('');
      props.onSaved(saved);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field === 'rated_at') setDateError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form rating-form" onSubmit={submit} noValidate>
      <ErrorMessage message={error} />
      <RangeField
        form={form}
        name="availability"
        label={t('resources.list.availability')}
        hint={t(you ? 'resources.rating.availabilityHintClient' : 'resources.rating.availabilityHint')}
        lowLabel={t('resources.rating.availabilityLow')}
        highLabel={t('resources.rating.availabilityHigh')}
        value={availability}
        onValue={setAvailability}
      />
      <RangeField
        form={form}
        name="activation"
        label={t('resources.list.activation')}
        hint={t(you ? 'resources.rating.activationHintClient' : 'resources.rating.activationHint')}
        lowLabel={t('resources.rating.activationLow')}
        highLabel={t('resources.rating.activationHigh')}
        value={activation}
        onValue={setActivation}
      />
      {props.allowDate ? (
        <TextField
          form={form}
          name="rated_at"
          label={t('resources.rating.date')}
          type="date"
          max={today()}
          hint={t('resources.rating.dateHint')}
          value={date}
          onValue={setDate}
          error={dateError}
        />
      ) : null}
      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel={t('resources.rating.saving')}>
          {t('resources.saveRating')}
        </Button>
      </div>
    </form>
  );
}

export function ratingSentence(r: { availability: number; activation: number }): string {
  return translate('resources.node.rating', { availability: outOfTen(r.availability), activation: outOfTen(r.activation) });
}
