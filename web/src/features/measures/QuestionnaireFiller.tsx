import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Answers, FhirQuestionnaire } from '../../api/types';
import { Button } from '../../shared/ui/Button';
import { useT } from '../../shared/i18n';
import { ErrorMessage } from '../../shared/ui/Feedback';
import {
  answersForSubmit,
  browserStorage,
  clearDraft,
  notAnsweredSentence,
  initialState,
  loadDraft,
  missingConfirmation,
  moveTo,
  parseQuestionnaire,
  progress,
  resumePosition,
  saveDraft,
  setAnswer,
  unanswered,
  type FillMode,
  type FillState,
  type QuestionItem,
} from './questionnaire';
import './measures.css';

interface FillerProps {
  questionnaire: FhirQuestionnaire;
  /** "PHQ-9": how the questionnaire is named in sentences. */
  shortName: string;
  /** Where the draft is kept on this device (see draftKey). */
  storageKey: string;
  /** Sends the answers; a thrown error is shown and the answers stay. */
  onSubmit: (answers: Answers) => Promise<void>;
  submitLabel?: string;
  busyLabel?: string;
  /** Unique within the page, for element ids. */
  idPrefix?: string;
}

/** Phones get one question per screen; wider screens start with the whole form. */
function defaultMode(): FillMode {
  try {
    return window.matchMedia('(max-width: 47.99rem)').matches ? 'one' : 'all';
  } catch {
    return 'one';
  }
}

/**
 * Fills in one FHIR questionnaire: the instructions first, then the questions with large answer
 * options, one per screen (Back/Next, "4 of 9") or all on one page. Answers are kept on the device
 * until they are sent, so closing the tab loses nothing. Unanswered questions are named before
 * sending, and sending with gaps needs a second, explicit step.
 */
