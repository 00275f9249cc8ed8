import { describe, expect, it } from 'vitest';
import { RESOURCE_CATEGORIES, type ResourceCategory } from '../../api/types';
import {
  GEOMETRY,
  fillOpacity,
  idealDistance,
  labelArcPath,
  layoutMap,
  nodeRadius,
  rings,
  sectors,
  textWidth,
  truncate,
  wedgePath,
  type LayoutInput,
  type PlacedNode,
} from './mapLayout';

function res(id: string, category: ResourceCategory, availability: number | null, activation: number | null = availability, title = `Resource ${id}`): LayoutInput {
  return { id, title, category, availability, activation };
}

/** A deterministic pseudo-random source, so the crowded map is the same on every run. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function crowdedMap(count: number, seed = 7): LayoutInput[] {
  const rand = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const category = RESOURCE_CATEGORIES[Math.floor(rand() * RESOURCE_CATEGORIES.length)]!;
    const rated = rand() > 0.15;
    const a = rated ? Math.floor(rand() * 11) : null;
    return res(`r${i}`, category, a, rated ? Math.floor(rand() * 11) : null, `A rather long resource title number ${i}`);
  });
}

/** Angle normalised into the sector's own range, so wrapping at ±π does not matter. */
function inSector(node: PlacedNode): boolean {
  const s = sectors()[node.sector]!;
  let a = node.angle;
  while (a < s.start) a += Math.PI * 2;
  while (a > s.end) a -= Math.PI * 2;
  if (a < s.start || a > s.end) return false;
  // The whole circle, not only its centre, stays between the sector's edges.
  const margin = Math.asin(Math.min(1, node.r / node.distance));
  return a - margin >= s.start - 1e-9 && a + margin <= s.end + 1e-9;
}

describe('sectors', () => {
  it('cuts the disc into one sector per category, clockwise from the top', () => {
    const all = sectors();
    expect(all.map((s) => s.category)).toEqual(RESOURCE_CATEGORIES);
    expect(all[0]!.start).toBeCloseTo(-Math.PI / 2);
    expect(all[7]!.end).toBeCloseTo((3 * Math.PI) / 2);
    for (const s of all) expect(s.end - s.start).toBeCloseTo(Math.PI / 4);
  });

  it('writes the names of lower sectors along a reversed arc so they read upright', () => {
    const [top, , , , bottom] = sectors();
    // Upper arcs sweep clockwise (flag 1), lower ones counter-clockwise (flag 0).
    expect(labelArcPath(top!)).toMatch(/ 0 0 1 /);
    expect(labelArcPath(bottom!)).toMatch(/ 0 0 0 /);
    expect(wedgePath(top!, 20, 180)).toMatch(/^M .* Z$/);
  });
});

