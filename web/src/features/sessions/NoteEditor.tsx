import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Owner } from '../../api/trove';
import { useSession } from '../../shared/session';
import { Button } from '../../shared/ui/Button';
import { CardHead } from '../../shared/ui/CardHead';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { t as translateNow, useT, type Translate } from '../../shared/i18n';
import { useSessionsApi } from '../../shared/sessions/api';
import { Autosaver, mergeNotePatch, type SaveStatus } from './autosave';
import { HomeworkLinker, ResourceLinker, ScaleEditor, type Member } from './NoteTools';
import { RISK_GROUP_ID, RiskGroup } from './RiskGroup';
import { riskIsEmpty, riskRequiredSentence, riskOf, riskProblem, riskSummary, sameRisk } from './risk';
import {
  TEMPLATE_DEFS,
  answeredScales,
  emptyNoteDraft,
  hasResourceTools,
  isBlank,
  noteDraftOf,
  noteFieldsOf,
  switchTemplate,
  templateDef,
  templateLabel,
  toNewNote,
  type NoteDraft,
  type ScaleDraft,
} from './templates';
import type { Note, NotePatch, NoteRisk, Session, Template } from '../../shared/sessions/types';
import { savedAtLabel } from './wording';

const FORM = 'note';

/**
 * Text that could not be saved is also kept in this tab's sessionStorage until a save succeeds, so
 * that moving to another page or reloading after a failed save does not lose it. Only then, only in
 * this tab (the browser drops it when the tab closes), and removed as soon as the server has it.
 */
interface Rescue {
  note_id: string | null;
  draft: NoteDraft;
}

function rescueKey(sessionId: string): string {
  return `trove.noteRescue.${sessionId}`;
}

function readRescue(sessionId: string, noteId: string | null): NoteDraft | null {
  try {
    const text = sessionStorage.getItem(rescueKey(sessionId));
    if (!text) return null;
    const r = JSON.parse(text) as Rescue;
    if (r.note_id !== null && r.note_id !== noteId) return null;
    return r.draft;
  } catch {
    return null;
  }
}

function writeRescue(sessionId: string, rescue: Rescue | null): void {
  try {
    if (rescue) sessionStorage.setItem(rescueKey(sessionId), JSON.stringify(rescue));
    else sessionStorage.removeItem(rescueKey(sessionId));
  } catch {
    // Storage full or disabled: the text still stays on screen and the saves keep being retried.
  }
}

function fullPatch(d: NoteDraft): NotePatch {
  return { fields: noteFieldsOf(d), scales: answeredScales(d.scales), resource_ids: [...d.resource_ids], assignment_ids: [...d.assignment_ids] };
}

function statusText(t: Translate, s: SaveStatus, created: boolean): string {
  switch (s.kind) {
    case 'idle':
      return t(created ? 'sessions.note.allSaved' : 'sessions.note.savedOnceWriting');
    case 'pending':
    case 'saving':
      return t('sessions.saving');
    case 'saved':
      return savedAtLabel(s.at);
    case 'error':
      return t(s.retrying ? 'sessions.note.notSavedYet' : 'sessions.note.notSaved');
  }
}

/**
 * Writing the note of a session: template, one field per heading with its question, the resource
 * tools (scales, resources, homework), saving by itself, and signing.
 */
