// truncate, pack, fitMessages, Pruner and Redactor. Assertions are invariants checked with
// independent counts (count of the result <= budget, pinned messages kept, ...) and the
// worked examples of the core's documentation.
'use strict'

const test = require('node:test')
const assert = require('node:assert/strict')
const { Tokenizer, Pruner, Redactor, countChat, fitMessages, fitMessagesAsync, fitMessagesForModel } = require('tokenmeter')

const enc = Tokenizer.fromEncoding('o200k_base')
const long = Array.from({ length: 300 }, (_, i) => `Sentence ${i} says something about tokens, budgets and Café ☕.`).join(' ')

test('truncate keeps a head, tail or both ends within the budget', () => {
  const head = enc.truncate(long, { budget: 50 })
  assert.equal(head.truncated, true)
  assert.equal(enc.count(head.text), head.tokens)
  assert.ok(head.tokens <= 50 && head.tokens >= 45)
  assert.ok(long.startsWith(head.text))
  assert.equal(head.exact, true)
  assert.equal(Buffer.byteLength(head.text), head.headBytes)
  assert.equal(head.headBytes + head.cutBytes, Buffer.byteLength(long))

  const tail = enc.truncate(long, { budget: 50, keep: 'tail', countCut: true })
  assert.ok(long.endsWith(tail.text))
  assert.ok(tail.cutTokens > 0)

  const both = enc.truncate(long, { budget: 60, keep: 'both', marker: ' ... ' })
  assert.ok(both.text.includes(' ... '))
  assert.ok(enc.count(both.text) <= 60)

  const short = enc.truncate('hello world', { budget: 10 })
  assert.deepEqual([short.text, short.truncated, short.tokens], ['hello world', false, 2])
})

