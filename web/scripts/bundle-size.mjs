// Prints how much JavaScript the portal loads first, gzipped: the entry chunk named in
// dist/index.html and every chunk it imports statically (modulepreload), but not the chunks loaded
// on demand (the Polish and German catalogues, lazy pages). Run after `npm run build`;
// `make bench` prints the figure. Exits 1 when it is 150 KB or more (issue 15).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT = 150 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+\.js)"/g)].map((m) => m[1]));

// Follow static imports between chunks (`import ... from "./x.js"`), never dynamic import("./x.js").
const queue = [...initial];
while (queue.length > 0) {
  const file = queue.pop();
  const code = readFileSync(join(dist, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    const next = join(dirname(file), m[1]);
    if (!initial.has(next)) {
      initial.add(next);
      queue.push(next);
    }
  }
}

let total = 0;
for (const file of [...initial].sort()) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`  ${file}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
const kb = (total / 1024).toFixed(1);
console.log(`JS the portal loads first: ${kb} KB gzipped (limit 150 KB)`);
process.exit(total < LIMIT ? 0 : 1);
