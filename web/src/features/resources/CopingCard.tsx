import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { CopingCard, CopingCardInput, CopingContact } from '../../api/types';
import { useSession } from '../../app/session';
import { formatDate } from '../../shared/format';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { TextField } from '../../shared/ui/Field';
import type { FieldErrors } from '../../shared/validation';
import { ClientSection } from './ClientSection';
import { MAX_CONTACTS, MAX_STEPS, validateCopingCard } from './validation';

const FORM = 'coping';

export function CopingCardPage({ clientId }: { clientId: string }) {
  const { api } = useSession();
  const [card, setCard] = useState<CopingCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .copingCard(clientId)
      .then(setCard)
      .catch((err) => setError(messageOf(err)));
  }, [clientId]);
  return (
    <ClientSection clientId={clientId} tab="coping-card" title="Coping card">
      {(client, editable) => {
        if (error) return <ErrorMessage message={error} />;
        if (!card) return <Loading label="Loading the coping card…" />;
        return (
          <div class="coping-layout">
            {editable ? (
              <CopingCardEditor clientId={client.id} card={card} voice="therapist" onSaved={setCard} />
            ) : (
              <CopingCardView card={card} voice="therapist" />
            )}
            <StabilisingResources card={card} voice="therapist" />
          </div>
        );
      }}
    </ClientSection>
  );
}

export function StabilisingResources({ card, voice }: { card: CopingCard; voice: 'client' | 'therapist' }) {
  return (
    <section class="card coping-stable" aria-labelledby="stable-title">
      <h2 id="stable-title" class="card__title">
        {voice === 'client' ? 'What steadies you' : 'Stabilising resources'}
      </h2>
      {card.stabilising_resources.length === 0 ? (
        <p class="field__hint">
          {voice === 'client'
            ? 'Together with your therapist you can mark resources that help you in a hard moment; they will appear here.'
            : 'Mark a resource as “stabilising” on the resource map and it appears on the card.'}
        </p>
      ) : (
        <ul class="coping__list">
          {card.stabilising_resources.map((r) => (
            <li key={r.id}>{r.title}</li>
          ))}
        </ul>
      )}
      {voice === 'therapist' && card.stabilising_resources.length > 0 ? (
        <p class="field__hint">Shown on the client’s card; changed on the resource map.</p>
      ) : null}
    </section>
  );
}

function toInput(card: CopingCard): CopingCardInput {
  return {
    contacts: card.contacts.map((c) => ({ name: c.name ?? '', phone: c.phone ?? '', note: c.note ?? '' })),
    calming_steps: [...card.calming_steps],
    reasons: [...card.reasons],
  };
}