test('truncate rejects bad options with coded errors', async () => {
  assert.throws(() => enc.truncate(long, { budget: 0 }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /budget/ })
  assert.throws(() => enc.truncate(long, { budget: -3 }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => enc.truncate(long, { budget: 5, keep: 'middle' }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /head, tail or both/ })
  assert.throws(() => enc.truncate(long), Error)
  await assert.rejects(enc.truncateAsync(long, { budget: 0 }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.deepEqual(await enc.truncateAsync(long, { budget: 50 }), enc.truncate(long, { budget: 50 }))
})

test('encodeWithOffsets covers the input byte by byte', () => {
  const spans = enc.encodeWithOffsets('hello world')
  assert.deepEqual(spans, [{ id: 24912, start: 0, end: 5 }, { id: 2375, start: 5, end: 11 }])
  assert.throws(() => Tokenizer.estimate('anthropic').encodeWithOffsets('x'), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
})

test('pack keeps the highest priorities that fit (core docs example)', async () => {
  const sections = [
    { text: 'You are a support agent.', priority: 100 },
    { text: 'Old ticket: printer jams on page two, fixed by a new roller.', priority: 1, id: 'old' },
    { text: 'Question: how do I reset my password?', priority: 50 },
  ]
  const packed = enc.pack(sections, { budget: 20 })
  assert.deepEqual(packed.included, [0, 2])
  assert.equal(packed.cutoff, 50)
  assert.equal(packed.text, 'You are a support agent.\n\nQuestion: how do I reset my password?')
  assert.equal(enc.count(packed.text), packed.tokens)
  assert.equal(packed.excluded.length, 1)
  assert.equal(packed.excluded[0].id, 'old')
  assert.deepEqual(await enc.packAsync(sections, { budget: 20 }), packed)
  assert.throws(() => enc.pack(sections, { budget: 2 }), { name: 'BudgetExceededError', code: 'TOKENMETER_BUDGET_EXCEEDED' })
  assert.throws(() => enc.pack([], { budget: 20 }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  await assert.rejects(enc.packAsync(sections, { budget: 2 }), { name: 'BudgetExceededError', code: 'TOKENMETER_BUDGET_EXCEEDED' })
})

const history = [
  { role: 'system', content: 'You are a helpful assistant.' },
  ...Array.from({ length: 20 }, (_, i) => [
    { role: 'user', content: `Question ${i}: ${'tell me more about it '.repeat(10)}` },
    { role: 'assistant', content: `Answer ${i}: ${'here is more detail '.repeat(12)}` },
  ]).flat(),
  { role: 'user', content: 'And finally, summarize everything.' },
]

test('fitMessages drops the oldest turns and pins system and last user', async () => {
  const fitted = fitMessages({ model: 'gpt-4o', messages: history }, { budget: 400 })
  assert.ok(fitted.tokens <= 400)
  assert.equal(fitted.budget, 400)
  assert.deepEqual(countChat({ model: 'gpt-4o', messages: fitted.messages }), { tokens: fitted.tokens, exact: true })
  assert.deepEqual(fitted.messages[0], { role: 'system', content: 'You are a helpful assistant.' })
  assert.equal(fitted.messages.at(-1).content, 'And finally, summarize everything.')
  assert.equal(fitted.kept.length, fitted.messages.length)
  assert.equal(fitted.kept.length + fitted.dropped.length, history.length)
  assert.ok(fitted.dropped.every((d) => ['over_budget', 'older', 'tool_pair'].includes(d.reason)))
  assert.deepEqual(await fitMessagesAsync({ model: 'gpt-4o', messages: history }, { budget: 400 }), fitted)

  const partial = fitMessages({ model: 'gpt-4o', messages: history }, { budget: 400, partial: true })
  assert.ok(partial.tokens <= 400)

  const all = fitMessagesForModel({ model: 'gpt-4o', messages: history }, { reserveOutput: 1000 })
  assert.equal(all.dropped.length, 0)
  assert.equal(all.budget, 128000 - 1000)
})

test('fitMessages errors', async () => {
  assert.throws(() => fitMessages({ model: 'gpt-4o', messages: history }, { budget: 5 }), { name: 'BudgetExceededError', code: 'TOKENMETER_BUDGET_EXCEEDED' })
  assert.throws(() => fitMessages({ model: 'gpt-4o', messages: history }, {}), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /budget/ })
  assert.throws(() => fitMessages({ model: 'nope', messages: history }, { budget: 100 }), { name: 'UnknownModelError', code: 'TOKENMETER_UNKNOWN_MODEL' })
  assert.throws(() => fitMessages({ model: 'gpt-4o', messages: history }, { budget: 100, partialKeep: 'sideways' }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => fitMessagesForModel({ model: 'gpt-4o', messages: history }, { reserveOutput: 1e9 }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  await assert.rejects(fitMessagesAsync({ model: 'gpt-4o', messages: history }, { budget: 5 }), { name: 'BudgetExceededError', code: 'TOKENMETER_BUDGET_EXCEEDED' })
})

test('Pruner minifies JSON and reports each pass (core docs example)', async () => {
  const pruner = new Pruner({ passes: ['json', 'whitespace'] })
  assert.deepEqual(pruner.passes, ['json', 'whitespace'])
  const pruned = pruner.run(enc, '{\n  "id": 1,\n  "ok": true\n}\n')
  assert.equal(pruned.text, '{"id":1,"ok":true}')
  assert.ok(pruned.tokensAfter < pruned.tokensBefore)
  assert.equal(pruned.tokensAfter, enc.count(pruned.text))
  assert.deepEqual(pruned.passes.map((p) => p.pass), ['json', 'whitespace'])
  assert.equal(pruned.passes[0].saved, pruned.passes[0].tokensBefore - pruned.passes[0].tokensAfter)
  assert.deepEqual(await pruner.runAsync(enc, '{\n  "id": 1,\n  "ok": true\n}\n'), pruned)
  assert.deepEqual(new Pruner().passes, ['json', 'dedupe', 'whitespace'])
  assert.ok(Pruner.allPasses().includes('markdown'))
  assert.equal(new Pruner({ passes: ['boilerplate'], boilerplate: ['(?i)sent from my phone'] }).apply('boilerplate', 'hi. Sent from my phone'), 'hi. ')
})

test('Pruner errors', () => {
  assert.throws(() => new Pruner({ passes: ['zip'] }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /zip/ })
  assert.throws(() => new Pruner({ boilerplate: ['('] }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => new Pruner({ passes: [] }).run(enc, 'x'), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => new Pruner().apply('zip', 'x'), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => new Pruner().run({}, 'x'), Error)
})

test('Redactor replaces personal data reversibly (core docs example)', () => {
  const redactor = new Redactor()
  const r = redactor.redact('mail ana@example.com')
  assert.equal(r.text, 'mail <EMAIL_1>')
  assert.deepEqual(r.mapping, [{ placeholder: '<EMAIL_1>', kind: 'EMAIL', value: 'ana@example.com' }])
  assert.equal(Redactor.restore('I wrote to <EMAIL_1>.', r.mapping), 'I wrote to ana@example.com.')
  // The same value keeps its placeholder in a later message.
  const again = redactor.redact('cc ana@example.com and bo@example.org', r.mapping)
  assert.equal(again.text, 'cc <EMAIL_1> and <EMAIL_2>')
  const counted = redactor.run(enc, 'card 4111 1111 1111 1111 please')
  assert.match(counted.text, /<CARD_1>/)
  assert.equal(counted.tokensBefore, enc.count('card 4111 1111 1111 1111 please'))
  assert.equal(counted.tokensAfter, enc.count(counted.text))
  const custom = new Redactor({ patterns: [{ label: 'ticket', pattern: 'TCK-\\d+' }] })
  assert.equal(custom.redact('see TCK-1234').text, 'see <TICKET_1>')
})

test('Redactor errors', () => {
  assert.throws(() => new Redactor({ patterns: [{ label: '1bad', pattern: 'x' }] }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => new Redactor({ patterns: [{ label: 'ok', pattern: '(' }] }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => Redactor.restore('x', [{ placeholder: 1 }]), Error)
})
