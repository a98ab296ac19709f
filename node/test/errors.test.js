// Errors are `Error` subclasses: one class per code, all extending `TokenmeterError`, keeping the
// core's message and code, whether thrown, rejected, or raised by a constructor, a static
// factory or a method.
'use strict'

const test = require('node:test')
const assert = require('node:assert/strict')
const tokenmeter = require('tokenmeter')
const native = require('../native.js')
const {
  TokenmeterError, UnknownModelError, UnknownEncodingError, BudgetExceededError, InvalidInputError,
  TokenizerLoadError, PriceUnavailableError, InvalidUsageError, IoError, PanicError,
  Tokenizer, Catalog, Pruner, countChatAsync, cost, parseUsage,
} = tokenmeter

const classes = {
  TOKENMETER_UNKNOWN_MODEL: UnknownModelError,
  TOKENMETER_UNKNOWN_ENCODING: UnknownEncodingError,
  TOKENMETER_BUDGET_EXCEEDED: BudgetExceededError,
  TOKENMETER_INVALID_INPUT: InvalidInputError,
  TOKENMETER_TOKENIZER_LOAD: TokenizerLoadError,
  TOKENMETER_PRICE_UNAVAILABLE: PriceUnavailableError,
  TOKENMETER_INVALID_USAGE: InvalidUsageError,
  TOKENMETER_IO: IoError,
  TOKENMETER_PANIC: PanicError,
}

const isA = (cls, code, message) => (err) => {
  assert.ok(err instanceof Error)
  assert.ok(err instanceof TokenmeterError)
  assert.ok(err instanceof cls, `${err.constructor.name} is not a ${cls.name}`)
  assert.equal(err.constructor, cls)
  assert.equal(err.name, cls.name)
  assert.equal(err.code, code)
  if (message) assert.match(err.message, message)
  assert.match(err.stack, new RegExp(err.message.slice(0, 20).replace(/[^a-z ]/gi, '.')))
  return true
}

test('one exported class per code, each a TokenmeterError and an Error', () => {
  for (const [code, cls] of Object.entries(classes)) {
    assert.equal(typeof cls, 'function')
    assert.equal(cls.code, code)
    assert.ok(cls.prototype instanceof TokenmeterError)
    assert.ok(cls.prototype instanceof Error)
    const err = new cls('made by hand')
    assert.ok(isA(cls, code, /made by hand/)(err))
  }
})

test('thrown by functions, static factories, constructors and methods', () => {
  assert.throws(() => Tokenizer.forModel('gpt-4oo'), isA(UnknownModelError, 'TOKENMETER_UNKNOWN_MODEL', /did you mean/))
  assert.throws(() => Tokenizer.fromEncoding('o300k'), isA(UnknownEncodingError, 'TOKENMETER_UNKNOWN_ENCODING'))
  assert.throws(() => Tokenizer.fromHfFile('/nonexistent/tokenizer.json'), isA(TokenizerLoadError, 'TOKENMETER_TOKENIZER_LOAD'))
  assert.throws(() => Catalog.fromJson('{'), isA(InvalidInputError, 'TOKENMETER_INVALID_INPUT', /catalog JSON/))
  assert.throws(() => new Pruner({ passes: ['zip'] }), isA(InvalidInputError, 'TOKENMETER_INVALID_INPUT', /zip/))
  const enc = Tokenizer.fromEncoding('o200k_base')
  assert.throws(() => enc.pack([{ text: 'a long enough section', priority: 1 }], { budget: 1 }), isA(BudgetExceededError, 'TOKENMETER_BUDGET_EXCEEDED'))
  assert.throws(() => Catalog.bundled().get('nope'), isA(UnknownModelError, 'TOKENMETER_UNKNOWN_MODEL'))
  const usage = parseUsage({ prompt_tokens: 10, completion_tokens: 5 })
  assert.throws(() => cost('gpt-4o', usage, { at: '2020-01-01' }), isA(PriceUnavailableError, 'TOKENMETER_PRICE_UNAVAILABLE'))
  assert.throws(() => parseUsage({}), isA(InvalidUsageError, 'TOKENMETER_INVALID_USAGE'))
})

test('rejected by async functions and methods', async () => {
  const messages = [{ role: 'user', content: 'hi' }]
  await assert.rejects(countChatAsync({ model: 'no-such-model', messages }), isA(UnknownModelError, 'TOKENMETER_UNKNOWN_MODEL'))
  await assert.rejects(Tokenizer.fromEncoding('o200k_base').truncateAsync('x', { budget: 0 }), isA(InvalidInputError, 'TOKENMETER_INVALID_INPUT'))
})

test('a panic in the addon is a PanicError, sync or async, and the process lives on', async () => {
  // Tokenizer._panicForTests* are test hooks (no types, not in the docs) that panic inside Rust.
  const panicked = (err) => {
    assert.ok(err instanceof PanicError && err instanceof TokenmeterError, `${err?.name}: ${err?.message}`)
    assert.equal(err.code, 'TOKENMETER_PANIC')
    assert.match(err.message, /^internal error \(a bug in tokenmeter\): deliberate panic \(test hook\)$/)
    return true
  }
  assert.throws(() => Tokenizer._panicForTests(), panicked)
  await assert.rejects(Tokenizer._panicForTestsAsync(), panicked)
  // Still usable afterwards.
  assert.equal(Tokenizer.fromEncoding('o200k_base').count('hello world'), 2)
})

test('errors that are not tokenmeter errors keep their class', () => {
  assert.throws(() => Tokenizer.fromEncoding(42), (err) => !(err instanceof TokenmeterError) && err instanceof Error)
})

test('classes and instances stay usable: instanceof, constructor, statics', () => {
  const enc = Tokenizer.fromEncoding('o200k_base')
  assert.ok(enc instanceof Tokenizer)
  assert.equal(enc.constructor, Tokenizer)
  assert.equal(enc.name, 'o200k_base')
  assert.ok(new Pruner() instanceof Pruner)
  assert.ok(Catalog.bundled() instanceof Catalog)
  assert.equal(typeof Catalog.bundled().date, 'string')
})

test('index.js exports every native export, plus the error classes', () => {
  const nativeNames = Object.keys(native).filter((k) => native[k] !== undefined && !k.startsWith('__napi'))
  for (const name of nativeNames) assert.ok(name in tokenmeter, `index.js does not export ${name}`)
  const extra = Object.keys(tokenmeter).filter((k) => !nativeNames.includes(k))
  assert.deepEqual(extra.sort(), ['TokenmeterError', ...Object.values(classes).map((c) => c.name)].sort())
})
