// The shared conformance vectors (tests/vectors/*.json): Node must give exactly the answers
// the Rust core gives. One test per case id; every file in the folder is read, and an
// operation this loader does not know yet is reported as a todo, never silently skipped.
'use strict'

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const tokenmeter = require('tokenmeter')
const {
  Tokenizer, Catalog, Pruner, Redactor, countChat, parseChat, parseUsage, cost, preflight, compare, fitMessages,
  TokenmeterError,
} = tokenmeter

// The error class of each code (`UNKNOWN_MODEL` -> UnknownModelError), from the package's exports.
const errorClasses = new Map(
  Object.values(tokenmeter)
    .filter((v) => typeof v === 'function' && v.prototype instanceof TokenmeterError)
    .map((cls) => [cls.code, cls]),
)

const assertThrowsCoded = (fn, error) => {
  const code = `TOKENMETER_${error}`
  const cls = errorClasses.get(code)
  assert.ok(cls, `no error class exported for ${code}`)
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error, 'an Error')
    assert.ok(err instanceof TokenmeterError, `a TokenmeterError: ${err}`)
    assert.equal(err.code, code)
    assert.ok(err instanceof cls, `${err.constructor.name} is not a ${cls.name}`)
    assert.equal(err.name, cls.name)
    return true
  })
}

const root = path.resolve(__dirname, '..', '..')
const vectorsDir = path.join(root, 'tests', 'vectors')
const catalog = Catalog.bundled()

const tokenizerFor = (input) => {
  const options = { allowSpecial: Boolean(input.allow_special) }
  if (input.tokenizer_file !== undefined) return Tokenizer.fromHfFile(path.join(root, input.tokenizer_file), options)
  return Tokenizer.fromEncoding(input.encoding, options)
}

// Pricing vectors list only the keys they check, and compare decimal strings by value.
const DECIMAL = /^-?\d+(\.\d+)?$/
const byValue = (s) => {
  const [int, frac = ''] = s.replace(/^-/, '').split('.')
  const digits = `${int.replace(/^0+(?=\d)/, '')}.${frac.replace(/0+$/, '')}`.replace(/\.$/, '')
  return (s.startsWith('-') && digits !== '0' ? '-' : '') + digits
}
const subset = (expect, got, at = '') => {
  if (typeof expect === 'string' && typeof got === 'string' && DECIMAL.test(expect) && DECIMAL.test(got)) {
    assert.equal(byValue(got), byValue(expect), `${at}: ${got} != ${expect}`)
  } else if (Array.isArray(expect)) {
    assert.ok(Array.isArray(got) && got.length === expect.length, `${at}: expected ${expect.length} items, got ${JSON.stringify(got)}`)
    expect.forEach((e, i) => subset(e, got[i], `${at}[${i}]`))
  } else if (expect !== null && typeof expect === 'object') {
    assert.ok(got !== null && typeof got === 'object', `${at}: expected an object, got ${JSON.stringify(got)}`)
    for (const [k, e] of Object.entries(expect)) subset(e, got[k], at ? `${at}.${k}` : k)
  } else {
    assert.deepEqual(got, expect, at)
  }
}
// Three expectation keys are checks rather than values (the fitting vectors): `contains` and
// `not_contains` list strings `got.text` must or must not hold; `max_tokens` bounds `got.tokens`.
const checks = (expect, got) => {
  for (const [key, want] of Object.entries(expect)) {
    if (key === 'contains') for (const s of want) assert.ok(got.text.includes(s), `text lacks ${JSON.stringify(s)}`)
    else if (key === 'not_contains') for (const s of want) assert.ok(!got.text.includes(s), `text has ${JSON.stringify(s)}`)
    else if (key === 'max_tokens') assert.ok(got.tokens <= want, `tokens ${got.tokens} over ${want}`)
    else subset(want, got[key], key)
  }
}
// The core's documented default marker for keep: 'both' (docs of TruncateOptions).
const DEFAULT_MARKER = '\n[…]\n'
const encodingOf = (input) => Tokenizer.fromEncoding(input.encoding ?? 'o200k_base')
const costOptions = (input) => ({ at: input.at, variant: input.variant })
const usageOf = (input) => parseUsage(input.usage_file !== undefined
  ? fs.readFileSync(path.join(root, input.usage_file), 'utf8')
  : input.usage)

// Counted cold (the thread's piece cache emptied) and warm: both must be the expected count.
const counted = (input) => {
  const tokenizer = tokenizerFor(input)
  Tokenizer.clearThreadCache()
  const cold = tokenizer.count(input.text)
  const warm = tokenizer.count(input.text)
  assert.equal(warm, cold, 'a warm count differs from the cold one')
  return { tokens: cold, ids: [...tokenizer.encode(input.text)] }
}

