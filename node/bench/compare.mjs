// Side-by-side count benchmark: tokenmeter (native addon) vs gpt-tokenizer and js-tiktoken
// (pure JS), one process, one corpus. Not a test: run it on a release build.
//
//   cd node && npm ci && npm run build -- --release && node bench/compare.mjs
//   BENCH_CORPUS=../target/bench-corpus node bench/compare.mjs    # after python3 benches/corpus.py
//
// Corpus: every Markdown, TypeScript-declaration and licence text shipped in node_modules
// (English prose, Markdown, code and tables, about 1 MB after capping), cut into 4 KiB
// documents at line breaks. Before timing, all three must give identical counts on every
// document; figures are best-of-N wall time on one thread, the implementations taking turns.
// Set NAPI_RS_NATIVE_LIBRARY_PATH to time a specific build of the addon.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'

const here = dirname(fileURLToPath(import.meta.url))
const pkg = join(here, '..')
const require = createRequire(import.meta.url)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const CORPUS_BYTES = Number(process.env.BENCH_BYTES ?? 1_000_000)

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    const s = statSync(p)
    if (s.isDirectory()) yield* walk(p)
    else if (/\.(md|d\.ts)$|^LICENSE/i.test(name) && s.size < 200_000) yield p
  }
}

// BENCH_CORPUS=<dir>: the *.txt files of that folder instead, e.g. the multilingual corpus
// that benches/corpus.py builds in ../target/bench-corpus for the Rust and Python comparisons.
function sources() {
  const dir = process.env.BENCH_CORPUS
  if (!dir) return walk(join(pkg, 'node_modules'))
  const files = readdirSync(dir).filter((n) => n.endsWith('.txt') && n !== 'MANIFEST.txt').sort()
  if (files.length === 0) throw new Error(`no *.txt files in ${dir} (run python3 benches/corpus.py)`)
  return files.map((n) => join(dir, n))
}

function corpus() {
  const docs = []
  let bytes = 0
  const limit = process.env.BENCH_CORPUS ? Infinity : CORPUS_BYTES
  for (const file of sources()) {
    let text = readFileSync(file, 'utf8')
    while (text.length > 0 && bytes < limit) {
      let cut = text.length > 4096 ? text.lastIndexOf('\n', 4096) : text.length
      if (cut <= 0) cut = Math.min(4096, text.length)
      const doc = text.slice(0, cut)
      text = text.slice(cut)
      docs.push(doc)
      bytes += Buffer.byteLength(doc)
    }
    if (bytes >= limit) break
  }
  return { docs, bytes }
}

// Best-of-N wall time of each function, run round-robin (one of each per round) so that all
// implementations see the same machine conditions.
function bestOf(fns) {
  for (const fn of Object.values(fns)) fn() // warm-up
  const min = Object.fromEntries(Object.keys(fns).map((k) => [k, Infinity]))
  for (let i = 0; i < RUNS; i++) {
    for (const [name, fn] of Object.entries(fns)) {
      const t0 = process.hrtime.bigint()
      fn()
      min[name] = Math.min(min[name], Number(process.hrtime.bigint() - t0) / 1e9)
    }
  }
  return min
}

// Load time + first count, each in a fresh process.
function loadTime(encoding, lib) {
  const snippets = {
    tokenmeter: `const { Tokenizer } = require('tokenmeter'); Tokenizer.fromEncoding('${encoding}').count('hello world')`,
    'gpt-tokenizer': `require('gpt-tokenizer/encoding/${encoding}').countTokens('hello world')`,
    'js-tiktoken': `const { Tiktoken } = require('js-tiktoken/lite'); new Tiktoken(require('js-tiktoken/ranks/${encoding}')).encode('hello world').length`,
  }
  const script = `const t0 = process.hrtime.bigint(); ${snippets[lib]}; process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6))`
  let min = Infinity
  for (let i = 0; i < 3; i++) {
    min = Math.min(min, Number(execFileSync(process.execPath, ['-e', script], { cwd: pkg, encoding: 'utf8' })))
  }
  return min
}

