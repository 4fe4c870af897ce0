#!/usr/bin/env node
// Builds the real French tiers from Debian's French documentation packages:
//   libreoffice-help-fr (HTML help), gimp-help-fr (DocBook XHTML), manpages-fr (roff, .gz)
// into two JSONL files under build/bench/:
//   pages.jsonl   one document per page   {"id","title","text","source"}
//   blocks.jsonl  the same pages cut into runs of paragraphs of ≥ --block characters
// and their query sets (pages.queries.json, blocks.queries.json). Files are taken from the
// packages' own file lists (dpkg -L), sorted, so the output depends only on package versions.
//
//   apt-get install libreoffice-help-fr gimp-help-fr manpages-fr man-db groff-base
//   node tests/bench/corpus_real.mjs [--block 250] [--no-queries]
import fs from 'node:fs';
import { execFileSync, execFile } from 'node:child_process';
import { promisify, parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { JsonlWriter, benchPath, mb } from './lib/jsonl.mjs';
import { buildQueries } from './lib/queries.mjs';

const { values: opt } = parseArgs({ options: {
  block: { type: 'string', default: '250' },
  'no-queries': { type: 'boolean', default: false },
} });
const BLOCK_MIN = Number(opt.block);
const MIN_PAGE_CHARS = 200;

const PACKAGES = {
  'libreoffice-help-fr': { prefix: 'lo/', root: '/usr/share/libreoffice/help/fr/', test: (f) => f.startsWith('/usr/share/libreoffice/help/fr/text/') && f.endsWith('.html') },
  'gimp-help-fr': { prefix: 'gimp/', root: '/usr/share/gimp/2.0/help/fr/', test: (f) => f.endsWith('.html') },
  'manpages-fr': { prefix: 'man/', root: '/usr/share/man/fr/', test: (f) => /\/man\/fr\/man\w+\/[^/]+\.gz$/.test(f) },
};

// [SECTION] Package files

function packageFiles(pkg) {
  let version;
  try {
    version = execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
  } catch {
    console.error(`${pkg} is not installed: apt-get install -y libreoffice-help-fr gimp-help-fr manpages-fr man-db groff-base`);
    process.exit(1);
  }
  const files = execFileSync('dpkg', ['-L', pkg], { encoding: 'utf8' }).split('\n')
    .filter((f) => PACKAGES[pkg].test(f))
    .filter((f) => { try { return fs.lstatSync(f).isFile(); } catch { return false; } }) // symlinks are aliases
    .sort();
  return { version, files };
}

// [SECTION] HTML → paragraphs

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', laquo: '«', raquo: '»',
  eacute: 'é', egrave: 'è', ecirc: 'ê', agrave: 'à', acirc: 'â', ccedil: 'ç', ocirc: 'ô', ucirc: 'û',
  ugrave: 'ù', icirc: 'î', iuml: 'ï', euml: 'ë', oelig: 'œ', rsquo: '’', lsquo: '‘', hellip: '…',
  mdash: '—', ndash: '–', copy: '©', reg: '®', trade: '™', times: '×', deg: '°', shy: '' };

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : ' ';
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

// Removes every <div class="…cls…"> element with its content, counting nested divs.
function removeDivs(html, cls) {
  const open = new RegExp(`<div\\b[^>]*class="[^"]*\\b${cls}\\b[^"]*"[^>]*>`, 'i');
  for (;;) {
    const m = open.exec(html);
    if (!m) return html;
    let depth = 1, i = m.index + m[0].length;
    const tag = /<(\/?)div\b[^>]*>/gi;
    tag.lastIndex = i;
    let t;
    while (depth > 0 && (t = tag.exec(html))) { depth += t[1] ? -1 : 1; i = tag.lastIndex; }
    html = html.slice(0, m.index) + ' ' + html.slice(t ? i : html.length);
  }
}

const BLOCK_TAGS = 'p|div|li|ul|ol|h[1-6]|pre|table|tr|td|th|dl|dt|dd|blockquote|section|article|figure|figcaption|caption|hr|center';

