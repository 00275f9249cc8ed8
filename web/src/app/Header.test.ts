import { describe, expect, it } from 'vitest';
import { currentNav } from './Header';

describe('currentNav', () => {
  it('marks only the most specific navigation item', () => {
    const items = [
      { href: '/portal', label: 'My space' },
      { href: '/portal/coping-card', label: 'Coping card' },
    ];
    expect(currentNav(items, '/portal/coping-card')).toBe('/portal/coping-card');
    expect(currentNav(items, '/portal/resources/r1')).toBe('/portal');
    expect(currentNav(items, '/clients')).toBeNull();
  });
});
