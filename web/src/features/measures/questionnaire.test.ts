import { describe, expect, it } from 'vitest';
import type { FhirQuestionnaire } from '../../api/types';
import {
  DRAFT_MAX_AGE_MS,
  answersForSubmit,
  clearDraft,
  describeUnanswered,
  draftKey,
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
  type DraftStorage,
} from './questionnaire';

const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const LABELS = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];

function phq(n = 9, version = 'kroenke-2001'): FhirQuestionnaire {
  return {
    resourceType: 'Questionnaire',
    id: 'phq9',
    version,
    title: 'Patient Health Questionnaire (PHQ-9)',
    description: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    item: Array.from({ length: n }, (_, i) => ({
      linkId: String(i + 1),
      text: `Item ${i + 1}`,
      type: 'choice',
      required: true,
      answerOption: LABELS.map((display, v) => ({
        valueCoding: { code: String(v), display },
        extension: [{ url: ORDINAL, valueDecimal: v }],
      })),
    })),
  };
}

function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

describe('parseQuestionnaire', () => {
  it('reads items, answer labels and ordinal values in order', () => {
    const q = parseQuestionnaire(phq());
    expect(q.items).toHaveLength(9);
    expect(q.description).toMatch(/^Over the last 2 weeks/);
    expect(q.items[0]!.choices).toEqual(LABELS.map((label, value) => ({ value, label })));
  });

  it('falls back to the code when there is no ordinal, and skips items it cannot offer', () => {
    const q = parseQuestionnaire({
      resourceType: 'Questionnaire',
      id: 'x',
      item: [
        { linkId: '1', type: 'choice', text: 'A', answerOption: [{ valueCoding: { code: '1', display: 'One' } }, { valueCoding: { code: '5', display: 'Five' } }] },
        { linkId: '2', type: 'display', text: 'Just text' },
        { linkId: '3', type: 'choice', text: 'C', answerOption: [{ valueCoding: { code: 'yes' } }] },
        { linkId: 'g', type: 'group', item: [{ linkId: '4', type: 'choice', answerOption: [{ valueInteger: 2 }] }] },
      ],
    });
    expect(q.items.map((i) => i.linkId)).toEqual(['1', '4']);
    expect(q.items[0]!.choices.map((c) => c.value)).toEqual([1, 5]);
    expect(q.items[1]!.text).toBe('Question 4');
    expect(q.title).toBe('x');
  });
});

describe('answer state and progress', () => {
  const q = parseQuestionnaire(phq());

  it('starts on the instructions, then counts "4 of 9" by position', () => {
    let s = initialState('one');
    expect(progress(s, q.items)).toMatchObject({ current: 0, label: 'Instructions', percent: 0 });
    s = moveTo(s, 3, q.items.length);
    expect(progress(s, q.items)).toMatchObject({ current: 4, total: 9, label: '4 of 9', percent: 44 });
    s = moveTo(s, 99, q.items.length);
    expect(s.position).toBe(9);
    expect(progress(s, q.items).label).toBe('0 of 9 answered');
    expect(moveTo(s, -5, q.items.length).position).toBe(-1);
  });

  it('counts answers on the one-page form', () => {
    let s = initialState('all');
    s = setAnswer(s, '1', 2);
    s = setAnswer(s, '2', 0);
    s = setAnswer(s, '3', null);
    expect(progress(s, q.items)).toMatchObject({ answered: 2, label: '2 of 9 answered', percent: 22 });
  });

  it('lists unanswered questions and sends every item, null where open', () => {
    let s = initialState('one');
    for (const id of ['1', '2', '4', '5', '6', '8', '9']) s = setAnswer(s, id, 1);
    s = setAnswer(s, '9', 0);
    expect(unanswered(q.items, s.answers).map((i) => i.linkId)).toEqual(['3', '7']);
    const sent = answersForSubmit(q.items, { ...s.answers, extra: 3 });
    expect(Object.keys(sent)).toHaveLength(9);
    expect(sent['3']).toBeNull();
    expect(sent['9']).toBe(0);
    expect(sent).not.toHaveProperty('extra');
  });

  it('asks for confirmation in a plain sentence only when something is open', () => {
    const all = Object.fromEntries(q.items.map((i) => [i.linkId, 0]));
    expect(missingConfirmation(q.items, all)).toBeNull();
    expect(missingConfirmation(q.items, { ...all, '3': null })).toBe(
      'Question 3 is not answered yet. You can go back and answer it, or send your answers as they are; unanswered questions are counted as missing.',
    );
    expect(describeUnanswered(q.items.slice(0, 3))).toBe('Questions 1, 2, and 3');
    expect(describeUnanswered(q.items.slice(0, 2))).toBe('Questions 1 and 2');
  });

  it('resumes at the first open question, or the review when all are answered', () => {
    expect(resumePosition(q.items, { '1': 0, '2': 1 })).toBe(2);
    expect(resumePosition(q.items, Object.fromEntries(q.items.map((i) => [i.linkId, 0])))).toBe(9);
  });
});

