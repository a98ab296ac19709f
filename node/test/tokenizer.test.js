// Tokenizer: count, countUpTo, encode, decode, countBatch and their async twins.
// Expected ids come from OpenAI's tiktoken (its README and tests) and, for a corpus, from two
// independent JS implementations (gpt-tokenizer and js-tiktoken), never from tokenmeter itself.
'use strict'

const test = require('node:test')
const assert = require('node:assert/strict')
const { Tokenizer, encodings } = require('tokenmeter')

const o200k = Tokenizer.fromEncoding('o200k_base')
const cl100k = Tokenizer.fromEncoding('cl100k_base')

test('encodings lists the bundled OpenAI encodings', () => {
  assert.deepEqual(encodings().sort(), [
    'cl100k_base', 'o200k_base', 'o200k_harmony', 'p50k_base', 'p50k_edit', 'r50k_base',
  ])
})

test('encode matches tiktoken on its documented examples', () => {
  // tiktoken README / tests: "hello world" in each encoding.
  assert.deepEqual([...o200k.encode('hello world')], [24912, 2375])
  assert.deepEqual([...cl100k.encode('hello world')], [15339, 1917])
  assert.deepEqual([...Tokenizer.fromEncoding('r50k_base').encode('hello world')], [31373, 995])
})

test('count, encode and decode agree', () => {
  const text = 'Tokens are not words: naïve café, 東京, 🦀 and  spaces.'
  const ids = o200k.encode(text)
  assert.ok(ids instanceof Uint32Array)
  assert.equal(o200k.count(text), ids.length)
  assert.equal(o200k.decode(ids), text)
  assert.equal(o200k.decode([...ids]), text)
  assert.equal(o200k.count(''), 0)
  assert.equal(o200k.decode([]), '')
})

test('special tokens are text unless allowSpecial', () => {
  const text = '<|endoftext|>'
  assert.equal(cl100k.allowSpecial, false)
  assert.ok(cl100k.count(text) > 1)
  const special = Tokenizer.fromEncoding('cl100k_base', { allowSpecial: true })
  assert.equal(special.allowSpecial, true)
  assert.deepEqual([...special.encode(text)], [100257]) // tiktoken: cl100k <|endoftext|>
})

test('properties describe the tokenizer', () => {
  assert.equal(o200k.name, 'o200k_base')
  assert.equal(o200k.encoding, 'o200k_base')
  assert.equal(o200k.isExact, true)
  assert.deepEqual(o200k.accuracy, { exact: true, relativeError: 0 })
  const est = Tokenizer.estimate('anthropic')
  assert.equal(est.isExact, false)
  assert.equal(est.encoding, null)
  assert.ok(est.accuracy.relativeError > 0)
  assert.ok(est.count('Hello there, how are you today?') > 0)
})

test('forModel picks the model tokenizer', () => {
  assert.equal(Tokenizer.forModel('gpt-4o').name, 'o200k_base')
  assert.equal(Tokenizer.forModel('azure/gpt-4-0613').name, 'cl100k_base')
  assert.equal(Tokenizer.forModel('claude-3-5-sonnet').isExact, false)
})

test('countUpTo stops past the limit', () => {
  const text = 'word '.repeat(1000)
  const full = o200k.count(text)
  assert.deepEqual(o200k.countUpTo(text, full), { tokens: full, exceeded: false })
  const capped = o200k.countUpTo(text, 10)
  assert.equal(capped.exceeded, true)
  assert.ok(capped.tokens > 10 && capped.tokens <= full)
})

test('countBatch counts each text in order', () => {
  const texts = ['hello world', '', 'a much longer sentence with several more tokens in it']
  assert.deepEqual(o200k.countBatch(texts), texts.map((t) => o200k.count(t)))
  assert.deepEqual(o200k.countBatch([]), [])
})

test('async twins give the sync answers off the main thread', async () => {
  const texts = Array.from({ length: 200 }, (_, i) => `message number ${i}: ${'lorem ipsum '.repeat(i % 17)}`)
  assert.deepEqual(await o200k.countBatchAsync(texts), o200k.countBatch(texts))
  assert.equal(await o200k.countAsync(texts[42]), o200k.count(texts[42]))
  assert.deepEqual(await o200k.encodeAsync('hello world'), new Uint32Array([24912, 2375]))
})

test('an aborted signal rejects the async call', async () => {
  const controller = new AbortController()
  const pending = o200k.countBatchAsync(['a', 'b'], { signal: controller.signal })
  controller.abort()
  // The work may already have started on the pool; then it completes normally.
  await pending.then(
    (counts) => assert.deepEqual(counts, [1, 1]),
    (err) => assert.equal(err.name, 'AbortError'),
  )
})

test('bad input throws a coded Error, never crashes', () => {
  assert.throws(() => Tokenizer.fromEncoding('o300k'), {
    name: 'UnknownEncodingError',
    code: 'TOKENMETER_UNKNOWN_ENCODING',
    message: /unknown encoding `o300k`; known encodings: .*o200k_base/,
  })
  assert.throws(() => Tokenizer.forModel('gpt-4oo'), {
    code: 'TOKENMETER_UNKNOWN_MODEL',
    message: /unknown model `gpt-4oo`; did you mean .*gpt-4o/,
  })
  assert.throws(() => Tokenizer.estimate('nobody'), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => Tokenizer.fromHfFile('/nonexistent/tokenizer.json'), (err) => {
    assert.ok(err instanceof Error)
    assert.match(err.code, /^TOKENMETER_(IO|TOKENIZER_LOAD)$/)
    return true
  })
  assert.throws(() => Tokenizer.fromHfBytes(Buffer.from('not json')), { name: 'TokenizerLoadError', code: 'TOKENMETER_TOKENIZER_LOAD' })
  assert.throws(() => Tokenizer.fromHfCache('no-such-org/no-such-model'), (err) => /^TOKENMETER_/.test(err.code))
  for (const limit of [-1, 1.5, NaN, Infinity]) {
    assert.throws(() => o200k.countUpTo('x', limit), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /limit/ })
  }
  assert.throws(() => o200k.decode([4_000_000_000]), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => Tokenizer.estimate('anthropic').encode('x'), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  assert.throws(() => Tokenizer.estimate('anthropic').decode([1]), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
  // Wrong JS types are rejected by the binding before reaching the core.
  assert.throws(() => o200k.count(42), Error)
  assert.throws(() => o200k.countBatch(['ok', 7]), Error)
  assert.throws(() => o200k.decode('nope'), Error)
})

test('async twins reject with the same coded errors', async () => {
  const est = Tokenizer.estimate('anthropic')
  await assert.rejects(est.encodeAsync('x'), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /no token ids/ })
  assert.throws(() => o200k.countBatchAsync([1, 2]), Error)
})

test('unpaired surrogates are replaced, not a crash', () => {
  // JS strings may hold lone surrogates; they reach Rust as U+FFFD.
  assert.equal(o200k.count('\ud800'), o200k.count('\ufffd'))
})
