import { t, type MessageKey } from '../../shared/i18n';
import { emptyRisk, riskIsEmpty, riskOf } from './risk';
import type { NewNote, Note, NoteFields, NoteRisk, Scale, Template } from '../../shared/sessions/types';

/**
 * The three note templates. The resource-oriented one comes first and is the default: it asks
 * about exceptions, coping and resources before anything else, in words that look for what works.
 */

export interface FieldDef {
  name: string;
  label: string;
  /** One line under the label: the question the field answers. */
  prompt: string;
}

export interface TemplateDef {
  id: Template;
  label: string;
  description: string;
  fields: readonly FieldDef[];
}

/** A field of a template; its label and question are read from the catalogue when asked for. */
function field(name: string, label: MessageKey, prompt: MessageKey): FieldDef {
  return {
    name,
    get label() {
      return t(label);
    },
    get prompt() {
      return t(prompt);
    },
  };
}

function template(id: Template, label: MessageKey, description: MessageKey, fields: readonly FieldDef[]): TemplateDef {
  return {
    id,
    get label() {
      return t(label);
    },
    get description() {
      return t(description);
    },
    fields,
  };
}

// SOAP and DAP share "assessment" and "plan" (the same words, so text moves between them).
const ASSESSMENT = field('assessment', 'sessions.field.assessment', 'sessions.field.assessment.prompt');
const PLAN = field('plan', 'sessions.field.plan', 'sessions.field.plan.prompt');

export const TEMPLATE_DEFS: readonly TemplateDef[] = [
  template('resource', 'sessions.template.resource', 'sessions.template.resource.description', [
    field('exceptions', 'sessions.field.exceptions', 'sessions.field.exceptions.prompt'),
    field('coping', 'sessions.field.coping', 'sessions.field.coping.prompt'),
    field('scaling', 'sessions.field.scaling', 'sessions.field.scaling.prompt'),
    field('resources_observed', 'sessions.field.resources_observed', 'sessions.field.resources_observed.prompt'),
    field('interventions', 'sessions.field.interventions', 'sessions.field.interventions.prompt'),
    field('homework', 'sessions.field.homework', 'sessions.field.homework.prompt'),
    field('next_steps', 'sessions.field.next_steps', 'sessions.field.next_steps.prompt'),
  ]),
  template('soap', 'sessions.template.soap', 'sessions.template.soap.description', [
    field('subjective', 'sessions.field.subjective', 'sessions.field.subjective.prompt'),
    field('objective', 'sessions.field.objective', 'sessions.field.objective.prompt'),
    ASSESSMENT,
    PLAN,
  ]),
  template('dap', 'sessions.template.dap', 'sessions.template.dap.description', [
    field('data', 'sessions.field.data', 'sessions.field.data.prompt'),
    ASSESSMENT,
    PLAN,
  ]),
];

export const DEFAULT_TEMPLATE: Template = 'resource';

export function templateDef(id: string): TemplateDef {
  return TEMPLATE_DEFS.find((t) => t.id === id) ?? TEMPLATE_DEFS[0]!;
}

export function templateLabel(id: string): string {
  return TEMPLATE_DEFS.find((t) => t.id === id)?.label ?? id;
}

/** Does this template have the 0–10 scales, resource chips and homework picker? */
export function hasResourceTools(id: Template): boolean {
  return id === 'resource';
}

/**
 * The scaling questions offered in a new resource-oriented note, in the therapist's language (they
 * become the note's own words once answered); the therapist may rename, add or remove.
 */
export function defaultScales(): string[] {
  return [t('sessions.scale.default.progress'), t('sessions.scale.default.confidence')];
}

export const MAX_SCALES = 8;
export const MAX_SCALE_LABEL = 200;

/** A scaling question in the editor: it may not have an answer yet. */
export interface ScaleDraft {
  label: string;
  value: number | null;
}