// op -> (input) => the value compared with `expect` (or that throws the expected error).
const runners = {
  count: counted,
  hf_count: counted,
  chat: (input) => countChat({ model: input.model, messages: input.messages, tools: input.tools }),
  resolve: (input) => ({ model: catalog.resolve(input.name).model.id }),
  price: (input) => {
    const c = cost(input.model, usageOf(input), costOptions(input))
    return {
      total: c.total,
      lines: c.lines.map((l) => ({ kind: l.kind, quantity: l.quantity, unit_price: l.unitPrice, amount: l.amount })),
      tier: c.tier && { above: c.tier.above, crossed: c.tier.crossed },
    }
  },
  truncate: (input) => {
    const marker = input.marker ?? DEFAULT_MARKER
    const cut = encodingOf(input).truncate(input.text, { budget: input.budget, keep: input.keep, marker: input.marker })
    const bytes = Buffer.from(input.text, 'utf8')
    const head = bytes.subarray(0, cut.headBytes).toString('utf8')
    const tail = bytes.subarray(bytes.length - cut.tailBytes).toString('utf8')
    return {
      text: cut.text, tokens: cut.tokens, truncated: cut.truncated,
      marker: cut.text.includes(marker) ? marker : '',
      ends_preserved: cut.truncated && input.keep === 'both' && cut.text === head + marker + tail,
    }
  },
  fit: (input) => {
    const f = fitMessages({ model: input.model, messages: input.messages, tools: input.tools }, { budget: input.budget })
    return { kept: f.kept, tokens: f.tokens }
  },
  pack: (input) => {
    const p = encodingOf(input).pack(input.sections, { budget: input.budget })
    return { cutoff: p.cutoff, included: p.included, text: p.text, tokens: p.tokens }
  },
  prune: (input) => {
    const p = new Pruner({ passes: input.passes }).run(encodingOf(input), input.text)
    return { text: p.text, tokens_before: p.tokensBefore, tokens_after: p.tokensAfter }
  },
  redact: (input) => {
    const patterns = Object.entries(input.patterns ?? {}).map(([label, pattern]) => ({ label, pattern }))
    const r = new Redactor({ patterns }).run(encodingOf(input), input.text)
    return {
      text: r.text, mapping: r.mapping, restored: Redactor.restore(r.text, r.mapping),
      tokens_before: r.tokensBefore, tokens_after: r.tokensAfter,
    }
  },
  preflight: (input) => {
    const p = preflight({ model: input.model, text: input.text, messages: input.messages, tools: input.tools, max_completion_tokens: input.max_output }, costOptions(input))
    return {
      input_tokens: p.inputTokens, exact: p.exact, reserved_output: p.reservedOutput, fits: p.fits, room_left: p.roomLeft,
      least_cost: p.leastCost.total, worst_cost: p.worstCost.total, warnings: p.warnings.map((w) => w.kind),
    }
  },
  compare: (input) => ({
    rows: compare({ models: input.models, text: input.text, messages: input.messages, tools: input.tools, outputTokens: input.output_tokens }, costOptions(input))
      .map((r) => ({ model: r.model, input_tokens: r.inputTokens, exact: r.exact, cost_per_request: r.costPerRequest, cost_per_1k_requests: r.costPer1kRequests })),
  }),
  errors: (input) => {
    switch (input.op) {
      case 'count': return Tokenizer.fromEncoding(input.encoding).count(input.text)
      case 'model': return catalog.get(input.model)
      case 'estimate': return Tokenizer.estimate(input.profile)
      case 'chat': return countChat({ model: input.model, ...parseChat(input.chat_json) })
      case 'hf_bytes': return Tokenizer.fromHfBytes(Buffer.from(input.tokenizer_json, 'utf8'))
      case 'hf_file': return Tokenizer.fromHfFile(path.join(root, input.tokenizer_file))
      case 'decode': return Tokenizer.fromEncoding(input.encoding).decode(input.ids)
      default: throw new Error(`errors.json: no runner for op ${input.op}`)
    }
  },
}

// Ops whose vectors list only the keys they check (and decimals compared by value).
const byKeys = new Set(['price', 'preflight', 'compare', 'truncate', 'fit', 'pack', 'prune', 'redact'])

const files = fs.existsSync(vectorsDir) ? fs.readdirSync(vectorsDir).filter((f) => f.endsWith('.json')).sort() : []

test('the vector folder is present', { skip: files.length === 0 && 'tests/vectors has not landed on this branch yet' }, () => {
  assert.ok(files.length > 0)
})

for (const file of files) {
  const doc = JSON.parse(fs.readFileSync(path.join(vectorsDir, file), 'utf8'))
  const run = runners[doc.op]
  test.describe(file, () => {
    if (!run) {
      test.todo(`no Node runner for op "${doc.op}" yet (${doc.cases.length} cases)`)
      return
    }
    assert.ok(doc.cases.length > 0, `${file} has no cases`)
    for (const c of doc.cases) {
      test.it(c.id, () => {
        if (c.error !== undefined) {
          assertThrowsCoded(() => run(c.input), c.error)
        } else if (byKeys.has(doc.op)) {
          checks(c.expect, run(c.input))
        } else {
          assert.deepEqual(run(c.input), c.expect)
        }
      })
    }
  })
}