function htmlToParagraphs(html) {
  let s = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|head|header|aside|nav|footer|template|svg|button|select)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(new RegExp(`</?(?:${BLOCK_TAGS})\\b[^>]*>`, 'gi'), '\n\n')
    .replace(/<[^>]*>/g, '');
  s = decodeEntities(s);
  return s.split(/\n[ \t\r\u00a0]*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

function titleOf(html) {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  return m ? decodeEntities(m[1].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim() : '';
}

function libreofficePage(html) {
  const start = html.indexOf('<div id="DisplayArea"');
  let end = html.indexOf('<div id="SearchFrame"');
  if (end < 0) end = html.indexOf('<footer');
  const body = start >= 0 ? html.slice(start, end > start ? end : undefined) : html;
  return { title: titleOf(html), paragraphs: htmlToParagraphs(body) };
}

function gimpPage(html) {
  const body = removeDivs(removeDivs(html, 'navheader'), 'navfooter');
  return { title: titleOf(html), paragraphs: htmlToParagraphs(body) };
}

// [SECTION] man pages

const run = promisify(execFile);

async function manPage(file) {
  // man-db formats with groff (running tbl/eqn as the page asks); plain text when not on a tty.
  const { stdout } = await run('man', ['-E', 'UTF-8', '-l', file], {
    encoding: 'utf8', maxBuffer: 64 << 20,
    env: { ...process.env, MANWIDTH: '2000', MAN_DISABLE_SECCOMP: '1', MANPAGER: 'cat', PAGER: 'cat', LANG: 'C.UTF-8' },
  });
  const lines = stdout.replace(/.\x08/g, '').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  lines.shift(); lines.pop(); // the "LS(1) … LS(1)" header and the footer
  // section headings (NOM, SYNOPSIS, …) start at column 0 and stand alone; the rest is indented
  const text = lines.map((l) => (/^\S/.test(l) ? `\n\n${l}\n\n` : l)).join('\n');
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  // the line after NOM/NAME: "ls - Afficher le contenu de répertoires"
  const at = paragraphs.findIndex((p) => /^(NOM|NAME)$/.test(p));
  const title = at >= 0 && paragraphs[at + 1] ? paragraphs[at + 1] : file.replace(/^.*\//, '').replace(/\.gz$/, '');
  return { title, paragraphs };
}

async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) { const i = next++; out[i] = await fn(items[i]).catch((e) => ({ error: e.message })); }
  }));
  return out;
}

// [SECTION] Main

const t0 = performance.now();
const meta = { packages: {}, skipped: { short: 0, garbage: 0, duplicate: 0, error: 0 } };
const pages = new JsonlWriter(benchPath('pages.jsonl'));
const blocks = new JsonlWriter(benchPath('blocks.jsonl'));
const seen = new Set();
const errors = [];

function emit(pkg, file, page) {
  const id = PACKAGES[pkg].prefix + file.slice(PACKAGES[pkg].root.length).replace(/\.(html|gz)$/, '');
  if (page.error) { meta.skipped.error++; errors.push(`${file}: ${page.error.split('\n')[0]}`); return; }
  const text = page.paragraphs.join('\n\n');
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (text.length < MIN_PAGE_CHARS) { meta.skipped.short++; return; }
  if (letters < 0.5 * text.length) { meta.skipped.garbage++; return; } // tables of numbers, code dumps
  const hash = createHash('sha1').update(text).digest('hex');
  if (seen.has(hash)) { meta.skipped.duplicate++; return; } // the same help page under two modules
  seen.add(hash);
  const title = page.title || page.paragraphs[0].slice(0, 80);
  pages.write({ id, title, text, source: pkg });
  // blocks: consecutive paragraphs until BLOCK_MIN characters; a short tail joins the last block
  const runs = [];
  let cur = [];
  let len = 0;
  for (const p of page.paragraphs) {
    cur.push(p); len += p.length;
    if (len >= BLOCK_MIN) { runs.push(cur); cur = []; len = 0; }
  }
  if (cur.length) { if (runs.length && len < BLOCK_MIN / 2) runs[runs.length - 1].push(...cur); else runs.push(cur); }
  runs.forEach((r, i) => blocks.write({ id: `${id}#${i + 1}`, title, text: r.join('\n\n'), source: pkg }));
}

for (const pkg of Object.keys(PACKAGES)) {
  const { version, files } = packageFiles(pkg);
  const before = pages.docs;
  if (pkg === 'manpages-fr') {
    const results = await mapLimit(files, 2, manPage);
    files.forEach((f, i) => emit(pkg, f, results[i]));
  } else {
    for (const f of files) {
      const html = fs.readFileSync(f, 'utf8');
      emit(pkg, f, pkg === 'gimp-help-fr' ? gimpPage(html) : libreofficePage(html));
    }
  }
  meta.packages[pkg] = { version, files: files.length, pages: pages.docs - before };
}
const p = pages.close();
const b = blocks.close();
const secs = (performance.now() - t0) / 1000;
meta.pages = p; meta.blocks = b; meta.seconds = Number(secs.toFixed(1)); meta.errors = errors;
fs.writeFileSync(benchPath('pages.meta.json'), JSON.stringify(meta, null, 1) + '\n');
for (const [pkg, m] of Object.entries(meta.packages)) console.log(`${pkg} ${m.version}: ${m.files} files → ${m.pages} pages`);
console.log(`skipped: ${Object.entries(meta.skipped).map(([k, v]) => `${v} ${k}`).join(', ')}`);
for (const e of errors.slice(0, 5)) console.log(`  error: ${e}`);
console.log(`pages:  ${p.docs} docs, ${mb(p.bytes).toFixed(1)} MB → build/bench/pages.jsonl`);
console.log(`blocks: ${b.docs} docs, ${mb(b.bytes).toFixed(1)} MB → build/bench/blocks.jsonl  (${secs.toFixed(1)} s)`);

if (!opt['no-queries']) {
  for (const tier of ['pages', 'blocks']) {
    const q = await buildQueries(benchPath(`${tier}.jsonl`), { tier });
    console.log(`queries: ${q.summary} → ${q.file}`);
  }
}
