import { describe, expect, it } from 'vitest';
import { RISK_LEVEL_OPTIONS, emptyRisk, needsPlan, riskIsEmpty, riskOf, riskProblem, riskSummary } from './risk';

describe('risk group', () => {
  it('offers none, low, moderate and high', () => {
    expect(RISK_LEVEL_OPTIONS.map((o) => o.label)).toEqual(['None', 'Low', 'Moderate', 'High']);
  });

  it('reads a stored risk and treats anything else as not assessed', () => {
    expect(riskOf({ to_self: 'low', to_others: 'none', plan: 'Call on Friday' })).toEqual({ to_self: 'low', to_others: 'none', plan: 'Call on Friday' });
    expect(riskOf({ to_self: 'extreme', to_others: null })).toEqual(emptyRisk());
    expect(riskOf('high')).toEqual(emptyRisk());
    expect(riskOf(undefined)).toEqual(emptyRisk());
    expect(riskIsEmpty(emptyRisk())).toBe(true);
    expect(riskIsEmpty({ ...emptyRisk(), to_others: 'none' })).toBe(false);
  });

  it('needs a plan when either risk is moderate or high', () => {
    expect(needsPlan({ to_self: 'low', to_others: 'none', plan: '' })).toBe(false);
    expect(needsPlan({ to_self: 'none', to_others: 'moderate', plan: '' })).toBe(true);
    expect(riskProblem({ to_self: 'high', to_others: 'none', plan: ' ' }, false)).toBe('Write the plan: the risk to self is high.');
    expect(riskProblem({ to_self: 'moderate', to_others: 'high', plan: '' }, false)).toBe(
      'Write the plan: the risk to self is moderate and to others is high.',
    );
    expect(riskProblem({ to_self: 'high', to_others: 'none', plan: 'Safety plan reviewed; call tomorrow.' }, true)).toBeNull();
  });

  it('asks for both levels only when the client had a risk alert', () => {
    expect(riskProblem(emptyRisk(), false)).toBeNull();
    expect(riskProblem(emptyRisk(), true)).toMatch(/rate the risk to self and to others\.$/);
    expect(riskProblem({ ...emptyRisk(), to_self: 'low' }, true)).toMatch(/rate the risk to others\.$/);
    expect(riskProblem({ ...emptyRisk(), to_others: 'low' }, true)).toMatch(/rate the risk to self\.$/);
    expect(riskProblem({ to_self: 'none', to_others: 'none', plan: '' }, true)).toBeNull();
  });

  it('summarises for reading', () => {
    expect(riskSummary({ to_self: 'low', to_others: null, plan: '' })).toBe('Risk to self: low · risk to others: not assessed');
    expect(riskSummary({ to_self: 'high', to_others: 'none', plan: 'Crisis numbers given' })).toBe(
      'Risk to self: high · risk to others: none. Plan: Crisis numbers given',
    );
  });
});