describe('drafts on the device', () => {
  const q = parseQuestionnaire(phq());
  const now = Date.parse('2026-11-28T10:00:00Z');

  it('keeps answers, position and mode until cleared', () => {
    const storage = memoryStorage();
    const key = draftKey({ link: 'secret-token' });
    let s = moveTo(setAnswer(setAnswer(initialState('one'), '1', 2), '2', 3), 2, 9);
    saveDraft(storage, key, q, s, now);
    expect(loadDraft(storage, key, q, now + 1000)).toEqual({ answers: { '1': 2, '2': 3 }, position: 2, mode: 'one' });
    clearDraft(storage, key);
    expect(loadDraft(storage, key, q, now)).toBeNull();
    s = initialState('all');
    saveDraft(storage, key, q, s, now);
    expect(loadDraft(storage, key, q, now)).toBeNull(); // nothing answered: nothing to resume
  });

  it('never stores a link token verbatim, and keeps clients and instruments apart', () => {
    const key = draftKey({ link: 'secret-token' });
    expect(key).not.toContain('secret-token');
    expect(draftKey({ client: 'c1', instrument: 'phq9' })).not.toBe(draftKey({ client: 'c2', instrument: 'phq9' }));
    expect(draftKey({ client: 'c1', instrument: 'phq9' })).not.toBe(draftKey({ client: 'c1', instrument: 'gad7' }));
  });

  it('drops drafts that are old, broken, for another version, or hold impossible values', () => {
    const storage = memoryStorage();
    const key = 'k';
    saveDraft(storage, key, q, setAnswer(initialState('one'), '1', 2), now);
    expect(loadDraft(storage, key, q, now + DRAFT_MAX_AGE_MS + 1)).toBeNull();
    expect(storage.map.has(key)).toBe(false);

    saveDraft(storage, key, q, setAnswer(initialState('one'), '1', 2), now);
    expect(loadDraft(storage, key, parseQuestionnaire(phq(9, 'other')), now)).toBeNull();

    storage.setItem(key, '{not json');
    expect(loadDraft(storage, key, q, now)).toBeNull();

    storage.setItem(key, JSON.stringify({ v: 1, instrument: 'phq9', version: 'kroenke-2001', saved_at: now, answers: { '1': 7, '2': 1, '99': 1 }, position: 40, mode: 'all' }));
    expect(loadDraft(storage, key, q, now)).toEqual({ answers: { '2': 1 }, position: 9, mode: 'all' });
  });

  it('keeps working when storage throws (private mode, full quota)', () => {
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => saveDraft(broken, 'k', q, setAnswer(initialState('one'), '1', 1), now)).not.toThrow();
    expect(loadDraft(broken, 'k', q, now)).toBeNull();
    expect(() => clearDraft(broken, 'k')).not.toThrow();
    expect(loadDraft(null, 'k', q, now)).toBeNull();
  });
});
