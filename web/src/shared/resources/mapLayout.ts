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
  /** Drawn with a dark ring around the dot; the ring needs room too. */
  stabilising?: boolean;
  /** Drawn with a dashed ring (outside the stabilising ring, if any). */
  proposed?: boolean;
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
  /** Radius of the stabilising ring, or null. */
  stableR: number | null;
  /** Radius of the dashed "proposed" ring, or null. */
  proposedR: number | null;
  /** How far from the centre the node reaches, rings and strokes included: what must not overlap. */
  outline: number;
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
/** Room left between the outlines of two nodes. */
const GAP = 3;
const LABEL_FONT = 10.5;
/**
 * The box a label's text occupies, as the browser measures it (getBBox of the label font):
 * from 1.02 em above the baseline to 0.42 em below it.
 */
const LABEL_ASCENT = 1.02 * LABEL_FONT;
const LABEL_DESCENT = 0.42 * LABEL_FONT;
/** Space kept between a label and its own node. */
const LABEL_GAP = 1.5;
/** Offsets of the rings around a dot, and half the width of the strokes drawn on them. */
const STABLE_RING = 3;
const PROPOSED_RING = 3;
const DOT_STROKE = 0.75;
const RING_STROKE = 0.9;
/** Crowded sectors shrink their nodes at most this far (on top of `nodeRadius`) to fit them in. */
const MIN_FIT_SCALE = 0.5;
/** A less available group starts at least this much further out than the group before it. */
const ORDER_STEP = 2;
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

/** The rings drawn around a dot of radius `r` and the outline of the whole node. */
export function rings(r: number, stabilising = false, proposed = false): { stableR: number | null; proposedR: number | null; outline: number } {
  const stableR = stabilising ? r + STABLE_RING : null;
  const proposedR = proposed ? (stableR ?? r) + PROPOSED_RING : null;
  const outline = proposedR !== null ? proposedR + RING_STROKE : stableR !== null ? stableR + RING_STROKE : r + DOT_STROKE;
  return { stableR, proposedR, outline };
}

/**
 * Width of `text` at `fontSize` in the label font (Source Sans 3, semibold), from per-character
 * advances rounded up; characters outside Latin count as a full em, so estimates err on the wide side.
 */
export function textWidth(text: string, fontSize: number = LABEL_FONT): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch);
  return em * fontSize;
}

function charWidth(ch: string): number {
  if (ch === ' ') return 0.22;
  if ("iljI!'.,:;|’‘•".includes(ch)) return 0.32;
  if ('frt-()[]{}/\\"“”'.includes(ch)) return 0.45;
  if ('mw%—…@'.includes(ch)) return 0.97;
  if ('MW'.includes(ch)) return 0.82;
  if (/[0-9]/.test(ch)) return 0.52;
  if (/\p{Script=Latin}/u.test(ch)) return ch === ch.toLowerCase() ? 0.57 : 0.68;
  if (/[\p{P}\p{S}]/u.test(ch) && ch.codePointAt(0)! < 0x2e80) return 0.6;
  return 1;
}

/**
 * Shortens a title to at most `max` characters (counting what a person sees), ending in "…".
 * It cuts between words, never inside one: what a label shows must be whole words of the
 * node's accessible name, so that a person using speech input can say what they see (WCAG 2.5.3
 * Label in Name). A first word too long for `max` gives "" (no label at that size).
 */
