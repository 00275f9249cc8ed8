import { RESOURCE_CATEGORIES, type ResourceCategory } from '../../api/types';

/**
 * Geometry of the resource map, kept free of the DOM so it can be tested.
 *
 * The map is a disc centred on (0, 0) in SVG user units, cut into one sector per category
 * (clockwise from twelve o'clock). A rated resource sits in its sector at a distance that
 * shrinks as its availability grows (10 = right by the centre, 0 = far out) and is drawn
 * larger the more available it is; unrated resources wait on a ring near the rim.
 */
export const GEOMETRY = {
  /** Outer edge of the disc. */
  outer: 180,
  /** Radius of the baseline the sector names are written along. */
  labelRadius: 167,
  /** The ring for resources that have not been rated yet. */
  rim: 143,
  /** Distance of availability 0 and 10. */
  far: 124,
  near: 36,
  /** The small disc in the middle. */
  hub: 10,
  /** Half of the viewBox: labels and rings stay inside it. */
  half: 184,
} as const;

export interface LayoutInput {
  id: string;
  title: string;
  category: ResourceCategory;
  /** null = not rated (at this point in time). */
  availability: number | null;
  activation: number | null;
}

export interface LabelBox {
  text: string;
  /** Text anchor point on the baseline; `anchor` says which end of the text it is. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** The box the text occupies (for tests and collision checks). */
  box: { x0: number; y0: number; x1: number; y1: number };
}

export interface PlacedNode {
  id: string;
  category: ResourceCategory;
  sector: number;
  x: number;
  y: number;
  /** Circle radius. */
  r: number;
  /** Distance from the centre. */
  distance: number;
  angle: number;
  rated: boolean;
  /** 0.15 (not active) … 1 (fully active); unrated nodes are hollow. */
  fillOpacity: number;
  label: LabelBox | null;
}

export interface Sector {
  category: ResourceCategory;
  index: number;
  start: number;
  end: number;
  mid: number;
}

const TAU = Math.PI * 2;
const TOP = -Math.PI / 2;
const GAP = 3;
const LABEL_FONT = 10.5;
/** Average advance of one character at LABEL_FONT, generous so that real text fits. */
const CHAR_WIDTH = 5.9;
const LABEL_HEIGHT = 11;
const MAX_LABEL_CHARS = 24;
const MIN_LABEL_CHARS = 4;

export function sectors(categories: readonly ResourceCategory[] = RESOURCE_CATEGORIES): Sector[] {
  const span = TAU / categories.length;
  return categories.map((category, index) => {
    const start = TOP + index * span;
    return { category, index, start, end: start + span, mid: start + span / 2 };
  });
}

/** Where availability `a` (0–10) sits: higher availability, closer to the centre. */
export function idealDistance(availability: number): number {
  const a = clamp(availability, 0, 10);
  return GEOMETRY.near + ((10 - a) / 10) * (GEOMETRY.far - GEOMETRY.near);
}

/** Node size grows with availability; crowded sectors draw everything a little smaller. */
export function nodeRadius(availability: number | null, crowd: number): number {
  const shrink = clamp(1 - Math.max(0, crowd - 6) * 0.04, 0.6, 1);
  if (availability === null) return 5 * shrink;
  return (3.5 + 0.75 * clamp(availability, 0, 10)) * shrink;
}

export function fillOpacity(activation: number | null): number {
  if (activation === null) return 0;
  return 0.15 + 0.85 * (clamp(activation, 0, 10) / 10);
}

