// The package loads from ES modules too (named exports of the CommonJS loader).
import test from 'node:test'
import assert from 'node:assert/strict'
import { Tokenizer, Catalog, countChat } from 'tokenmeter'
import tokenmeter from 'tokenmeter'

test('named and default ESM imports', () => {
  assert.equal(Tokenizer.fromEncoding('o200k_base').count('hello world'), 2)
  assert.equal(Catalog.bundled().get('gpt-4o').id, 'gpt-4o')
  assert.equal(typeof countChat, 'function')
  assert.equal(tokenmeter.Tokenizer, Tokenizer)
})

test('error classes are named ESM exports', async () => {
  const { TokenmeterError, UnknownModelError } = await import('tokenmeter')
  assert.throws(() => Tokenizer.forModel('gpt-4oo'), (err) =>
    err instanceof UnknownModelError && err instanceof TokenmeterError && err instanceof Error)
})