// One pass over the corpus with every cache empty: gpt-tokenizer's merge cache cleared, and
// tokenmeter's per-thread piece cache too (Tokenizer.clearThreadCache). The implementations
// take turns; best of RUNS. This is the figure for text a process has not seen before; the
// repeated rounds above time the caches as each library ships them, warm.
function firstPass(tm, gpt, docs) {
  const best = { tokenmeter: Infinity, 'gpt-tokenizer': Infinity }
  const impls = {
    tokenmeter: () => { Tokenizer.clearThreadCache(); return () => { for (const d of docs) tm.count(d) } },
    'gpt-tokenizer': () => { gpt.clearMergeCache(); return () => { for (const d of docs) gpt.countTokens(d, noSpecial) } },
  }
  for (let i = 0; i < RUNS; i++) {
    for (const [name, prepare] of Object.entries(impls)) {
      const pass = prepare()
      const t0 = process.hrtime.bigint()
      pass()
      best[name] = Math.min(best[name], Number(process.hrtime.bigint() - t0) / 1e9)
    }
  }
  return best
}

const { Tokenizer } = require('tokenmeter')
const { Tiktoken } = require('js-tiktoken/lite')
const { docs, bytes } = corpus()
const shorts = docs.flatMap((d) => d.split('\n')).filter((l) => l.trim().length >= 8).slice(0, 20_000).map((l) => l.slice(0, 80))
const noSpecial = { disallowedSpecial: new Set() }

console.log(`node ${process.version}, ${process.arch}; corpus ${docs.length} docs, ${(bytes / 1e6).toFixed(2)} MB; ${shorts.length} short strings (<= 80 chars); best of ${RUNS}`)
const version = (name) => JSON.parse(readFileSync(join(pkg, 'node_modules', name, 'package.json'), 'utf8')).version
console.log(`tokenmeter ${version('..')}, gpt-tokenizer ${version('gpt-tokenizer')}, js-tiktoken ${version('js-tiktoken')}`)

for (const encoding of ['o200k_base', 'cl100k_base']) {
  const tm = Tokenizer.fromEncoding(encoding)
  const gpt = require(`gpt-tokenizer/encoding/${encoding}`)
  const jst = new Tiktoken(require(`js-tiktoken/ranks/${encoding}`))
  const impls = {
    tokenmeter: (t) => tm.count(t),
    'gpt-tokenizer': (t) => gpt.countTokens(t, noSpecial),
    'js-tiktoken': (t) => jst.encode(t, [], []).length,
  }

  // Equivalence first: numbers count only if every implementation agrees on every document.
  for (const doc of docs) {
    const expect = impls.tokenmeter(doc)
    for (const [name, count] of Object.entries(impls)) {
      if (count(doc) !== expect) throw new Error(`${encoding}: ${name} disagrees on a document (${count(doc)} vs ${expect})`)
    }
  }

  console.log(`\n${encoding}`)
  const bulks = bestOf({
    ...Object.fromEntries(Object.entries(impls).map(([name, count]) => [name, () => { for (const d of docs) count(d) }])),
    batch: () => tm.countBatch(docs),
  })
  const shortsBest = bestOf(Object.fromEntries(Object.entries(impls).map(([name, count]) => [name, () => { for (const s of shorts) count(s) }])))
  const batch = bulks.batch
  const base = { bulk: bulks['gpt-tokenizer'], short: shortsBest['gpt-tokenizer'] }
  for (const [name, { bulk, short }] of Object.keys(impls).map((n) => [n, { bulk: bulks[n], short: shortsBest[n] }])) {
    console.log(
      `  ${name.padEnd(14)} count ${(bytes / 1e6 / bulk).toFixed(1).padStart(6)} MB/s (${(base.bulk / bulk).toFixed(2)}x gpt-tokenizer)` +
      `   short ${((short / shorts.length) * 1e6).toFixed(2).padStart(6)} us/call (${(base.short / short).toFixed(2)}x)` +
      `   load+first count ${loadTime(encoding, name).toFixed(0).padStart(5)} ms`,
    )
  }
  const cold = firstPass(tm, gpt, docs)
  for (const [name, seconds] of Object.entries(cold)) {
    console.log(`  ${name.padEnd(14)} first pass, caches empty ${(bytes / 1e6 / seconds).toFixed(1).padStart(6)} MB/s (${(cold['gpt-tokenizer'] / seconds).toFixed(2)}x gpt-tokenizer)`)
  }
  console.log(`  ${'tokenmeter'.padEnd(14)} countBatch ${(bytes / 1e6 / batch).toFixed(1)} MB/s on all cores (${(base.bulk / batch).toFixed(2)}x gpt-tokenizer)`)
}