/** Shortens a title to at most `max` characters (counting what a person sees), ending in "…". */
export function truncate(title: string, max: number): string {
  const chars = [...title.trim()];
  if (chars.length <= max) return chars.join('');
  if (max <= 1) return '…';
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** The half-angle a circle of radius `r` needs at `distance` so that it stays inside a sector. */
function angularPad(r: number, distance: number): number {
  return Math.asin(clamp((r + 1.5) / distance, 0, 1));
}

interface Row {
  distance: number;
  nodes: LayoutInput[];
  r: number;
}

/**
 * Fills arcs ("rows") from the centre outwards. Each group of equal availability starts at
 * its ideal distance, or just outside the previous row when that one was pushed out by
 * crowding, so a more available resource is never drawn further out than a less available one.
 */
function rowsFor(nodes: LayoutInput[], sector: Sector, crowd: number): Row[] {
  const span = sector.end - sector.start;
  const rows: Row[] = [];
  let lastOuterEdge = 0;
  const groups = new Map<number, LayoutInput[]>();
  for (const n of nodes) {
    const a = n.availability ?? 0;
    groups.set(a, [...(groups.get(a) ?? []), n]);
  }
  const levels = [...groups.keys()].sort((x, y) => y - x);
  for (const level of levels) {
    const r = nodeRadius(level, crowd);
    let distance = Math.max(idealDistance(level), lastOuterEdge + r + GAP);
    const queue = [...groups.get(level)!];
    while (queue.length > 0) {
      const usable = span - 2 * angularPad(r, distance);
      const capacity = Math.max(1, Math.floor((usable * distance) / (2 * r + GAP)));
      const take = queue.splice(0, capacity);
      rows.push({ distance, nodes: take, r });
      lastOuterEdge = distance + r;
      if (queue.length > 0) distance = lastOuterEdge + r + GAP;
    }
  }
  // Very crowded sectors would spill past the far ring; squeeze them back in proportionally.
  const last = rows[rows.length - 1];
  if (last && last.distance > GEOMETRY.far) {
    const first = Math.min(...rows.map((row) => row.distance));
    const lo = Math.min(first, GEOMETRY.near);
    const scale = (GEOMETRY.far - lo) / (last.distance - lo);
    for (const row of rows) row.distance = lo + (row.distance - lo) * scale;
  }
  return rows;
}

function placeRow(row: Row, sector: Sector, rated: boolean, out: PlacedNode[]): void {
  const pad = angularPad(row.r, row.distance);
  const usable = sector.end - sector.start - 2 * pad;
  const m = row.nodes.length;
  row.nodes.forEach((n, j) => {
    const angle = sector.start + pad + ((j + 0.5) / m) * usable;
    out.push({
      id: n.id,
      category: n.category,
      sector: sector.index,
      x: row.distance * Math.cos(angle),
      y: row.distance * Math.sin(angle),
      r: row.r,
      distance: row.distance,
      angle,
      rated,
      fillOpacity: rated ? fillOpacity(n.activation) : 0,
      label: null,
    });
  });
}

function byPriority(a: LayoutInput, b: LayoutInput): number {
  return (b.availability ?? -1) - (a.availability ?? -1) || (b.activation ?? -1) - (a.activation ?? -1) || a.title.localeCompare(b.title);
}

/** Places every resource in its category's sector. Resources of unknown categories are left out. */
export function layoutMap(resources: readonly LayoutInput[], categories: readonly ResourceCategory[] = RESOURCE_CATEGORIES): PlacedNode[] {
  const placed: PlacedNode[] = [];
  for (const sector of sectors(categories)) {
    const mine = resources.filter((r) => r.category === sector.category);
    const crowd = mine.length;
    const rated = mine.filter((r) => r.availability !== null).sort(byPriority);
    const unrated = mine.filter((r) => r.availability === null).sort(byPriority);
    for (const row of rowsFor(rated, sector, crowd)) placeRow(row, sector, true, placed);

    // Unrated resources share the rim; when there are many they alternate between two rings.
    if (unrated.length > 0) {
      const r = nodeRadius(null, crowd);
      const usable = sector.end - sector.start - 2 * angularPad(r, GEOMETRY.rim);
      const capacity = Math.max(1, Math.floor((usable * GEOMETRY.rim) / (2 * r + GAP)));
      if (unrated.length <= capacity) {
        placeRow({ distance: GEOMETRY.rim, nodes: unrated, r }, sector, false, placed);
      } else {
        const inner = unrated.filter((_, i) => i % 2 === 0);
        const outer = unrated.filter((_, i) => i % 2 === 1);
        placeRow({ distance: GEOMETRY.rim - r - 1, nodes: inner, r }, sector, false, placed);
        placeRow({ distance: GEOMETRY.rim + r + 1, nodes: outer, r }, sector, false, placed);
      }
    }
  }
  addLabels(placed, resources);
  return placed;
}

/**
 * Gives each node a short title beside it where there is room, most available first: below,
 * above, right or left of the node, shortened step by step. A label never covers another
 * node or label and stays inside the disc; where none fits, the full title is still in the
 * node's tooltip, its accessible name and the list view.
 */
function addLabels(nodes: PlacedNode[], inputs: readonly LayoutInput[]): void {
  const titles = new Map(inputs.map((i) => [i.id, i.title]));
  const taken: Rect[] = [];
  const order = [...nodes].sort((a, b) => a.distance - b.distance);
  const limit = GEOMETRY.labelRadius - 12;
  for (const node of order) {
    const title = titles.get(node.id) ?? '';
    node.label = null;
    search: for (const max of [MAX_LABEL_CHARS, 16, 11, 7]) {
      const text = truncate(title, max);
      if ([...text].length < Math.min(MIN_LABEL_CHARS, [...title].length)) continue;
      const width = [...text].length * CHAR_WIDTH;
      for (const candidate of labelCandidates(node, width)) {
        const { box } = candidate;
        const corners: [number, number][] = [
          [box.x0, box.y0],
          [box.x1, box.y0],
          [box.x0, box.y1],
          [box.x1, box.y1],
        ];
        if (corners.some(([cx, cy]) => Math.hypot(cx, cy) > limit)) continue;
        if (circleHitsRect({ x: 0, y: 0, r: GEOMETRY.hub + 2 }, box)) continue;
        if (taken.some((t) => overlaps(t, box))) continue;
        if (nodes.some((other) => other !== node && circleHitsRect(other, box))) continue;
        node.label = { text, ...candidate };
        taken.push(box);
        break search;
      }
    }
  }
}

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function labelCandidates(node: PlacedNode, width: number): { x: number; y: number; anchor: LabelBox['anchor']; box: Rect }[] {
  const h = LABEL_HEIGHT;
  // Baselines sit ~2 units above the bottom of the box (descenders).
  const below = node.y + node.r + h - 1;
  const above = node.y - node.r - 3;
  const side = node.y + 3.5;
  const gap = node.r + 3;
  return [
    { x: node.x, y: below, anchor: 'middle', box: { x0: node.x - width / 2, x1: node.x + width / 2, y0: below - h + 2, y1: below + 2 } },
    { x: node.x, y: above, anchor: 'middle', box: { x0: node.x - width / 2, x1: node.x + width / 2, y0: above - h + 2, y1: above + 2 } },
    { x: node.x + gap, y: side, anchor: 'start', box: { x0: node.x + gap, x1: node.x + gap + width, y0: side - h + 2, y1: side + 2 } },
    { x: node.x - gap, y: side, anchor: 'end', box: { x0: node.x - gap - width, x1: node.x - gap, y0: side - h + 2, y1: side + 2 } },
  ];
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function circleHitsRect(c: { x: number; y: number; r: number }, box: Rect): boolean {
  const nx = clamp(c.x, box.x0, box.x1);
  const ny = clamp(c.y, box.y0, box.y1);
  return (c.x - nx) ** 2 + (c.y - ny) ** 2 < (c.r + 1) ** 2;
}

export const LABEL_FONT_SIZE = LABEL_FONT;

/** An SVG path for a sector's wedge between two radii. */
export function wedgePath(sector: Sector, inner: number, outer: number): string {
  const p = (r: number, a: number) => `${round(r * Math.cos(a))} ${round(r * Math.sin(a))}`;
  return [
    `M ${p(inner, sector.start)}`,
    `L ${p(outer, sector.start)}`,
    `A ${outer} ${outer} 0 0 1 ${p(outer, sector.end)}`,
    `L ${p(inner, sector.end)}`,
    `A ${inner} ${inner} 0 0 0 ${p(inner, sector.start)}`,
    'Z',
  ].join(' ');
}

/**
 * The arc a sector's name is written along. In the lower half the arc runs the other way
 * round, so the text reads left to right instead of upside down; there the letters hang
 * inwards from the baseline, so that baseline lies further out to keep both halves in one band.
 */
export function labelArcPath(sector: Sector): string {
  const lower = isLowerSector(sector);
  const radius = lower ? GEOMETRY.labelRadius + 8 : GEOMETRY.labelRadius - 3;
  const p = (a: number) => `${round(radius * Math.cos(a))} ${round(radius * Math.sin(a))}`;
  return lower
    ? `M ${p(sector.end)} A ${radius} ${radius} 0 0 0 ${p(sector.start)}`
    : `M ${p(sector.start)} A ${radius} ${radius} 0 0 1 ${p(sector.end)}`;
}

/** Whether the label arc runs in the lower half (text baseline then sits on the outside). */
export function isLowerSector(sector: Sector): boolean {
  return Math.sin(sector.mid) > 0;
}

export function round(v: number): number {
  return Math.round(v * 100) / 100;
}
