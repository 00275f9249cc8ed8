// Issue 15: a feature (web/src/features/<name>/) depends only on shared/ and api/ — never on
// another feature, and never on the app shell (app/ composes features, not the other way round).
// What is still left is listed in cross-imports.txt; that list may only shrink: a listed import
// that is gone fails the test until its line is removed.

import { describe, expect, it } from 'vitest';
import allowList from './cross-imports.txt?raw';

/** shared/ and api/ sources (tests included): they import neither features nor app/. */
const BELOW: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>(['/src/shared/**/*.ts', '/src/shared/**/*.tsx', '/src/api/**/*.ts', '!/src/shared/architecture.test.ts'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }),
  ).map(([path, text]) => [path.replace(/^\/src\//, ''), text]),
);

/** Every feature file's source (tests and CSS included), keyed by its path under web/src. */
const SOURCES: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>(['/src/features/**/*.ts', '/src/features/**/*.tsx', '/src/features/**/*.css'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }),
  ).map(([path, text]) => [path.replace(/^\/src\//, ''), text]),
);

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|@import\s+(?:url\()?['"]([^'"]+)['"]/g;

/** The module specifiers a source imports (static, re-exports, dynamic, CSS @import). */
export function specifiers(src: string): string[] {
  const out: string[] = [];
  for (const m of src.matchAll(SPECIFIER)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

/** Resolves `spec` against the file at `from` (both relative to web/src); null when not relative. */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const parts = from.split('/').slice(0, -1);
  for (const seg of spec.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** "admin/UsersPage.tsx -> alerts/alerts" for each import of another feature or of app/. */
export function crossings(file: string, src: string): string[] {
  const [, feature] = file.split('/');
  const out: string[] = [];
  for (const spec of specifiers(src)) {
    const target = resolve(file, spec);
    if (target === null) continue;
    const t = target.split('/');
    const here = file.replace(/^features\//, '');
    if (t[0] === 'app') out.push(`${here} -> ${target.replace(/\.(tsx?|css)$/, '')}`);
    else if (t[0] === 'features' && t[1] !== feature) {
      out.push(`${here} -> ${target.replace(/^features\//, '').replace(/\.(tsx?)$/, '')}`);
    }
  }
  return out;
}

function allowed(): string[] {
  return allowList
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

describe('features depend only on shared/ and api/', () => {
  it('finds imports of another feature or of app/, and ignores shared/, api/ and packages', () => {
    const src = `
      import { h } from 'preact';
      import { useSession } from '../../shared/session';
      import type { Me } from '../../api/types';
      import { AckForm } from '../alerts/AckForm';
      import '../portal/portal.css';
      import './own.css';
      export { x } from '../journal/api';
      import { currentNav } from '../../app/Header';
      const later = () => import('../measures/wording');
    `;
    expect(crossings('features/admin/X.tsx', src)).toEqual([
      'admin/X.tsx -> alerts/AckForm',
      'admin/X.tsx -> portal/portal.css',
      'admin/X.tsx -> journal/api',
      'admin/X.tsx -> app/Header',
      'admin/X.tsx -> measures/wording',
    ]);
  });

  it('holds for every feature file; cross-imports.txt lists what is left and only shrinks', () => {
    const files = Object.keys(SOURCES).sort();
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => crossings(f, SOURCES[f]!));
    const listed = allowed();
    const listedSet = new Set(listed);
    const foundSet = new Set(found);
    expect(
      found.filter((c) => !listedSet.has(c)),
      'imports across features (move the shared code into shared/, or compose in app/)',
    ).toEqual([]);
    expect(
      listed.filter((c) => !foundSet.has(c)),
      'gone: remove these lines from cross-imports.txt',
    ).toEqual([]);
  });

  it('holds for shared/ and api/: they import no feature and not app/ (no exceptions)', () => {
    const files = Object.keys(BELOW).sort();
    expect(files.length).toBeGreaterThan(30);
    const upward = files.flatMap((f) =>
      specifiers(BELOW[f]!)
        .map((spec) => resolve(f, spec))
        .filter((t): t is string => t !== null && /^(features|app)\//.test(t))
        .map((t) => `${f} -> ${t}`),
    );
    expect(upward, 'shared/ and api/ sit below the features').toEqual([]);
  });
});
