// parseUsage, cost, preflight and compare. Expected money is hand-worked from the published
// per-million-token prices (OpenAI and Anthropic pricing pages, as dated in prices.json):
// each case states its arithmetic.
'use strict'

const test = require('node:test')
const assert = require('node:assert/strict')
const {
  parseUsage, cost, preflight, compare, countChat, fitMessages, Catalog,
  UnknownModelError, PriceUnavailableError, BudgetExceededError, InvalidInputError, IoError,
} = require('tokenmeter')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

test('parseUsage reads the usage objects the official SDKs return', () => {
  // openai: chat.completions.create(...).usage
  const openai = parseUsage({
    prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500,
    prompt_tokens_details: { cached_tokens: 200 }, completion_tokens_details: { reasoning_tokens: 0 },
  })
  assert.equal(openai.format, 'openai_chat')
  assert.deepEqual(
    [openai.inputTokens, openai.cacheReadTokens, openai.outputTokens, openai.totalInput, openai.totalOutput],
    [1000, 200, 300, 1200, 300],
  )
  // @anthropic-ai/sdk: messages.create(...).usage
  const anthropic = parseUsage({ input_tokens: 1000, cache_creation_input_tokens: 0, cache_read_input_tokens: 5000, output_tokens: 200 })
  assert.equal(anthropic.format, 'anthropic')
  assert.deepEqual([anthropic.inputTokens, anthropic.cacheReadTokens, anthropic.totalInput], [1000, 5000, 6000])
  // @google/genai: a whole response with usageMetadata, as JSON text
  const gemini = parseUsage(JSON.stringify({ usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 50, totalTokenCount: 150 } }))
  assert.deepEqual([gemini.format, gemini.inputTokens, gemini.outputTokens], ['gemini', 100, 50])
  const named = parseUsage({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }, 'openai_chat')
  assert.equal(named.inputTokens, 10)
})

test('parseUsage rejects usage that does not add up', () => {
  assert.throws(() => parseUsage({}), { name: 'InvalidUsageError', code: 'TOKENMETER_INVALID_USAGE' })
  assert.throws(() => parseUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 20 } }), { name: 'InvalidUsageError', code: 'TOKENMETER_INVALID_USAGE' })
  assert.throws(() => parseUsage({ prompt_tokens: -1, completion_tokens: 5 }), { name: 'InvalidUsageError', code: 'TOKENMETER_INVALID_USAGE' })
  assert.throws(() => parseUsage('{not json'), (err) => /^TOKENMETER_(INVALID_USAGE|INVALID_INPUT)$/.test(err.code))
  assert.throws(() => parseUsage({ prompt_tokens: 1, completion_tokens: 1 }, 'cohere'), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
})

test('cost is itemized and exact', () => {
  // gpt-4o from 2024-10-02: $2.50 input, $1.25 cached input, $10 output per 1M tokens.
  // 1000 x 2.5/1e6 = 0.0025; 200 x 1.25/1e6 = 0.00025; 300 x 10/1e6 = 0.003; total 0.00575.
  const usage = parseUsage({ prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500, prompt_tokens_details: { cached_tokens: 200 } })
  const c = cost('gpt-4o', usage)
  assert.equal(c.total, '0.00575')
  assert.equal(c.totalNumber, 0.00575)
  assert.equal(c.currency, 'USD')
  assert.equal(c.model, 'gpt-4o')
  const lines = Object.fromEntries(c.lines.map((l) => [l.kind, l.amount]))
  assert.deepEqual(lines, { input: '0.0025', cache_read: '0.00025', output: '0.003' })
  assert.equal(c.priceEffective, '2024-10-02')

  // claude-sonnet-4-5: $3 input, $0.30 cache read, $15 output per 1M.
  // 1000 x 3/1e6 = 0.003; 5000 x 0.3/1e6 = 0.0015; 200 x 15/1e6 = 0.003; total 0.0075.
  const a = parseUsage({ input_tokens: 1000, cache_creation_input_tokens: 0, cache_read_input_tokens: 5000, output_tokens: 200 })
  assert.equal(cost('claude-sonnet-4-5', a).total, '0.0075')

  // Planned counts; batch halves the price: (1000 x 2.5 + 500 x 10)/1e6 = 0.0075, x 0.5 = 0.00375.
  assert.equal(cost('gpt-4o', { inputTokens: 1000, outputTokens: 500 }).total, '0.0075')
  assert.equal(cost('gpt-4o', { inputTokens: 1000, outputTokens: 500 }, { variant: 'batch' }).total, '0.00375')
  // Before 2024-10-02 gpt-4o was $5/$15: 1000 x 5/1e6 + 500 x 15/1e6 = 0.0125.
  assert.equal(cost('gpt-4o', { inputTokens: 1000, outputTokens: 500 }, { at: '2024-06-01' }).total, '0.0125')
  assert.equal(cost('gpt-4o', { inputTokens: 0, outputTokens: 0 }).totalNumber, 0)
})

