import { useT } from '../../shared/i18n';
import { ToggleChip } from '../../shared/ui/ToggleChip';
import type { NoteRisk, RiskLevel } from '../../shared/sessions/types';
import { MAX_RISK_PLAN, RISK_LEVEL_OPTIONS, needsPlan, riskIsEmpty, riskLevelLabel } from './risk';

export const RISK_GROUP_ID = 'note-risk';

function LevelChoice(props: {
  name: 'to_self' | 'to_others';
  label: string;
  value: RiskLevel | null;
  onChange: (v: RiskLevel | null) => void;
}) {
  const t = useT();
  const base = `${RISK_GROUP_ID}-${props.name}`;
  return (
    <fieldset class="srisk__level" id={base}>
      <legend class="srisk__legend">{props.label}</legend>
      <div class="srisk__chips">
        {RISK_LEVEL_OPTIONS.map((o) => (
          <ToggleChip
            key={o.value}
            chipClass={`choice srisk__chip srisk__chip--${o.value}`}
            id={`${base}-${o.value}`}
            type="radio"
            name={base}
            value={o.value}
            checked={props.value === o.value}
            onToggle={() => props.onChange(o.value)}
          >
            {o.label}
          </ToggleChip>
        ))}
      </div>
      {props.value !== null ? (
        <button type="button" class="linklike srisk__clear" onClick={() => props.onChange(null)}>
          {t('sessions.risk.clear')}
          <span class="visually-hidden"> {t(props.name === 'to_self' ? 'sessions.risk.clearSelf' : 'sessions.risk.clearOthers')}</span>
        </button>
      ) : (
        <span class="field__hint">{t('sessions.risk.notAssessedYet')}</span>
      )}
    </fieldset>
  );
}

/**
 * The risk group of every note: risk to self and to others as radio chips, and the plan. Its
 * problems (from signing) are shown inside and announced with the group.
 */
export function RiskGroup(props: {
  risk: NoteRisk;
  onChange: (next: NoteRisk) => void;
  onBlur: () => void;
  error: string | null;
  /** The client has an open risk alert: say so before signing is tried. */
  alertOpen: boolean;
}) {
  const t = useT();
  const { risk } = props;
  const planNeeded = needsPlan(risk);
  // The plan is marked only when it is what the signing is waiting for.
  const planMissing = !!props.error && planNeeded && risk.plan.trim() === '';
  const described = [`${RISK_GROUP_ID}-hint`, props.error ? `${RISK_GROUP_ID}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset class={`field srisk${props.error ? ' srisk--invalid' : ''}`} id={RISK_GROUP_ID} aria-describedby={described} tabIndex={-1}>
      <legend class="field__label snote__label">{t('sessions.risk.title')}</legend>
      <p class="field__hint" id={`${RISK_GROUP_ID}-hint`}>
        {t('sessions.risk.hint')}
        {props.alertOpen ? ` ${t('sessions.risk.hintAlert')}` : ''}
      </p>
      {props.error ? (
        <p class="field__error" id={`${RISK_GROUP_ID}-error`}>
          {props.error}
        </p>
      ) : null}
      <div class="srisk__levels">
        <LevelChoice name="to_self" label={t('sessions.risk.self')} value={risk.to_self} onChange={(v) => props.onChange({ ...risk, to_self: v })} />
        <LevelChoice name="to_others" label={t('sessions.risk.others')} value={risk.to_others} onChange={(v) => props.onChange({ ...risk, to_others: v })} />
      </div>
      <div class={`field srisk__plan${planMissing ? ' field--invalid' : ''}`}>
        <label class="field__label" for={`${RISK_GROUP_ID}-plan`}>
          {t('sessions.risk.plan')}
          {planNeeded ? null : <span class="field__optional"> {t('field.optional')}</span>}
        </label>
        <p class="field__hint" id={`${RISK_GROUP_ID}-plan-hint`}>
          {t(planNeeded ? 'sessions.risk.planNeeded' : 'sessions.risk.planExample')}
        </p>
        <textarea
          id={`${RISK_GROUP_ID}-plan`}
          class="field__input field__textarea"
          rows={2}
          maxLength={MAX_RISK_PLAN + 200}
          value={risk.plan}
          onInput={(e) => props.onChange({ ...risk, plan: (e.currentTarget as HTMLTextAreaElement).value })}
          onBlur={props.onBlur}
          aria-describedby={`${RISK_GROUP_ID}-plan-hint`}
          aria-invalid={planMissing ? 'true' : undefined}
        />
      </div>
    </fieldset>
  );
}

/** The risk group as it was written, for reading (a signed note, a colleague's draft). */
export function RiskRead({ risk, signed }: { risk: NoteRisk; signed: boolean }) {
  const t = useT();
  if (riskIsEmpty(risk)) {
    return signed ? (
      <div class="snote__extra srisk-read">
        <h3 class="snote__subtitle">{t('sessions.risk.title')}</h3>
        <p>{t('sessions.risk.notAssessedInNote')}</p>
      </div>
    ) : null;
  }
  const level = (l: RiskLevel | null) => (l ? riskLevelLabel(l) : t('sessions.risk.notAssessed'));
  return (
    <div class="snote__extra srisk-read">
      <h3 class="snote__subtitle">{t('sessions.risk.title')}</h3>
      <dl class="srisk-read__list">
        <div class={`srisk-read__row srisk-read__row--${risk.to_self ?? 'unset'}`}>
          <dt>{t('sessions.risk.self')}</dt>
          <dd>{level(risk.to_self)}</dd>
        </div>
        <div class={`srisk-read__row srisk-read__row--${risk.to_others ?? 'unset'}`}>
          <dt>{t('sessions.risk.others')}</dt>
          <dd>{level(risk.to_others)}</dd>
        </div>
        {risk.plan.trim() ? (
          <div class="srisk-read__row srisk-read__row--plan">
            <dt>{t('sessions.risk.plan')}</dt>
            <dd>{risk.plan}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
