import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, setLocale } from '../../shared/i18n';
import { riskProblem, riskSummary } from './risk';
import { moreLabel } from './timeline';
import { durationLabel, noteSummary } from './wording';

// The risk group and the schedule's words in Polish and German: the clinical terms, and plurals
// and numbers in each language's own way.
describe('sessions in Polish and German', () => {
  beforeAll(async () => {
    await loadCatalogue('pl');
    await loadCatalogue('de');
  });
  afterAll(async () => {
    await setLocale('en');
  });

  it('names risk to self and to others as clinicians do, and the plan as what keeps the client safe', async () => {
    await setLocale('de');
    expect(riskSummary({ to_self: 'moderate', to_others: 'none', plan: 'Krisenplan besprochen' })).toBe(
      'Selbstgefährdung: mäßig · Fremdgefährdung: keine. Vorgehen: Krisenplan besprochen',
    );
    expect(riskProblem({ to_self: 'high', to_others: 'moderate', plan: '' }, false)).toBe(
      'Beschreiben Sie das Vorgehen: Die Selbstgefährdung ist hoch und die Fremdgefährdung mäßig.',
    );
    await setLocale('pl');
    expect(riskSummary({ to_self: 'low', to_others: null, plan: '' })).toBe('Zagrożenie dla siebie: niskie · zagrożenie dla innych: nie oceniono');
    expect(riskProblem({ to_self: 'none', to_others: 'high', plan: ' ' }, false)).toBe('Opisz plan postępowania: zagrożenie dla innych jest wysokie.');
    expect(riskProblem({ to_self: null, to_others: null, plan: '' }, true)).toMatch(/oceń zagrożenie dla siebie i dla innych\.$/);
  });

  it('counts with each language’s plurals and writes its numbers', async () => {
    await setLocale('pl');
    expect([1, 3, 6, 22].map((n) => moreLabel('rating', n))).toEqual([
      'Pokaż jeszcze 1 ocenę zasobu',
      'Pokaż jeszcze 3 oceny zasobów',
      'Pokaż jeszcze 6 ocen zasobów',
      'Pokaż jeszcze 22 oceny zasobów',
    ]);
    expect([60, 90, 120, 300].map(durationLabel)).toEqual(['1 godzina', '1,5 godziny', '2 godziny', '5 godzin']);
    expect(noteSummary([{ status: 'signed' }, { status: 'signed' }]).label).toBe('Notatki podpisane');
    await setLocale('de');
    expect(durationLabel(90)).toBe('1,5 Stunden');
    expect(durationLabel(50)).toBe('50 Min.');
    expect(moreLabel('score', 1)).toBe('1 weiteren Fragebogen anzeigen');
  });
});