/** Contacts, calming steps and reasons, edited as rows that can be added and removed. */
export function CopingCardEditor(props: {
  clientId: string;
  card: CopingCard;
  voice: 'client' | 'therapist';
  onSaved: (card: CopingCard) => void;
  onDone?: () => void;
}) {
  const { api } = useSession();
  const [values, setValues] = useState<CopingCardInput>(() => toInput(props.card));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const you = props.voice === 'client';

  const setContact = (i: number, patch: Partial<CopingContact>) =>
    setValues((v) => ({ ...v, contacts: v.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
  const setListItem = (key: 'calming_steps' | 'reasons', i: number, text: string) =>
    setValues((v) => ({ ...v, [key]: v[key].map((s, j) => (j === i ? text : s)) }));
  const addRow = (key: 'contacts' | 'calming_steps' | 'reasons') => {
    setValues((v) =>
      key === 'contacts' ? { ...v, contacts: [...v.contacts, { name: '', phone: '', note: '' }] } : { ...v, [key]: [...v[key], ''] },
    );
    // The new row's first field is where the person continues typing.
    const index = key === 'contacts' ? values.contacts.length : values[key].length;
    setTimeout(() => document.getElementById(`${FORM}-${key}-${index}${key === 'contacts' ? '-name' : ''}`)?.focus(), 0);
  };
  const removeRow = (key: 'contacts' | 'calming_steps' | 'reasons', i: number) => {
    setValues((v) => ({ ...v, [key]: (v[key] as unknown[]).filter((_, j) => j !== i) }));
    setErrors({});
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const checked = validateCopingCard(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setError('Please correct the highlighted entries.');
      const first = Object.keys(checked.errors)[0]!;
      document.getElementById(`${FORM}-${first.replace(/\./g, '-')}`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await api.saveCopingCard(props.clientId, checked.value);
      props.onSaved(saved);
      setValues(toInput(saved));
      setNotice('The coping card is saved.');
      props.onDone?.();
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field) setErrors({ [err.field]: err.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form coping-editor" onSubmit={submit} noValidate aria-labelledby="coping-edit-title">
      <h2 id="coping-edit-title" class="card__title">
        {you ? 'Your coping card' : 'The client’s coping card'}
      </h2>
      <p class="field__hint">
        {you
          ? 'For a hard moment: who you can call, what calms you, and what makes it worth getting through.'
          : 'Written together with the client, for a hard moment. The client sees and can change it in their portal.'}
        {props.card.updated_at ? ` Last changed ${formatDate(props.card.updated_at)}.` : ''}
      </p>
      <Notice message={notice} />
      <ErrorMessage message={error} />

      <fieldset class="coping-group">
        <legend class="coping-group__title">{you ? 'People I can call' : 'People to call'}</legend>
        {errors.contacts ? <p class="field__error">{errors.contacts}</p> : null}
        {values.contacts.length === 0 ? <p class="field__hint">No contacts yet.</p> : null}
        {values.contacts.map((c, i) => (
          <div class="coping-contact" key={i}>
            <p class="coping-contact__title">Contact {i + 1}</p>
            <div class="coping-contact__fields">
              <TextField
                form={FORM}
                name={`contacts-${i}-name`}
                label="Name"
                plain
                autoComplete="off"
                value={c.name}
                onValue={(v) => setContact(i, { name: v })}
                error={errors[`contacts.${i}.name`]}
              />
              <TextField
                form={FORM}
                name={`contacts-${i}-phone`}
                label="Phone"
                type="tel"
                inputMode="tel"
                plain
                autoComplete="off"
                value={c.phone}
                onValue={(v) => setContact(i, { phone: v })}
                error={errors[`contacts.${i}.phone`]}
              />
              <TextField
                form={FORM}
                name={`contacts-${i}-note`}
                label="Note"
                plain
                autoComplete="off"
                value={c.note}
                onValue={(v) => setContact(i, { note: v })}
              />
            </div>
            <Button small variant="quiet" onClick={() => removeRow('contacts', i)}>
              Remove contact {i + 1}
            </Button>
          </div>
        ))}
        <Button small variant="secondary" disabled={values.contacts.length >= MAX_CONTACTS} onClick={() => addRow('contacts')}>
          Add a contact
        </Button>
      </fieldset>

      <ListEditor
        name="calming_steps"
        title={you ? 'What calms me, step by step' : 'Calming steps'}
        itemLabel="Step"
        addLabel="Add a step"
        items={values.calming_steps}
        error={errors.calming_steps}
        onItem={(i, t) => setListItem('calming_steps', i, t)}
        onAdd={() => addRow('calming_steps')}
        onRemove={(i) => removeRow('calming_steps', i)}
      />
      <ListEditor
        name="reasons"
        title={you ? 'What makes it worth getting through' : 'Reasons: what makes it worth getting through'}
        itemLabel="Reason"
        addLabel="Add a reason"
        items={values.reasons}
        error={errors.reasons}
        onItem={(i, t) => setListItem('reasons', i, t)}
        onAdd={() => addRow('reasons')}
        onRemove={(i) => removeRow('reasons', i)}
      />

      <div class="form__actions">
        <Button type="submit" busy={busy} busyLabel="Saving…">
          Save coping card
        </Button>
        {props.onDone ? (
          <Button variant="quiet" onClick={props.onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function ListEditor(props: {
  name: 'calming_steps' | 'reasons';
  title: string;
  itemLabel: string;
  addLabel: string;
  items: string[];
  error: string | undefined;
  onItem: (i: number, text: string) => void;
  onAdd: () => void;
  onRemove: (i: number) => void;
}) {
  return (
    <fieldset class="coping-group">
      <legend class="coping-group__title">{props.title}</legend>
      {props.error ? <p class="field__error">{props.error}</p> : null}
      {props.items.length === 0 ? <p class="field__hint">Nothing here yet.</p> : null}
      <ol class="coping-rows">
        {props.items.map((text, i) => (
          <li key={i} class="coping-row">
            <TextField
              form={FORM}
              name={`${props.name}-${i}`}
              label={`${props.itemLabel} ${i + 1}`}
              plain
              autoComplete="off"
              value={text}
              onValue={(v) => props.onItem(i, v)}
            />
            <Button small variant="quiet" onClick={() => props.onRemove(i)}>
              Remove {props.itemLabel.toLowerCase()} {i + 1}
            </Button>
          </li>
        ))}
      </ol>
      <Button small variant="secondary" disabled={props.items.length >= MAX_STEPS} onClick={props.onAdd}>
        {props.addLabel}
      </Button>
    </fieldset>
  );
}

/** The card as one calm page: what a client opens on a phone in a hard moment, or prints. */
export function CopingCardView({ card, voice, titled = true }: { card: CopingCard; voice: 'client' | 'therapist'; titled?: boolean }) {
  const you = voice === 'client';
  // Without its own title the card sits right under the page heading, so its sections move up a level.
  const H = titled ? 'h3' : 'h2';
  const empty = card.contacts.length === 0 && card.calming_steps.length === 0 && card.reasons.length === 0;
  return (
    <article class="card coping-card" aria-labelledby={titled ? 'coping-card-title' : 'page-title'}>
      {titled ? (
        <h2 id="coping-card-title" class="coping-card__title">
          {you ? 'My coping card' : 'Coping card'}
        </h2>
      ) : null}
      {empty ? (
        <p>{you ? 'Your card is still empty. You can fill it in yourself, or together with your therapist.' : 'The card is still empty.'}</p>
      ) : null}
      {card.calming_steps.length > 0 ? (
        <section aria-labelledby="cc-steps">
          <H id="cc-steps" class="coping-card__section">{you ? 'What calms me' : 'Calming steps'}</H>
          <ol class="coping__steps">
            {card.calming_steps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </section>
      ) : null}
      {card.stabilising_resources.length > 0 ? (
        <section aria-labelledby="cc-stable">
          <H id="cc-stable" class="coping-card__section">{you ? 'What steadies me' : 'Stabilising resources'}</H>
          <ul class="coping__list">
            {card.stabilising_resources.map((r) => (
              <li key={r.id}>{r.title}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {card.contacts.length > 0 ? (
        <section aria-labelledby="cc-contacts">
          <H id="cc-contacts" class="coping-card__section">{you ? 'People I can call' : 'People to call'}</H>
          <ul class="coping__contacts">
            {card.contacts.map((c, i) => (
              <li key={i}>
                <span class="coping__name">{c.name}</span>
                {c.phone ? (
                  <a class="coping__phone" href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>
                    {c.phone}
                  </a>
                ) : null}
                {c.note ? <span class="coping__note">{c.note}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {card.reasons.length > 0 ? (
        <section aria-labelledby="cc-reasons">
          <H id="cc-reasons" class="coping-card__section">{you ? 'Why it is worth getting through' : 'Reasons'}</H>
          <ul class="coping__list">
            {card.reasons.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