export function NoteEditor(props: {
  session: Session;
  note: Note | null;
  owner: Owner;
  members: readonly Member[];
  onSaved: (note: Note) => void;
  onSigned: (note: Note) => void;
}) {
  const t = useT();
  const sapi = useSessionsApi();
  const { api } = useSession();
  const sessionId = props.session.id;
  const [restored] = useState(() => readRescue(sessionId, props.note?.id ?? null));
  const [draft, setDraftState] = useState<NoteDraft>(() => restored ?? (props.note ? noteDraftOf(props.note) : emptyNoteDraft()));
  const draftRef = useRef(draft);
  const noteIdRef = useRef<string | null>(props.note?.id ?? null);
  const storedRef = useRef<Note | null>(props.note);
  // The saver lives as long as the editor; it must call the page's current callback, not the first one.
  const onSavedRef = useRef(props.onSaved);
  onSavedRef.current = props.onSaved;
  const [created, setCreated] = useState(props.note !== null);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const [signing, setSigning] = useState(false);
  const [signError, setSignError] = useState<string | null>(null);
  const [lockedOut, setLockedOut] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const signButtonArea = useRef<HTMLDivElement>(null);
  const [riskError, setRiskError] = useState<string | null>(null);
  // Both risk ratings are needed when the client has an open risk alert (the server also decides
  // this at signing, for alerts open around the session, and answers 409 risk_required).
  const [riskRequired, setRiskRequired] = useState(false);
  const [alertOpen, setAlertOpen] = useState(false);

  useEffect(() => {
    const clientId = props.session.client_id;
    if (!clientId) return;
    let live = true;
    api
      .listAlerts()
      .then((r) => {
        const open = r.items.some((a) => a.client_id === clientId && (a.kind === 'critical_item' || a.kind === 'low_mood') && !a.acknowledged);
        if (live && open) {
          setAlertOpen(true);
          setRiskRequired(true);
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [props.session.client_id]);

  const focusRisk = () => {
    const group = document.getElementById(RISK_GROUP_ID);
    if (!group) return;
    group.scrollIntoView({ block: 'center' });
    // The first rating still missing, else the plan; the group's error is read with it.
    const missing = (['to_self', 'to_others'] as const).find((n) => !group.querySelector(`input[name="${RISK_GROUP_ID}-${n}"]:checked`));
    const target = missing ? group.querySelector<HTMLInputElement>(`input[name="${RISK_GROUP_ID}-${missing}"]`) : document.getElementById(`${RISK_GROUP_ID}-plan`);
    (target ?? group).focus();
  };

  const saverRef = useRef<Autosaver<NotePatch> | null>(null);
  if (saverRef.current === null) {
    saverRef.current = new Autosaver<NotePatch>({
      merge: mergeNotePatch,
      onStatus: setStatus,
      save: async (patch) => {
        if (noteIdRef.current === null) {
          // The draft is created with its first words, so the template can be changed until then.
          if (isBlank(draftRef.current)) return;
          const note = await sapi.createNote(sessionId, toNewNote(draftRef.current));
          noteIdRef.current = note.id;
          storedRef.current = note;
          setCreated(true);
          onSavedRef.current(note);
          return;
        }
        const note = await sapi.updateNote(noteIdRef.current, patch);
        storedRef.current = note;
        onSavedRef.current(note);
      },
    });
  }
  const saver = saverRef.current;

  // Keep or drop the rescue copy with each outcome.
  useEffect(() => {
    if (status.kind === 'error') writeRescue(sessionId, { note_id: noteIdRef.current, draft: draftRef.current });
    else if (status.kind === 'saved') writeRescue(sessionId, null);
    if (status.kind === 'error' && status.code === 'note_signed') setLockedOut(unsavedText(draftRef.current, storedRef.current));
  }, [status]);

  useEffect(() => {
    if (restored) saver.change(fullPatch(restored));
    const online = () => saver.retryNow();
    const hidden = () => {
      if (document.visibilityState === 'hidden') void saver.flush().catch(() => undefined);
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!saver.unsaved) return;
      void saver.flush().catch(() => undefined);
      // Asks the browser to confirm leaving while words are still on their way.
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('visibilitychange', hidden);
      // Leaving the page inside the app: save what is left, then stop.
      void saver
        .flush()
        .catch(() => undefined)
        .finally(() => saver.dispose());
    };
  }, []);

  const update = (next: NoteDraft, patch: NotePatch) => {
    draftRef.current = next;
    setDraftState(next);
    setSignError(null);
    saver.change(patch);
  };

  const setField = (name: string, value: string) => update({ ...draftRef.current, fields: { ...draftRef.current.fields, [name]: value } }, { fields: { [name]: value } });
  const setScales = (scales: ScaleDraft[]) => update({ ...draftRef.current, scales }, { scales: answeredScales(scales) });
  const setResources = (ids: string[]) => update({ ...draftRef.current, resource_ids: ids }, { resource_ids: ids });
  const setAssignments = (ids: string[]) => update({ ...draftRef.current, assignment_ids: ids }, { assignment_ids: ids });
  const setRisk = (risk: NoteRisk) => {
    update({ ...draftRef.current, risk }, { fields: { risk } });
    // A problem shown from signing follows the change, and goes once it is solved.
    if (riskError) setRiskError(riskProblem(risk, riskRequired));
  };

  const chooseTemplate = (t: Template) => {
    const next = switchTemplate(draftRef.current, t);
    draftRef.current = next;
    setDraftState(next);
  };

  // The explanation is read first when the confirmation opens; closing it returns to "Sign note…".
  // After a refusal for the risk group, the focus goes there instead.
  const wasConfirming = useRef(false);
  const riskFocusNext = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (riskFocusNext.current) {
      riskFocusNext.current = false;
      focusRisk();
    } else if (wasConfirming.current) signButtonArea.current?.querySelector('button')?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const sign = async () => {
    setSigning(true);
    setSignError(null);
    try {
      if (isBlank(draftRef.current)) {
        setSignError(t('sessions.note.writeFirst'));
        setConfirming(false);
        return;
      }
      const problem = riskProblem(draftRef.current.risk, riskRequired);
      if (problem) {
        setRiskError(problem);
        setSignError(t('sessions.note.seeRisk'));
        riskFocusNext.current = true;
        setConfirming(false);
        return;
      }
      await saver.flush();
      if (noteIdRef.current === null) throw new Error('the note was not created');
      await sapi.signNote(noteIdRef.current);
      const signed = await sapi.getNote(noteIdRef.current);
      writeRescue(sessionId, null);
      saver.dispose();
      props.onSigned(signed);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'risk_required') {
        setRiskRequired(true);
        setRiskError(riskProblem(draftRef.current.risk, true) ?? riskRequiredSentence());
        setSignError(t('sessions.note.seeRisk'));
        riskFocusNext.current = true;
        setConfirming(false);
        return;
      }
      setConfirming(false);
      setSignError(t('sessions.note.notSigned', { error: messageOf(err) }));
    } finally {
      setSigning(false);
    }
  };

  const def = templateDef(draft.template);
  const tools = hasResourceTools(draft.template);
  const blank = isBlank(draft);
  const templateFixed = created || !blank;

  if (lockedOut !== null) {
    return (
      <section class="card snote" aria-labelledby="note-locked-title">
        <h2 id="note-locked-title" class="card__title">
          {t('sessions.note.lockedTitle')}
        </h2>
        <p>{t('sessions.note.lockedBody')}</p>
        <label class="field__label" for="note-unsaved">
          {t('sessions.note.unsavedLabel')}
        </label>
        <textarea id="note-unsaved" class="field__input field__textarea" readOnly rows={6} value={lockedOut} />
        <div class="form__actions">
          <Button
            onClick={async () => {
              writeRescue(sessionId, null);
              if (noteIdRef.current) props.onSigned(await sapi.getNote(noteIdRef.current));
            }}
          >
            {t('sessions.note.showSigned')}
          </Button>
        </div>
      </section>
    );
  }

  return (
    <section class="card snote snote--editing" aria-labelledby="note-title">
      <CardHead headClass="snote__head" id="note-title" title={t('sessions.note.title')}>
        <span class="snotetag snotetag--draft">{t(created ? 'sessions.view.draftTag' : 'sessions.note.notStarted')}</span>
      </CardHead>
      {restored ? (
        <Notice message={t('sessions.note.restored')} tone="info" />
      ) : null}

      {templateFixed ? (
        <p class="snote__template">
          {t('sessions.note.template')} <strong>{templateLabel(draft.template)}</strong>
          {created ? null : <span class="field__hint"> {t('sessions.note.templateFixed')}</span>}
        </p>
      ) : (
        <fieldset class="field stemplates">
          <legend class="field__label">{t('sessions.note.templateLegend')}</legend>
          <div class="stemplates__options">
            {TEMPLATE_DEFS.map((t) => (
              <label key={t.id} class="stemplate" for={`${FORM}-template-${t.id}`}>
                <input
                  id={`${FORM}-template-${t.id}`}
                  type="radio"
                  name={`${FORM}-template`}
                  checked={draft.template === t.id}
                  onChange={() => chooseTemplate(t.id)}
                  aria-labelledby={`${FORM}-template-${t.id}-title`}
                  aria-describedby={`${FORM}-template-${t.id}-desc`}
                />
                <span class="stemplate__text">
                  <span class="stemplate__title" id={`${FORM}-template-${t.id}-title`}>
                    {t.label}
                  </span>
                  <span class="stemplate__desc" id={`${FORM}-template-${t.id}-desc`}>
                    {t.description}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      <div class="snote__fields">
        {def.fields.map((f) => {
          const id = `${FORM}-${f.name}`;
          return (
            <div class="field snote__field" key={f.name}>
              <label class="field__label snote__label" for={id}>
                {f.label}
              </label>
              <p class="field__hint" id={`${id}-hint`}>
                {f.prompt}
              </p>
              <textarea
                id={id}
                name={f.name}
                class="field__input field__textarea snote__text"
                rows={3}
                value={draft.fields[f.name] ?? ''}
                onInput={(e) => setField(f.name, (e.currentTarget as HTMLTextAreaElement).value)}
                onBlur={() => void saver.flush().catch(() => undefined)}
                aria-describedby={`${id}-hint`}
              />
              {tools && f.name === 'scaling' ? <ScaleEditor form={FORM} scales={draft.scales} onChange={setScales} /> : null}
              {tools && f.name === 'resources_observed' ? <ResourceLinker form={FORM} owner={props.owner} selected={draft.resource_ids} onChange={setResources} /> : null}
              {tools && f.name === 'homework' ? <HomeworkLinker form={FORM} members={props.members} selected={draft.assignment_ids} onChange={setAssignments} /> : null}
            </div>
          );
        })}
      </div>

      <RiskGroup
        risk={draft.risk}
        onChange={setRisk}
        onBlur={() => void saver.flush().catch(() => undefined)}
        error={riskError}
        alertOpen={alertOpen}
      />

      <div class="snote__bar">
        <p class={`snote__saved snote__saved--${status.kind}`} role="status" aria-live="polite" aria-atomic="true">
          {statusText(t, status, created)}
        </p>
        <ErrorMessage message={status.kind === 'error' ? status.message : null} />
        {status.kind === 'error' && !status.retrying ? (
          <Button small variant="secondary" onClick={() => saver.retryNow()}>
            {t('sessions.note.retry')}
          </Button>
        ) : null}
        <ErrorMessage message={signError} />
        {confirming ? (
          <div
            class="spanel sconfirm"
            role="group"
            aria-labelledby="sign-confirm-text"
            tabIndex={-1}
            ref={confirmRef}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && !signing) setConfirming(false);
            }}
          >
            <p id="sign-confirm-text">
              <strong>{t('sessions.note.signQuestion')}</strong> {t('sessions.note.signExplain')}
            </p>
            <div class="form__actions">
              <Button busy={signing} busyLabel={t('sessions.note.signing')} onClick={() => void sign()}>
                {t('sessions.note.sign')}
              </Button>
              <Button variant="quiet" onClick={() => setConfirming(false)} disabled={signing}>
                {t('sessions.note.keepEditing')}
              </Button>
            </div>
          </div>
        ) : (
          <div class="form__actions" ref={signButtonArea}>
            <Button variant="secondary" onClick={() => setConfirming(true)} disabled={blank}>
              {t('sessions.note.signOpen')}
            </Button>
            {blank ? <span class="field__hint">{t('sessions.note.blankHint')}</span> : null}
          </div>
        )}
      </div>
    </section>
  );
}

/** What the editor holds that the stored note does not, as plain text for an addendum. */
function unsavedText(d: NoteDraft, stored: Note | null): string {
  const def = templateDef(d.template);
  const texts = def.fields
    .filter((f) => (d.fields[f.name] ?? '').trim() !== '' && d.fields[f.name] !== stored?.fields?.[f.name])
    .map((f) => `${f.label}: ${d.fields[f.name]!.trim()}`);
  if (!riskIsEmpty(d.risk) && !sameRisk(d.risk, riskOf(stored?.fields?.risk))) texts.push(translateNow('sessions.note.unsavedRisk', { summary: riskSummary(d.risk) }));
  return texts.join('\n\n');
}
