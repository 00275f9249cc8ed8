import { describe, expect, it } from 'vitest';
import {
  TEMPLATE_DEFS,
  answeredScales,
  emptyNoteDraft,
  filledFields,
  isBlank,
  noteDraftOf,
  switchTemplate,
  templateDef,
  toNewNote,
} from './templates';
import type { Note } from '../../shared/sessions/types';

const note = (over: Partial<Note>): Note => ({
  id: 'n1',
  session_id: 's1',
  client_id: 'c1',
  case_id: null,
  template: 'resource',
  fields: {},
  scales: [],
  resource_ids: [],
  assignment_ids: [],
  status: 'draft',
  author_id: 'u1',
  signed_at: null,
  signed_by: null,
  cosigned_at: null,
  cosigned_by: null,
  addenda: [],
  created_at: '2026-12-01T09:00:00Z',
  updated_at: '2026-12-01T09:00:00Z',
  ...over,
});

describe('templates', () => {
  it('puts the resource-oriented template first, with the contract’s fields in order', () => {
    expect(TEMPLATE_DEFS.map((t) => t.id)).toEqual(['resource', 'soap', 'dap']);
    expect(templateDef('resource').fields.map((f) => f.name)).toEqual([
      'exceptions',
      'coping',
      'scaling',
      'resources_observed',
      'interventions',
      'homework',
      'next_steps',
    ]);
    expect(templateDef('soap').fields.map((f) => f.name)).toEqual(['subjective', 'objective', 'assessment', 'plan']);
    expect(templateDef('dap').fields.map((f) => f.name)).toEqual(['data', 'assessment', 'plan']);
    expect(templateDef('nonsense').id).toBe('resource');
  });

  it('gives every field a label and a one-line question', () => {
    for (const t of TEMPLATE_DEFS) {
      for (const f of t.fields) {
        expect(f.label).toBeTruthy();
        expect(f.prompt).toMatch(/^[A-Z].+[.?]$/);
        expect(f.prompt).not.toMatch(/\n/);
      }
    }
    expect(templateDef('resource').fields[0]!.prompt).toBe('When was the problem absent or smaller? What was different?');
  });

  it('starts a resource-oriented draft with empty fields and unanswered scaling questions', () => {
    const d = emptyNoteDraft();
    expect(d.template).toBe('resource');
    expect(Object.keys(d.fields)).toHaveLength(7);
    expect(d.scales.length).toBeGreaterThan(0);
    expect(d.scales.every((s) => s.value === null)).toBe(true);
    expect(isBlank(d)).toBe(true);
    expect(emptyNoteDraft('soap').scales).toEqual([]);
  });

  it('stores only answered scales with a label: an unanswered question is not a 0', () => {
    expect(answeredScales([{ label: ' Progress ', value: 0 }, { label: 'Confidence', value: null }, { label: '  ', value: 4 }])).toEqual([{ label: 'Progress', value: 0 }]);
    const d = emptyNoteDraft();
    d.fields.exceptions = 'Tuesday was calm';
    d.scales[0]!.value = 6;
    expect(toNewNote(d)).toMatchObject({ template: 'resource', scales: [{ label: 'Progress towards the goal', value: 6 }] });
    expect(toNewNote(d).fields.exceptions).toBe('Tuesday was calm');
    expect(isBlank(d)).toBe(false);
  });

  it('opens a stored note with all its template’s fields, its answers, and the standard questions still open', () => {
    const scales = [
      { label: 'Calm', value: 7 },
      { label: 'Progress towards the goal', value: 6 },
    ];
    const d = noteDraftOf(note({ fields: { coping: 'Breathing' }, scales, resource_ids: ['r1'] }));
    expect(d.fields.coping).toBe('Breathing');
    expect(d.fields.exceptions).toBe('');
    expect(d.scales).toEqual([
      { label: 'Calm', value: 7 },
      { label: 'Progress towards the goal', value: 6 },
      { label: 'Confidence to keep going', value: null },
    ]);
    expect(noteDraftOf(note({ template: 'soap', scales: [] })).scales).toEqual([]);
    expect(d.resource_ids).toEqual(['r1']);
    expect(noteDraftOf(note({})).scales.length).toBeGreaterThan(0);
  });

  it('keeps shared fields when the template is switched', () => {
    const soap = emptyNoteDraft('soap');
    soap.fields.assessment = 'Stable';
    soap.fields.subjective = 'Tired';
    const dap = switchTemplate(soap, 'dap');
    expect(dap.fields).toEqual({ data: '', assessment: 'Stable', plan: '' });
  });

  it('lists the filled fields in the template’s order for reading', () => {
    const n = note({ template: 'soap', fields: { plan: 'Next week', subjective: 'Better', objective: ' ' } });
    expect(filledFields(n).map((f) => f.label)).toEqual(['Subjective', 'Plan']);
  });
});

describe('the risk group on every template', () => {
  it('is read from fields.risk, kept across a template switch and sent only once something is chosen', () => {
    const d = noteDraftOf(note({ template: 'soap', fields: { plan: 'x', risk: { to_self: 'low', to_others: 'none', plan: '' } } }));
    expect(d.risk).toEqual({ to_self: 'low', to_others: 'none', plan: '' });
    expect(d.fields.risk).toBeUndefined();
    expect(toNewNote(d).fields.risk).toEqual({ to_self: 'low', to_others: 'none', plan: '' });
    expect(switchTemplate(d, 'dap').risk).toEqual(d.risk);
    expect(toNewNote(emptyNoteDraft('dap')).fields).not.toHaveProperty('risk');
    expect(isBlank({ ...emptyNoteDraft(), risk: { to_self: 'none', to_others: null, plan: '' } })).toBe(false);
    expect(filledFields(note({ fields: { exceptions: 'Slept well', risk: { to_self: 'none', to_others: 'none', plan: '' } } })).map((f) => f.name)).toEqual([
      'exceptions',
    ]);
  });
});
