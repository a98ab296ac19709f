// The Quickstart snippet of docs/node.md is run as written: every `console.log(...) // => value`
// line must print exactly `value` (util.inspect form, as Node's console prints it).
'use strict'

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const util = require('node:util')

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'node.md'), 'utf8')
const quickstart = doc.slice(doc.indexOf('## Quickstart'))
const snippet = quickstart.match(/```js\n([\s\S]*?)```/)[1]

test('docs/node.md quickstart runs and prints what it says', async () => {
  const expected = [...snippet.matchAll(/\/\/ => (.*)$/gm)].map((m) => m[1])
  assert.ok(expected.length >= 5, 'the snippet shows its results')
  const printed = []
  const console = { log: (...args) => printed.push(args.map((a) => (typeof a === 'string' ? a : util.inspect(a))).join(' ')) }
  const AsyncFunction = (async () => {}).constructor
  await new AsyncFunction('require', 'console', snippet)(require, console)
  assert.deepEqual(printed, expected)
})
