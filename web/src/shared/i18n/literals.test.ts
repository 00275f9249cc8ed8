// A lint run as a unit test: no component may render a literal English string outside the
// catalogue. It reads every web/src/**/*.tsx with Babel's parser and flags
//   - JSX text with letters (<p>Saved</p>),
//   - string literals rendered as children ({busy ? 'Saving…' : 'Save'}),
//   - string literals in props a person reads or hears (aria-label, title, placeholder, alt, label, …).
// Files not converted yet are listed in unconverted.txt; that list may only shrink: a listed file
// that is clean fails the test until its line is removed.

import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';
import unconvertedList from './unconverted.txt?raw';

/** Every component's source, keyed by its path under web/src ("features/journal/EntryCard.tsx"). */
const SOURCES: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob<string>(['/src/**/*.tsx', '!/src/**/*.test.tsx'], { query: '?raw', import: 'default', eager: true })).map(
    ([path, text]) => [path.replace(/^\/src\//, ''), text],
  ),
);

/** Props whose value a person reads or a screen reader speaks. */
const READ_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'busyLabel',
  'hint',
  'legend',
  'documentTitle',
  'message',
]);

/** Words that are the same in every language: names, not prose. */
const UNTRANSLATED = new Set(['Trove', 'FHIR', 'PHQ-9', 'GAD-7', 'LOINC', 'OK', 'doi:']);

const hasWords = (text: string) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return /\p{L}/u.test(t) && !UNTRANSLATED.has(t);
};

interface Node {
  type: string;
  loc?: { start: { line: number } };
  [key: string]: unknown;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** String literals an expression can evaluate to directly (not inside calls such as t('key')). */
function literalsOf(expr: unknown): { text: string; line: number }[] {
  if (!isNode(expr)) return [];
  const line = expr.loc?.start.line ?? 0;
  switch (expr.type) {
    case 'StringLiteral':
      return [{ text: expr.value as string, line }];
    case 'TemplateLiteral':
      return (expr.quasis as { value: { cooked: string } }[]).map((q) => ({ text: q.value.cooked, line }));
    case 'ConditionalExpression':
      return [...literalsOf(expr.consequent), ...literalsOf(expr.alternate)];
    case 'LogicalExpression':
      return [...literalsOf(expr.left), ...literalsOf(expr.right)];
    case 'BinaryExpression':
      return expr.operator === '+' ? [...literalsOf(expr.left), ...literalsOf(expr.right)] : [];
    default:
      return [];
  }
}

/** The English a file renders outside the catalogue, as "line: text". */
export function literalStrings(source: string, file = 'file.tsx'): string[] {
  const ast = parse(source, { sourceType: 'module', plugins: ['jsx', 'typescript'], sourceFilename: file });
  const found: string[] = [];
  const report = (line: number, text: string) => {
    if (hasWords(text)) found.push(`${line}: ${text.replace(/\s+/g, ' ').trim()}`);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!isNode(node)) return;
    if (node.type === 'JSXText') report(node.loc?.start.line ?? 0, node.value as string);
    if (node.type === 'JSXElement' || node.type === 'JSXFragment') {
      for (const child of (node.children as Node[]) ?? []) {
        if (child.type === 'JSXExpressionContainer') for (const l of literalsOf(child.expression)) report(l.line, l.text);
      }
    }
    if (node.type === 'JSXAttribute') {
      const name = (node.name as Node).type === 'JSXIdentifier' ? ((node.name as Node).name as string) : '';
      if (READ_PROPS.has(name)) {
        const value = node.value as Node | null;
        if (value && value.type === 'StringLiteral') report(value.loc?.start.line ?? 0, value.value as string);
        if (value && value.type === 'JSXExpressionContainer') for (const l of literalsOf(value.expression)) report(l.line, l.text);
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'start' || key === 'end' || key === 'extra') continue;
      if (typeof value === 'object' && value !== null) visit(value);
    }
  };
  visit(ast.program);
  return found;
}

function unconverted(): string[] {
  return unconvertedList
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

describe('no literal English in components', () => {
  it('finds JSX text, rendered literals and read props, and ignores t() calls and class names', () => {
    const src = `
      export function A({ busy }) {
        const t = useT();
        return (
          <section class="page" aria-labelledby="x">
            <h1>Welcome back</h1>
            <p title="A tip">{busy ? 'Saving…' : t('save')}</p>
            <input placeholder={t('hint')} aria-label="Search" />
            <span>{' · '}{count}</span>
            <b>Trove</b>
          </section>
        );
      }`;
    expect(literalStrings(src)).toEqual(['6: Welcome back', '7: Saving…', '7: A tip', '8: Search']);
  });

  it('holds for every converted component; unconverted.txt lists the rest and only shrinks', () => {
    const listed = new Set(unconverted());
    const offenders: string[] = [];
    const clean: string[] = [];
    const files = Object.keys(SOURCES).sort();
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const found = literalStrings(SOURCES[file]!, file);
      if (found.length > 0 && !listed.has(file)) offenders.push(`${file}\n    ${found.slice(0, 8).join('\n    ')}`);
      if (found.length === 0 && listed.has(file)) clean.push(file);
    }
    const missing = [...listed].filter((f) => !files.includes(f));
    expect(offenders, 'components with literal English (put the words in the catalogue)').toEqual([]);
    expect(clean, 'converted: remove these lines from unconverted.txt').toEqual([]);
    expect(missing, 'listed in unconverted.txt but not found').toEqual([]);
  });
});
