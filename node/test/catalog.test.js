// Catalog: bundled models, name resolution, nearest names, custom catalogs.
'use strict'

const test = require('node:test')
const assert = require('node:assert/strict')
const { Catalog } = require('tokenmeter')

const catalog = Catalog.bundled()

test('bundled catalog lists models with their limits', () => {
  assert.match(catalog.date, /^\d{4}-\d{2}-\d{2}$/)
  const models = catalog.models()
  assert.ok(models.length >= 50)
  const gpt4o = models.find((m) => m.id === 'gpt-4o')
  assert.equal(gpt4o.provider, 'openai')
  assert.equal(gpt4o.contextWindow, 128000) // OpenAI model docs
  assert.equal(gpt4o.maxOutput, 16384)
  assert.deepEqual(gpt4o.tokenizer, { kind: 'encoding', name: 'o200k_base' })
  assert.equal(gpt4o.chatFormat, 'openai')
  for (const m of models) {
    assert.equal(typeof m.id, 'string')
    assert.ok(['encoding', 'hugging_face', 'estimate'].includes(m.tokenizer.kind), m.id)
  }
})

test('resolve says how a name matched', () => {
  assert.equal(catalog.resolve('gpt-4o').matchedBy, 'id')
  const r = catalog.resolve('openai/gpt-4o-2024-11-20')
  assert.equal(r.model.id, 'gpt-4o')
  assert.equal(catalog.resolve('ft:gpt-4o-mini-2024-07-18:acme::abc123').matchedBy, 'fine_tune')
  assert.equal(catalog.get('us.anthropic.claude-3-5-sonnet-20241022-v2:0').id, 'claude-3-5-sonnet')
})

test('unknown names throw with suggestions', () => {
  assert.throws(() => catalog.get('gtp-4o'), { name: 'UnknownModelError', code: 'TOKENMETER_UNKNOWN_MODEL', message: /did you mean/ })
  assert.throws(() => catalog.resolve(''), { name: 'UnknownModelError', code: 'TOKENMETER_UNKNOWN_MODEL' })
  assert.ok(catalog.nearest('gtp-4o').includes('gpt-4o'))
  assert.equal(catalog.nearest('gpt', 2).length, 2)
  assert.throws(() => catalog.nearest('gpt', -2), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => catalog.get(), Error)
})

test('tokenizer of a model', () => {
  assert.equal(catalog.tokenizer('gpt-4').name, 'cl100k_base')
  assert.equal(catalog.tokenizer('gpt-4o', { allowSpecial: true }).allowSpecial, true)
  assert.throws(() => catalog.tokenizer('nope-model'), { name: 'UnknownModelError', code: 'TOKENMETER_UNKNOWN_MODEL' })
})

test('a custom catalog from JSON', () => {
  const custom = Catalog.fromJson(JSON.stringify({
    catalog_date: '2026-01-01',
    models: [{
      id: 'acme-1', provider: 'acme', aliases: ['acme-1-2026'],
      tokenizer: { encoding: 'cl100k_base' }, context_window: 8192, max_output: 1024,
    }],
  }))
  assert.equal(custom.date, '2026-01-01')
  assert.equal(custom.get('acme-1-2026').id, 'acme-1')
  assert.equal(custom.tokenizer('acme-1').name, 'cl100k_base')
  assert.throws(() => custom.get('gpt-4o'), { name: 'UnknownModelError', code: 'TOKENMETER_UNKNOWN_MODEL' })
  assert.throws(() => Catalog.fromJson('{'), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /catalog JSON/ })
  assert.throws(() => Catalog.fromJson(JSON.stringify({
    catalog_date: 'x', models: [{ id: 'a', provider: 'b', tokenizer: { encoding: 'o300k' }, context_window: 1, max_output: 1 }],
  })), (err) => /^TOKENMETER_(INVALID_INPUT|UNKNOWN_ENCODING)$/.test(err.code))
})