test('cost errors', () => {
  const u = { inputTokens: 10, outputTokens: 10 }
  assert.throws(() => cost('no-such-model', u), { name: 'UnknownModelError', code: 'TOKENMETER_UNKNOWN_MODEL' })
  assert.throws(() => cost('gpt-4o', u, { at: '2020-01-01' }), { name: 'PriceUnavailableError', code: 'TOKENMETER_PRICE_UNAVAILABLE' })
  assert.throws(() => cost('gpt-4o', u, { variant: 'cheap' }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => cost('gpt-4o', u, { at: 'yesterday' }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => cost('gpt-4o', { inputTokens: -5, outputTokens: 1 }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  // A raw provider object is not silently priced as zero: read it with parseUsage first.
  assert.throws(() => cost('gpt-4o', { prompt_tokens: 10, completion_tokens: 5 }), Error)
})

const messages = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'How many tokens is this?' },
]

test('preflight counts, checks the window and prices both ends', () => {
  const p = preflight({ model: 'gpt-4o', messages, max_tokens: 100 })
  const { tokens } = countChat({ model: 'gpt-4o', messages })
  assert.equal(p.inputTokens, tokens)
  assert.equal(p.exact, true)
  assert.equal(p.reservedOutput, 100)
  assert.equal(p.fits, true)
  assert.equal(p.contextWindow, 128000)
  assert.equal(p.roomLeft, 128000 - tokens - 100)
  // Worst case adds the 100 reserved output tokens at $10 per 1M: 0.001 more than the least.
  assert.equal(p.worstCost.totalNumber - p.leastCost.totalNumber, 0.001)
  const text = preflight({ model: 'gpt-4o', text: 'hello world', max_completion_tokens: 10 })
  assert.equal(text.inputTokens, 2)
  assert.equal(text.reservedOutput, 10)
  // No cap: the model's maximum output (16,384 for gpt-4o) is reserved, with a warning.
  const uncapped = preflight({ model: 'gpt-4o', text: 'hello world' })
  assert.equal(uncapped.reservedOutput, 16384)
  assert.ok(uncapped.warnings.some((w) => w.kind === 'no_max_output'))
  const big = preflight({ model: 'gpt-4o', text: 'word '.repeat(130000), max_tokens: 100 })
  assert.equal(big.fits, false)
  assert.ok(big.warnings.some((w) => w.kind === 'does_not_fit'))
})

test('preflight errors', () => {
  assert.throws(() => preflight({ model: 'gpt-4o' }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /messages/ })
  assert.throws(() => preflight({ model: 'gpt-4o', text: 'x', messages }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => preflight({ model: 'nope', text: 'x' }), { name: 'UnknownModelError', code: 'TOKENMETER_UNKNOWN_MODEL' })
  assert.throws(() => preflight({ model: 'gpt-4o', text: 'x', max_tokens: -1 }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => preflight({ model: 'gpt-4o', messages: [] }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
})

test('compare prices one request on several models', () => {
  // 'hello world' is 2 o200k tokens. gpt-4o: 2 x 2.5/1e6 + 100 x 10/1e6 = 0.001005;
  // gpt-4o-mini: 2 x 0.15/1e6 + 100 x 0.6/1e6 = 0.0000603. Rows come cheapest first.
  const rows = compare({ models: ['gpt-4o', 'gpt-4o-mini'], text: 'hello world', outputTokens: 100 })
  assert.deepEqual(rows.map((r) => [r.model, r.inputTokens, r.costPerRequest, r.costPer1kRequests]), [
    ['gpt-4o-mini', 2, '0.0000603', '0.0603'],
    ['gpt-4o', 2, '0.001005', '1.005'],
  ])
  assert.equal(rows[1].costPer1kRequestsNumber, 1.005)
  assert.ok(rows.every((r) => r.fits && r.exact))
  assert.throws(() => compare({ models: [], text: 'x', outputTokens: 1 }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => compare({ models: ['gpt-4o', 'nope'], text: 'x', outputTokens: 1 }), { name: 'UnknownModelError', code: 'TOKENMETER_UNKNOWN_MODEL' })
  assert.throws(() => compare({ models: ['gpt-4o'], text: 'x', outputTokens: 0.5 }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
})

// The model of python/tests/test_catalog.py (test_catalog_from_json), given prices: $3 input and
// $15 output per 1M tokens from 2026-01-01, batch at half price.
const customJson = JSON.stringify({
  catalog_date: '2026-01-01',
  models: [
    {
      id: 'm1', provider: 'p', tokenizer: { estimate: 'anthropic' }, context_window: 1000, max_output: 100,
      prices: [{ effective: '2026-01-01', source: 'test', rates: { input: '3', output: '15' }, variants: { batch: { multiplier: '0.5' } } }],
    },
    {
      id: 'm2', provider: 'p', tokenizer: { encoding: 'o200k_base' }, context_window: 1000, max_output: 100,
      prices: [{ effective: '2026-01-01', source: 'test', rates: { input: '1', output: '2' } }],
    },
  ],
})

test('a catalog loaded with Catalog.fromJson prices, preflights, compares and fits its own models', async () => {
  const custom = Catalog.fromJson(customJson)
  const messages = [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'old question '.repeat(200) },
    { role: 'assistant', content: 'old answer '.repeat(200) },
    { role: 'user', content: 'Weather in Paris?' },
  ]

  // 1000 x 3/1e6 + 100 x 15/1e6 = 0.003 + 0.0015 = 0.0045; batch halves it.
  const c = custom.cost('m1', { inputTokens: 1000, outputTokens: 100 })
  assert.equal(c.model, 'm1')
  assert.equal(c.total, '0.0045')
  assert.equal(c.priceEffective, '2026-01-01')
  assert.equal(custom.cost('m1', { inputTokens: 1000, outputTokens: 100 }, { variant: 'batch' }).total, '0.00225')
  assert.throws(() => custom.cost('m1', { inputTokens: 1, outputTokens: 1 }, { at: '2025-12-31' }), PriceUnavailableError)
  // The bundled catalog does not know m1, and the custom one does not know gpt-4o.
  assert.throws(() => cost('m1', { inputTokens: 1, outputTokens: 1 }), UnknownModelError)
  assert.throws(() => custom.cost('gpt-4o', { inputTokens: 1, outputTokens: 1 }), UnknownModelError)

  // m2 counts exactly (o200k): `hello world` is 2 tokens, priced at $1 in and $2 out per 1M.
  const p = custom.preflight({ model: 'm2', text: 'hello world', max_tokens: 50 })
  assert.equal(p.inputTokens, 2)
  assert.equal(p.contextWindow, 1000)
  assert.equal(p.reservedOutput, 50)
  assert.ok(p.fits)
  assert.equal(p.worstCost.total, '0.000102') // 2 x 1/1e6 + 50 x 2/1e6
  assert.equal(p.worstCost.total, custom.cost('m2', { inputTokens: 2, outputTokens: 50 }).total)
  assert.throws(() => preflight({ model: 'm2', text: 'hello world' }), UnknownModelError)

  const rows = custom.compare({ models: ['m1', 'm2'], text: 'hello world', outputTokens: 100 })
  assert.deepEqual(rows.map((r) => r.model), ['m2', 'm1'])
  assert.equal(rows[0].costPerRequest, '0.000202') // 2 x 1/1e6 + 100 x 2/1e6
  assert.throws(() => compare({ models: ['m1', 'm2'], text: 'x', outputTokens: 1 }), UnknownModelError)

  // Fitting by the custom model's tokenizer and context window.
  const fitted = custom.fitMessages({ model: 'm2', messages }, { budget: 100 })
  assert.ok(fitted.tokens <= 100)
  assert.ok(fitted.dropped.length > 0)
  assert.deepEqual(await custom.fitMessagesAsync({ model: 'm2', messages }, { budget: 100 }), fitted)
  const forModel = custom.fitMessagesForModel({ model: 'm2', messages }, { reserveOutput: 900 })
  assert.deepEqual(forModel, fitted)
  assert.throws(() => fitMessages({ model: 'm2', messages }, { budget: 100 }), UnknownModelError)
  assert.throws(() => custom.fitMessages({ model: 'm2', messages }, { budget: 5 }), BudgetExceededError)
  await assert.rejects(custom.fitMessagesAsync({ model: 'gpt-4o', messages }, { budget: 100 }), UnknownModelError)
})

// The override document of Python's test_cost.py: a private model under contract and a discount.
const OVERRIDES = JSON.stringify({
  models: [{
    id: 'acme-llm', provider: 'acme', tokenizer: { encoding: 'o200k_base' },
    context_window: 32000, max_output: 4000,
    prices: [{ effective: '2026-01-01', source: 'contract #42', rates: { input: '0.5', output: '1.5' } }],
  }],
  discounts: { 'gpt-4o': '0.5' },
})

test('Catalog#withOverrides adds a private model and a discount', () => {
  const bundled = Catalog.bundled()
  const catalog = bundled.withOverrides(OVERRIDES)
  assert.ok(catalog instanceof Catalog)
  // acme-llm under contract #42: 1000 x $0.50/M + 1000 x $1.50/M = $0.0005 + $0.0015.
  assert.equal(catalog.cost('acme-llm', { inputTokens: 1000, outputTokens: 1000 }, { at: '2026-06-01' }).total, '0.002')
  // gpt-4o at half price: (1000 x $2.50/M + 100 x $10/M) x 0.5 = $0.0035 x 0.5.
  const small = { inputTokens: 1000, outputTokens: 100 }
  assert.equal(catalog.cost('gpt-4o', small, { at: '2025-06-01' }).total, '0.00175')
  // The bundled catalog is untouched.
  assert.equal(cost('gpt-4o', small, { at: '2025-06-01' }).total, '0.0035')
  assert.equal(bundled.cost('gpt-4o', small, { at: '2025-06-01' }).total, '0.0035')
  assert.throws(() => bundled.get('acme-llm'), UnknownModelError)
})

test('Catalog#withPriceFile reads an override document from a path', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenmeter-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const file = path.join(dir, 'prices.json')
  fs.writeFileSync(file, OVERRIDES, 'utf8')
  const catalog = Catalog.bundled().withPriceFile(file, '2026-01-01')
  // 2000 x $0.50/M = $0.001.
  assert.equal(catalog.cost('acme-llm', { inputTokens: 2000, outputTokens: 0 }, { at: '2026-06-01' }).total, '0.001')
})

test('bad overrides say what is wrong', () => {
  const catalog = Catalog.bundled()
  assert.throws(() => catalog.withOverrides('{not json'), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /override/ })
  assert.throws(() => catalog.withOverrides('{"discounts": {"gpt-4oo": "0.9"}}'), { name: 'UnknownModelError', code: 'TOKENMETER_UNKNOWN_MODEL' })
  assert.throws(() => catalog.withPriceFile(path.join(os.tmpdir(), 'tokenmeter-missing', 'missing.json'), '2026-01-01'), { name: 'IoError', code: 'TOKENMETER_IO' })
  assert.throws(() => catalog.withOverrides('{not json'), InvalidInputError)
  assert.throws(() => catalog.withPriceFile('/nonexistent/tokenmeter/prices.json', '2026-01-01'), IoError)
})