export function truncate(title: string, max: number): string {
  const chars = [...title.trim()];
  if (chars.length <= max) return chars.join('');
  const room = chars.slice(0, max - 1);
  // The cut may fall right after a word (before a space in the title) or at a space in `room`.
  let end = chars[max - 1] !== undefined && /\s/u.test(chars[max - 1]!) ? room.length : -1;
  if (end < 0) for (let i = room.length - 1; i > 0; i--) if (/\s/u.test(room[i]!)) {
    end = i;
    break;
  }
  if (end <= 0) return '';
  const kept = room.slice(0, end).join('').replace(/[\s\p{P}]+$/u, '');
  return kept ? `${kept}…` : '';
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** The half-angle a circle reaching `reach` from its centre needs at `distance` to stay inside a sector. */
function angularPad(reach: number, distance: number): number {
  return Math.asin(clamp((reach + 1.5) / distance, 0, 1));
}

/**
 * How many nodes reaching `reach` fit side by side on the arc at `distance` across a sector of
 * angle `span`, `GAP` apart measured along the straight line between neighbours (as `placeRow`
 * spreads them evenly).
 */
function rowCapacity(span: number, reach: number, distance: number): number {
  const usable = span - 2 * angularPad(reach, distance);
  const ratio = (2 * reach + GAP) / (2 * distance);
  if (usable <= 0 || ratio >= 1) return 1;
  return Math.max(1, Math.floor(usable / (2 * Math.asin(ratio)) + 1e-9));
}

interface Row {
  distance: number;
  nodes: LayoutInput[];
  /** Dot radius of the row's nodes. */
  r: number;
  /** The largest outline (rings included) among the row's nodes. */
  reach: number;
}

function reachOf(nodes: readonly LayoutInput[], r: number): number {
  return Math.max(...nodes.map((n) => rings(r, n.stabilising, n.proposed).outline));
}

/** A rated node's place in its sector, before it becomes a `PlacedNode`. */
interface Spot {
  node: LayoutInput;
  distance: number;
  angle: number;
  r: number;
  reach: number;
}

const spotX = (s: { distance: number; angle: number }) => s.distance * Math.cos(s.angle);
const spotY = (s: { distance: number; angle: number }) => s.distance * Math.sin(s.angle);

function collides(distance: number, angle: number, reach: number, placed: readonly Spot[]): boolean {
  const x = distance * Math.cos(angle);
  const y = distance * Math.sin(angle);
  return placed.some((p) => Math.hypot(x - spotX(p), y - spotY(p)) < reach + p.reach + GAP - 1e-6);
}

/** The angles in [lo, hi] where a node reaching `reach` at `distance` touches none of `placed`. */
function freeArcs(distance: number, reach: number, lo: number, hi: number, placed: readonly Spot[]): [number, number][] {
  let free: [number, number][] = lo <= hi ? [[lo, hi]] : [];
  for (const p of placed) {
    const R = reach + p.reach + GAP;
    if (Math.abs(p.distance - distance) >= R) continue;
    const c = (distance ** 2 + p.distance ** 2 - R ** 2) / (2 * distance * p.distance);
    const half = c <= -1 ? Math.PI : Math.acos(Math.min(1, c));
    const a0 = p.angle - half;
    const a1 = p.angle + half;
    free = free.flatMap(([f0, f1]): [number, number][] => {
      if (a1 <= f0 || a0 >= f1) return [[f0, f1]];
      const parts: [number, number][] = [];
      if (a0 > f0) parts.push([f0, a0]);
      if (a1 < f1) parts.push([a1, f1]);
      return parts;
    });
  }
  return free;
}

/**
 * Up to `k` angles in the free arcs, at least `step` apart within an arc: spread evenly over
 * each arc, the arcs sharing the nodes in proportion to their room.
 */
function spread(free: readonly [number, number][], step: number, k: number): number[] {
  const caps = free.map(([a, b]) => Math.floor((b - a) / step + 1e-9) + 1);
  const counts = free.map(() => 0);
  let total = Math.min(k, caps.reduce((s, c) => s + c, 0));
  while (total-- > 0) {
    let best = -1;
    for (let i = 0; i < free.length; i++) {
      if (counts[i]! >= caps[i]!) continue;
      const room = (free[i]![1] - free[i]![0] + step) / (counts[i]! + 1);
      if (best < 0 || room > (free[best]![1] - free[best]![0] + step) / (counts[best]! + 1)) best = i;
    }
    counts[best]!++;
  }
  const angles: number[] = [];
  free.forEach(([a, b], i) => {
    const m = counts[i]!;
    const len = b - a;
    if (m === 0) return;
    if (len / m >= step || m === 1) for (let j = 0; j < m; j++) angles.push(a + ((j + 0.5) / m) * len);
    else for (let j = 0; j < m; j++) angles.push(a + (j / (m - 1)) * len);
  });
  return angles.sort((x, y) => x - y);
}

/**
 * Packs the rated nodes of one sector from the centre outwards, most available first. Each
 * group of equal availability starts at its ideal distance, or just outside the group before
 * it, so a more available resource is never drawn further out than a less available one. A
 * node takes the first place, going outwards, where it clears every node already placed by
 * `GAP` (rings included): nodes of neighbouring groups interleave instead of queueing on one line.
 */
function packRated(nodes: readonly LayoutInput[], sector: Sector, crowd: number, scale: number): Spot[] {
  const spots: Spot[] = [];
  let lastDistance = 0;
  const levels = [...new Set(nodes.map((n) => n.availability ?? 0))].sort((x, y) => y - x);
  for (const level of levels) {
    const queue = nodes.filter((n) => (n.availability ?? 0) === level);
    const r = nodeRadius(level, crowd) * scale;
    const reach = reachOf(queue, r);
    let distance = Math.max(idealDistance(level), lastDistance + (lastDistance > 0 ? ORDER_STEP : 0), GEOMETRY.hub + reach + GAP);
    while (queue.length > 0) {
      const pad = angularPad(reach, distance);
      const free = freeArcs(distance, reach, sector.start + pad, sector.end - pad, spots);
      const step = 2 * Math.asin(clamp((2 * reach + GAP) / (2 * distance), 0, 1));
      const angles = pad * 2 < sector.end - sector.start ? spread(free, step, queue.length) : spots.length === 0 ? [sector.mid] : [];
      for (const angle of angles) {
        if (collides(distance, angle, reach, spots)) continue;
        const node = queue.shift()!;
        spots.push({ node, distance, angle, r, reach: rings(r, node.stabilising, node.proposed).outline });
        lastDistance = Math.max(lastDistance, distance);
      }
      distance += 1;
    }
  }
  return spots;
}

/**
 * The rated nodes of one sector, kept inside the far ring and clear of the unrated nodes
 * (`maxOuterEdge`). A crowded sector first draws its nodes smaller, step by step, down to
 * `MIN_FIT_SCALE`; only if that is not enough are they pulled inwards (and may then touch).
 */
function fitRated(nodes: readonly LayoutInput[], sector: Sector, crowd: number, maxOuterEdge: number): Spot[] {
  const fits = (spots: Spot[]) => spots.every((s) => s.distance <= GEOMETRY.far + 1e-9 && s.distance + s.reach <= maxOuterEdge + 1e-9);
  const full = packRated(nodes, sector, crowd, 1);
  if (fits(full)) return full;
  // The largest scale, in steps of 0.05, at which everything fits (bisected: packing is the costly part).
  const steps = Math.round((1 - MIN_FIT_SCALE) / 0.05);
  let best: Spot[] | null = null;
  let tooBig = 0; // steps down known not to fit
  let small = steps + 1; // steps down known to fit (steps + 1: none known yet)
  while (small - tooBig > 1) {
    const mid = Math.floor((tooBig + small) / 2);
    const spots = packRated(nodes, sector, crowd, 1 - mid * 0.05);
    if (fits(spots)) {
      best = spots;
      small = mid;
    } else tooBig = mid;
  }
  if (best) return best;
  const spots = packRated(nodes, sector, crowd, MIN_FIT_SCALE);
  const lo = Math.min(...spots.map((s) => s.distance), GEOMETRY.near);
  let squeeze = 1;
  for (const s of spots) {
    const limit = Math.min(GEOMETRY.far, maxOuterEdge - s.reach);
    if (s.distance > limit && s.distance > lo) squeeze = Math.min(squeeze, Math.max(0, (limit - lo) / (s.distance - lo)));
  }
  for (const s of spots) s.distance = lo + (s.distance - lo) * squeeze;
  return spots;
}

/** Unrated nodes share the rim; when there are many they alternate between two rings. */
function unratedRows(nodes: readonly LayoutInput[], span: number, crowd: number): Row[] {
  if (nodes.length === 0) return [];
  // Nothing unrated reaches past this, so the sector names stay clear.
  const rimLimit = GEOMETRY.labelRadius - 9;
  let best: Row[] = [];
  for (let scale = 1; scale > MIN_FIT_SCALE - 1e-9; scale -= 0.05) {
    const r = nodeRadius(null, crowd) * scale;
    const reach = reachOf(nodes, r);
    const single = Math.min(GEOMETRY.rim, rimLimit - reach);
    if (nodes.length <= rowCapacity(span, reach, single)) return [{ distance: single, nodes: [...nodes], r, reach }];
    const outerD = Math.min(GEOMETRY.rim + reach + GAP / 2, rimLimit - reach);
    const innerD = outerD - 2 * reach - GAP;
    const inner = nodes.filter((_, i) => i % 2 === 0);
    const outer = nodes.filter((_, i) => i % 2 === 1);
    best = [
      { distance: innerD, nodes: inner, r, reach },
      { distance: outerD, nodes: outer, r, reach },
    ];
    if (inner.length <= rowCapacity(span, reach, innerD) && outer.length <= rowCapacity(span, reach, outerD)) return best;
  }
  return best;
}

/** Unrated nodes sit evenly spread on their ring. */
function placeRow(row: Row, sector: Sector, rated: boolean, out: PlacedNode[]): void {
  const pad = angularPad(row.reach, row.distance);
  const usable = Math.max(0, sector.end - sector.start - 2 * pad);
  const m = row.nodes.length;
  row.nodes.forEach((n, j) => {
    const angle = usable > 0 ? sector.start + pad + ((j + 0.5) / m) * usable : sector.mid;
    out.push(toPlaced(n, sector, row.distance, angle, row.r, rated));
  });
}

function toPlaced(n: LayoutInput, sector: Sector, distance: number, angle: number, r: number, rated: boolean): PlacedNode {
  return {
    id: n.id,
    category: n.category,
    sector: sector.index,
    x: distance * Math.cos(angle),
    y: distance * Math.sin(angle),
    r,
    ...rings(r, n.stabilising, n.proposed),
    distance,
    angle,
    rated,
    fillOpacity: rated ? fillOpacity(n.activation) : 0,
    label: null,
  };
}

function byPriority(a: LayoutInput, b: LayoutInput): number {
  return (b.availability ?? -1) - (a.availability ?? -1) || (b.activation ?? -1) - (a.activation ?? -1) || a.title.localeCompare(b.title);
}

/** Places every resource in its category's sector. Resources of unknown categories are left out. */
export function layoutMap(resources: readonly LayoutInput[], categories: readonly ResourceCategory[] = RESOURCE_CATEGORIES): PlacedNode[] {
  const placed: PlacedNode[] = [];
  for (const sector of sectors(categories)) {
    const span = sector.end - sector.start;
    const mine = resources.filter((r) => r.category === sector.category);
    const crowd = mine.length;
    const rated = mine.filter((r) => r.availability !== null).sort(byPriority);
    const unrated = mine.filter((r) => r.availability === null).sort(byPriority);
    const rim = unratedRows(unrated, span, crowd);
    const clear = rim.length > 0 ? Math.min(...rim.map((row) => row.distance - row.reach)) - GAP : GEOMETRY.rim;
    for (const s of fitRated(rated, sector, crowd, clear)) placed.push(toPlaced(s.node, sector, s.distance, s.angle, s.r, true));
    for (const row of rim) placeRow(row, sector, false, placed);
  }
  addLabels(placed, resources);
  return placed;
}

/**
 * Gives each node a short title beside it where there is room, most available first: below,
 * above, right, left or diagonally beside the node, shortened step by step. A label never covers another
 * node (rings included) or label and stays inside the disc; where none fits, the full title
 * is still in the node's tooltip, its accessible name and the list view.
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
      const width = textWidth(text);
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
        if (nodes.some((other) => other !== node && circleHitsRect({ x: other.x, y: other.y, r: other.outline }, box))) continue;
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

/** Where a label may go: below, above, right, left or diagonally beside its node, clear of the node's rings. */
function labelCandidates(node: PlacedNode, width: number): { x: number; y: number; anchor: LabelBox['anchor']; box: Rect }[] {
  const clearance = node.outline - node.r + LABEL_GAP;
  const below = node.y + node.r + clearance + LABEL_ASCENT;
  const above = node.y - node.r - clearance - LABEL_DESCENT;
  // Centres the text's box on the node.
  const side = node.y + (LABEL_ASCENT - LABEL_DESCENT) / 2;
  const gap = node.r + clearance;
  const diag = gap * Math.SQRT1_2;
  const box = (x0: number, baseline: number) => ({ x0, x1: x0 + width, y0: baseline - LABEL_ASCENT, y1: baseline + LABEL_DESCENT });
  return [
    { x: node.x, y: below, anchor: 'middle', box: box(node.x - width / 2, below) },
    { x: node.x, y: above, anchor: 'middle', box: box(node.x - width / 2, above) },
    { x: node.x + gap, y: side, anchor: 'start', box: box(node.x + gap, side) },
    { x: node.x - gap, y: side, anchor: 'end', box: box(node.x - gap - width, side) },
    // Diagonally, the box's nearest corner just clear of the node.
    { x: node.x + diag, y: node.y - diag - LABEL_DESCENT, anchor: 'start', box: box(node.x + diag, node.y - diag - LABEL_DESCENT) },
    { x: node.x + diag, y: node.y + diag + LABEL_ASCENT, anchor: 'start', box: box(node.x + diag, node.y + diag + LABEL_ASCENT) },
    { x: node.x - diag, y: node.y - diag - LABEL_DESCENT, anchor: 'end', box: box(node.x - diag - width, node.y - diag - LABEL_DESCENT) },
    { x: node.x - diag, y: node.y + diag + LABEL_ASCENT, anchor: 'end', box: box(node.x - diag - width, node.y + diag + LABEL_ASCENT) },
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