/** The editor's state for one note. */
export interface NoteDraft {
  template: Template;
  fields: Record<string, string>;
  scales: ScaleDraft[];
  resource_ids: string[];
  assignment_ids: string[];
  /** Every template has the risk group (`fields.risk`). */
  risk: NoteRisk;
}

export function emptyNoteDraft(template: Template = DEFAULT_TEMPLATE): NoteDraft {
  return {
    template,
    fields: Object.fromEntries(templateDef(template).fields.map((f) => [f.name, ''])),
    scales: hasResourceTools(template) ? defaultScales().map((label) => ({ label, value: null })) : [],
    resource_ids: [],
    assignment_ids: [],
    risk: emptyRisk(),
  };
}

/**
 * A stored note as the editor shows it: every field of its template, its answered scales, and the
 * standard scaling questions not yet answered (only answers are stored, so they are offered again).
 */
export function noteDraftOf(note: Note): NoteDraft {
  const base = emptyNoteDraft(note.template);
  const fields = { ...base.fields };
  for (const [k, v] of Object.entries(note.fields ?? {})) if (typeof v === 'string') fields[k] = v;
  const scales: ScaleDraft[] = (note.scales ?? []).map((s) => ({ label: s.label, value: s.value }));
  const asked = new Set(scales.map((s) => s.label.trim().toLowerCase()));
  return {
    template: note.template,
    fields,
    scales: [...scales, ...base.scales.filter((s) => !asked.has(s.label.toLowerCase()))],
    resource_ids: [...(note.resource_ids ?? [])],
    assignment_ids: [...(note.assignment_ids ?? [])],
    risk: riskOf(note.fields?.risk),
  };
}

/** Only answered scales with a label are stored: an unanswered question is not a 0. */
export function answeredScales(scales: readonly ScaleDraft[]): Scale[] {
  return scales
    .filter((s): s is Scale => s.value !== null && s.label.trim() !== '')
    .map((s) => ({ label: s.label.trim(), value: s.value }));
}

/** The texts and, once something is chosen, the risk group, as the API stores them. */
export function noteFieldsOf(d: NoteDraft): NoteFields {
  return riskIsEmpty(d.risk) ? { ...d.fields } : { ...d.fields, risk: { ...d.risk } };
}

export function toNewNote(d: NoteDraft): NewNote {
  return {
    template: d.template,
    fields: noteFieldsOf(d),
    scales: answeredScales(d.scales),
    resource_ids: [...d.resource_ids],
    assignment_ids: [...d.assignment_ids],
  };
}

/** True when nothing has been written or chosen yet (so the template can still be switched freely). */
export function isBlank(d: NoteDraft): boolean {
  return (
    Object.values(d.fields).every((v) => v.trim() === '') &&
    answeredScales(d.scales).length === 0 &&
    d.resource_ids.length === 0 &&
    d.assignment_ids.length === 0 &&
    riskIsEmpty(d.risk)
  );
}

/** Switches template, keeping text of fields both templates share (SOAP and DAP share assessment and plan). */
export function switchTemplate(d: NoteDraft, to: Template): NoteDraft {
  const next = emptyNoteDraft(to);
  for (const f of templateDef(to).fields) if (d.fields[f.name]) next.fields[f.name] = d.fields[f.name]!;
  next.risk = { ...d.risk };
  return next;
}

/** The filled fields of a note in its template's order (for the read-only view); unknown fields at the end. */
export function filledFields(note: Pick<Note, 'template' | 'fields'>): { name: string; label: string; text: string }[] {
  const def = templateDef(note.template);
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const known = def.fields
    .filter((f) => text(note.fields[f.name]).trim() !== '')
    .map((f) => ({ name: f.name, label: f.label, text: text(note.fields[f.name]) }));
  // The risk group is an object, shown on its own; only other texts count here.
  const extra = Object.entries(note.fields)
    .filter(([k, v]) => !def.fields.some((f) => f.name === k) && typeof v === 'string' && v.trim() !== '')
    .map(([k, v]) => ({ name: k, label: k.replace(/_/g, ' '), text: text(v) }));
  return [...known, ...extra];
}