export function QuestionnaireFiller(props: FillerProps) {
  const t = useT();
  const q = useMemo(() => parseQuestionnaire(props.questionnaire), [props.questionnaire]);
  const prefix = props.idPrefix ?? 'qf';
  const storage = useMemo(browserStorage, []);
  // A draft from an earlier visit starts again at the instructions, with a note and "Continue".
  const [draft] = useState(() => loadDraft(storage, props.storageKey, q, Date.now()));
  const [resumed, setResumed] = useState(draft !== null);
  const [state, setState] = useState<FillState>(() =>
    draft ? { ...draft, position: draft.mode === 'one' ? -1 : draft.position } : initialState(defaultMode()),
  );
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const focusTarget = useRef<HTMLElement | null>(null);
  const moved = useRef(false);
  const setFocusTarget = (el: HTMLElement | null) => {
    focusTarget.current = el;
  };

  // Every change is kept on the device until the answers are sent.
  useEffect(() => {
    if (Object.values(state.answers).some((v) => typeof v === 'number')) saveDraft(storage, props.storageKey, q, state, Date.now());
  }, [state]);

  // After Back/Next the new question's heading takes focus, so screen readers read it out.
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    focusTarget.current?.focus();
  }, [state.position, state.mode]);

  const total = q.items.length;
  const p = progress(state, q.items);
  const open = unanswered(q.items, state.answers);

  const go = (position: number) => {
    moved.current = true;
    setConfirming(false);
    setState((s) => moveTo(s, position, total));
  };

  const answer = (linkId: string, value: number) => {
    setConfirming(false);
    setError(null);
    setState((s) => setAnswer(s, linkId, value));
  };

  const switchMode = () => {
    moved.current = true;
    setConfirming(false);
    setState((s) =>
      s.mode === 'one'
        ? { ...s, mode: 'all' }
        : { ...s, mode: 'one', position: Math.min(resumePosition(q.items, s.answers), total) },
    );
    setAnnounce(t(state.mode === 'one' ? 'measures.fill.announceAll' : 'measures.fill.announceOne'));
  };

  const startOver = () => {
    clearDraft(storage, props.storageKey);
    setResumed(false);
    setConfirming(false);
    moved.current = true;
    setState((s) => ({ ...initialState(s.mode) }));
    setAnnounce(t('measures.fill.cleared'));
  };

  const send = async (allowMissing: boolean) => {
    setError(null);
    if (open.length > 0 && !allowMissing) {
      setConfirming(true);
      return;
    }
    setBusy(true);
    try {
      await props.onSubmit(answersForSubmit(q.items, state.answers));
      clearDraft(storage, props.storageKey);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  const goToFirstOpen = () => {
    const first = open[0];
    if (!first) return;
    if (state.mode === 'one') go(q.items.indexOf(first));
    else {
      setConfirming(false);
      document.getElementById(`${prefix}-q-${first.linkId}-title`)?.focus();
    }
  };

  const barId = `${prefix}-progress`;
  const header = (
    <div class="qfill__top">
      <div class="qfill__progress">
        <label class="qfill__progress-label" for={barId}>
          {state.mode === 'one' && state.position >= 0 && state.position < total ? t('measures.fill.questionPosition', { position: p.label }) : p.label}
        </label>
        <progress id={barId} class="qfill__bar" max={100} value={p.percent} />
      </div>
      <button type="button" class="qfill__mode" onClick={switchMode}>
        {t(state.mode === 'one' ? 'measures.fill.showAll' : 'measures.fill.showOne')}
      </button>
    </div>
  );

  const resumeNote = resumed ? (
    <div class="alert alert--info qfill__resume">
      <p>{t('measures.fill.resumed', { answered: p.answered, total })}</p>
      <Button small variant="quiet" onClick={startOver}>
        {t('measures.fill.startOver')}
      </Button>
    </div>
  ) : null;

  const confirmation = confirming ? (
    <div class="qfill__confirm" role="alert">
      <p>{missingConfirmation(q.items, state.answers)}</p>
      <div class="form__actions">
        <Button variant="secondary" onClick={goToFirstOpen}>
          {t('measures.fill.answerQuestion', { item: open[0]?.linkId ?? '' })}
        </Button>
        <Button busy={busy} busyLabel={t('measures.fill.sending')} onClick={() => void send(true)}>
          {t('measures.fill.sendWithGaps', { count: open.length })}
        </Button>
      </div>
    </div>
  ) : null;

  const footer = (
    <>
      <ErrorMessage message={error} />
      {confirmation}
    </>
  );

  const about = q.copyright ? <p class="qfill__copyright">{q.copyright}</p> : null;
  const live = (
    <p class="visually-hidden" aria-live="polite">
      {announce}
    </p>
  );

  if (state.mode === 'all') {
    return (
      <div class="qfill qfill--all">
        {header}
        {live}
        {resumeNote}
        <Instructions text={q.description} count={total} />
        <ol class="qfill__list">
          {q.items.map((item, i) => (
            <li key={item.linkId}>
              <Question
                prefix={prefix}
                item={item}
                number={i + 1}
                total={total}
                value={state.answers[item.linkId] ?? null}
                onAnswer={answer}
                headingRef={i === 0 ? setFocusTarget : undefined}
              />
            </li>
          ))}
        </ol>
        <div class="qfill__send">
          <p class={`qfill__status${confirming ? ' visually-hidden' : ''}`}>
            {open.length === 0 ? t('measures.fill.allAnswered', { count: total }) : notAnsweredSentence(open)}
          </p>
          {footer}
          {confirming ? null : (
            <Button busy={busy} busyLabel={props.busyLabel ?? t('measures.fill.sending')} onClick={() => void send(false)}>
              {props.submitLabel ?? t('measures.fill.send')}
            </Button>
          )}
        </div>
        {about}
      </div>
    );
  }

  // One question per screen.
  let body;
  if (state.position < 0) {
    body = (
      <div class="qfill__screen">
        <h2 class="qfill__title" tabIndex={-1} ref={setFocusTarget}>
          {t('measures.fill.beforeStart')}
        </h2>
        <Instructions text={q.description} count={total} />
        <div class="qfill__nav qfill__nav--start">
          <Button onClick={() => go(resumed ? resumePosition(q.items, state.answers) : 0)}>
            {t(resumed ? 'measures.fill.continue' : 'measures.fill.start')}
          </Button>
        </div>
      </div>
    );
  } else if (state.position < total) {
    const item = q.items[state.position]!;
    body = (
      <div class="qfill__screen">
        {q.description ? <p class="qfill__stem">{q.description}</p> : null}
        <Question
          prefix={prefix}
          item={item}
          number={state.position + 1}
          total={total}
          value={state.answers[item.linkId] ?? null}
          onAnswer={answer}
          headingRef={setFocusTarget}
        />
        <div class="qfill__nav">
          <Button variant="secondary" onClick={() => go(state.position - 1)}>
            {t('measures.fill.back')}
          </Button>
          <Button onClick={() => go(state.position + 1)}>{t(state.position + 1 === total ? 'measures.fill.review' : 'measures.fill.next')}</Button>
        </div>
      </div>
    );
  } else {
    body = (
      <div class="qfill__screen">
        <h2 class="qfill__title" tabIndex={-1} ref={setFocusTarget}>
          {t('measures.fill.checkAndSend')}
        </h2>
        <p>
          {open.length === 0
            ? t('measures.fill.answeredAll', { count: total, name: props.shortName })
            : t('measures.fill.answeredSome', { answered: total - open.length, total })}
        </p>
        {open.length > 0 ? (
          <div class="qfill__open">
            <p>{t('measures.fill.notYet')}</p>
            <ul class="qfill__openlist">
              {open.map((item) => (
                <li key={item.linkId}>
                  <button type="button" class="qfill__jump" onClick={() => go(q.items.indexOf(item))}>
                    {t('measures.fill.jump', { item: item.linkId, text: item.text })}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {footer}
        <div class="qfill__nav">
          <Button variant="secondary" onClick={() => go(total - 1)}>
            {t('measures.fill.back')}
          </Button>
          {confirming ? null : (
            <Button busy={busy} busyLabel={props.busyLabel ?? t('measures.fill.sending')} onClick={() => void send(false)}>
              {props.submitLabel ?? t('measures.fill.send')}
            </Button>
          )}
        </div>
      </div>
    );
  }

  return (
    <div class="qfill qfill--one">
      {header}
      {live}
      {state.position < 0 ? resumeNote : null}
      {body}
      {about}
    </div>
  );
}

function Instructions({ text, count }: { text: string; count: number }) {
  const t = useT();
  return (
    <div class="qfill__instructions">
      {text ? <p class="qfill__description">{text}</p> : null}
      <p class="field__hint">{t('measures.fill.intro', { count })}</p>
    </div>
  );
}

function Question(props: {
  prefix: string;
  item: QuestionItem;
  number: number;
  total: number;
  value: number | null;
  onAnswer: (linkId: string, value: number) => void;
  headingRef?: ((el: HTMLElement | null) => void) | undefined;
}) {
  const { item } = props;
  const t = useT();
  const titleId = `${props.prefix}-q-${item.linkId}-title`;
  return (
    <fieldset class="qitem" aria-labelledby={titleId}>
      <h2 class="qitem__text" id={titleId} tabIndex={-1} ref={props.headingRef}>
        <span class="qitem__number">
          {props.number}
          <span class="visually-hidden"> {t('measures.fill.ofTotal', { total: props.total })}</span>
        </span>{' '}
        {item.text}
      </h2>
      <div class="qitem__options">
        {item.choices.map((c) => {
          const id = `${props.prefix}-q-${item.linkId}-${c.value}`;
          return (
            <label key={c.value} class="qoption" for={id}>
              <input
                id={id}
                type="radio"
                name={`${props.prefix}-q-${item.linkId}`}
                value={String(c.value)}
                checked={props.value === c.value}
                onChange={() => props.onAnswer(item.linkId, c.value)}
              />
              <span class="qoption__label">{c.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
