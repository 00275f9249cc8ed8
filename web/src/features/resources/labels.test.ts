import { describe, expect, it } from 'vitest';
import { loadCatalogue, translate } from '../../shared/i18n';

describe('resource counts in Polish', () => {
  it('use one, few and many', async () => {
    await loadCatalogue('pl');
    const count = (n: number) => translate('pl', 'resources.summary.count', { count: n });
    expect([1, 2, 5, 12, 22, 25].map(count)).toEqual(['1 zasób', '2 zasoby', '5 zasobów', '12 zasobów', '22 zasoby', '25 zasobów']);
  });

  it('say how many ratings a trend has, in German and English too', async () => {
    await loadCatalogue('de');
    const values = { name: 'X', from: 3, to: 8, count: 3 };
    expect(translate('en', 'resources.trend.many', values)).toBe('X: from 3 to 8 of 10 over 3 ratings');
    expect(translate('de', 'resources.trend.many', values)).toBe('X: von 3 auf 8 von 10 über 3 Einschätzungen');
    expect(translate('pl', 'resources.trend.many', { ...values, count: 5 })).toBe('X: od 3 do 8 na 10, 5 ocen');
  });
});