describe('layoutMap', () => {
  it('puts each resource inside its own category’s sector', () => {
    const nodes = layoutMap(RESOURCE_CATEGORIES.map((c, i) => res(`r${i}`, c, i % 11)));
    expect(nodes).toHaveLength(8);
    for (const n of nodes) {
      expect(sectors()[n.sector]!.category).toBe(n.category);
      expect(inSector(n)).toBe(true);
    }
  });

  it('draws higher availability closer to the centre and larger', () => {
    const nodes = layoutMap([res('low', 'skill', 2), res('mid', 'skill', 6), res('high', 'skill', 9)]);
    const by = (id: string) => nodes.find((n) => n.id === id)!;
    expect(by('high').distance).toBeLessThan(by('mid').distance);
    expect(by('mid').distance).toBeLessThan(by('low').distance);
    expect(by('high').r).toBeGreaterThan(by('low').r);
    expect(by('high').distance).toBeCloseTo(idealDistance(9));
  });

  it('shows activation as fill strength and leaves unrated resources hollow at the rim', () => {
    const nodes = layoutMap([res('on', 'body', 5, 10), res('off', 'body', 5, 0), res('new', 'body', null, null)]);
    const by = (id: string) => nodes.find((n) => n.id === id)!;
    expect(by('on').fillOpacity).toBe(1);
    expect(by('off').fillOpacity).toBeCloseTo(0.15);
    expect(by('new').rated).toBe(false);
    expect(by('new').fillOpacity).toBe(0);
    expect(by('new').distance).toBeCloseTo(GEOMETRY.rim);
    expect(fillOpacity(null)).toBe(0);
  });

  it('spreads resources of equal availability across the sector instead of stacking them', () => {
    const nodes = layoutMap([1, 2, 3, 4].map((i) => res(`s${i}`, 'social', 5)));
    const points = nodes.map((n) => `${n.x.toFixed(1)},${n.y.toFixed(1)}`);
    expect(new Set(points).size).toBe(4);
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i]!;
        const b = nodes[j]!;
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(a.r + b.r);
      }
  });

  it('stays readable with 60 resources: inside sectors and the disc, order kept, labels never overlapping', () => {
    const input = crowdedMap(60);
    const nodes = layoutMap(input);
    expect(nodes).toHaveLength(60);
    for (const n of nodes) {
      expect(inSector(n)).toBe(true);
      expect(n.distance + n.r).toBeLessThanOrEqual(GEOMETRY.outer);
      expect(n.distance - n.r).toBeGreaterThan(GEOMETRY.hub);
    }
    // Within a sector, more available never sits further out than less available.
    const avail = new Map(input.map((r) => [r.id, r.availability]));
    for (const a of nodes)
      for (const b of nodes) {
        if (a.sector !== b.sector || !a.rated || !b.rated) continue;
        if (avail.get(a.id)! > avail.get(b.id)!) expect(a.distance).toBeLessThan(b.distance);
      }
    const labels = nodes.flatMap((n) => (n.label ? [n.label] : []));
    // Labels are cut only between words (WCAG 2.5.3), so "A rather…" is the shortest these titles
    // allow and fewer fit than with "A rath…"; every title is still in the list view.
    expect(labels.length).toBeGreaterThanOrEqual(18);
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i]!.box;
        const b = labels[j]!.box;
        expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1).toBe(false);
      }
    // ... and never covers a node.
    for (const n of nodes)
      for (const l of labels) {
        const nx = Math.min(l.box.x1, Math.max(l.box.x0, n.x));
        const ny = Math.min(l.box.y1, Math.max(l.box.y0, n.y));
        const own = nodes.find((m) => m.label?.box === l.box);
        if (own !== n) expect(Math.hypot(n.x - nx, n.y - ny)).toBeGreaterThanOrEqual(n.r);
      }
    for (const l of labels) expect([...l.text].length).toBeLessThanOrEqual(24);
  });

  it('never lets two nodes touch, rings included, even with 20 in one sector', () => {
    const rand = rng(11);
    const input: LayoutInput[] = [
      ...crowdedMap(40, 3).map((r, i) => ({ ...r, stabilising: i % 5 === 0, proposed: i % 9 === 0 })),
      ...Array.from({ length: 20 }, (_, i) => ({
        ...res(`s${i}`, 'strength', i < 17 ? Math.floor(rand() * 8) + 2 : null, Math.floor(rand() * 11)),
        stabilising: i % 6 === 0,
      })),
    ];
    const nodes = layoutMap(input);
    expect(nodes).toHaveLength(60);
    let closest = Infinity;
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i]!;
        const b = nodes[j]!;
        closest = Math.min(closest, Math.hypot(a.x - b.x, a.y - b.y) - a.outline - b.outline);
      }
    expect(closest).toBeGreaterThanOrEqual(2.9);
    for (const n of nodes) {
      expect(inSector(n)).toBe(true);
      expect(n.outline).toBeGreaterThan(n.r);
      if (n.stableR !== null) expect(n.outline).toBeGreaterThan(n.stableR);
      if (n.proposedR !== null) expect(n.outline).toBeGreaterThan(n.proposedR);
      // Nodes do not reach the band the sector names are written in.
      expect(n.distance + n.outline).toBeLessThan(GEOMETRY.labelRadius - 8);
    }
    // The nodes of the crowded sector are shrunk no further than needed: the largest stays clearly visible.
    const strengths = nodes.filter((n) => n.category === 'strength' && n.rated);
    expect(Math.max(...strengths.map((n) => n.r))).toBeGreaterThan(3.5);
  });

  it('keeps a very crowded sector inside the rated area', () => {
    const nodes = layoutMap(Array.from({ length: 30 }, (_, i) => res(`x${i}`, 'meaning', 10 - (i % 3))));
    for (const n of nodes) {
      expect(inSector(n)).toBe(true);
      expect(n.distance).toBeLessThanOrEqual(GEOMETRY.far + 1e-9);
    }
  });

  it('leaves out resources whose category the map does not know', () => {
    const odd = { ...res('odd', 'skill', 3), category: 'unknown' as ResourceCategory };
    expect(layoutMap([odd])).toEqual([]);
  });
});

describe('helpers', () => {
  it('truncates titles between words, by visible characters, and marks the cut', () => {
    expect(truncate('Walks with the dog', 30)).toBe('Walks with the dog');
    expect(truncate('Walks with the dog', 8)).toBe('Walks…');
    expect(truncate('Walks with the dog', 11)).toBe('Walks with…');
    expect(truncate('Walks with the dog', 12)).toBe('Walks with…');
    expect(truncate('Walks with the dog', 15)).toBe('Walks with the…');
    expect(truncate('Sister, brother and me', 10)).toBe('Sister…');
    expect(truncate('🐕 🐕🐕 🐕', 5)).toBe('🐕 🐕🐕…');
    // A first word longer than the room gives no label rather than half a word.
    expect(truncate('Perseverance in hard times', 7)).toBe('');
  });

  it('estimates label widths on the wide side of the label font', () => {
    // Widths measured in Chromium with Source Sans 3 semibold at 10.5 units.
    expect(textWidth('Walks with the dog')).toBeGreaterThanOrEqual(85.2);
    expect(textWidth('Humour')).toBeGreaterThanOrEqual(37.3);
    expect(textWidth('WWWWWWWWWW')).toBeGreaterThanOrEqual(84);
    expect(textWidth('Walks with the dog')).toBeLessThan(85.2 * 1.25);
    expect(textWidth('中文')).toBeCloseTo(21);
  });

  it('puts the rings around a dot and reports the outline they reach', () => {
    expect(rings(5)).toEqual({ stableR: null, proposedR: null, outline: 5.75 });
    expect(rings(5, true)).toMatchObject({ stableR: 8, proposedR: null });
    expect(rings(5, true, true)).toMatchObject({ stableR: 8, proposedR: 11 });
    expect(rings(5, false, true).proposedR).toBe(8);
  });

  it('shrinks nodes in crowded sectors but never below 60 %', () => {
    expect(nodeRadius(10, 1)).toBeCloseTo(11);
    expect(nodeRadius(10, 40)).toBeCloseTo(6.6);
    expect(nodeRadius(0, 1)).toBeLessThan(nodeRadius(10, 1));
  });
});
