// The shared conformance vectors (tests/vectors/*.json): Node must give exactly the answers
// the Rust core gives. One test per case id; every file in the folder is read, and an
// operation this loader does not know yet is reported as a todo, never silently skipped.
'use strict'

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { Tokenizer, Catalog, countChat, parseChat } = require('tokenmeter')

const root = path.resolve(__dirname, '..', '..')
const vectorsDir = path.join(root, 'tests', 'vectors')
const catalog = Catalog.bundled()

const tokenizerFor = (input) => {
  const options = { allowSpecial: Boolean(input.allow_special) }
  if (input.tokenizer_file !== undefined) return Tokenizer.fromHfFile(path.join(root, input.tokenizer_file), options)
  return Tokenizer.fromEncoding(input.encoding, options)
}

const counted = (input) => {
  const tokenizer = tokenizerFor(input)
  return { tokens: tokenizer.count(input.text), ids: [...tokenizer.encode(input.text)] }
}

// op -> (input) => the value compared with `expect` (or that throws the expected error).
const runners = {
  count: counted,
  hf_count: counted,
  chat: (input) => countChat({ model: input.model, messages: input.messages, tools: input.tools }),
  resolve: (input) => ({ model: catalog.resolve(input.name).model.id }),
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
          assert.throws(() => run(c.input), { code: `TOKENMETER_${c.error}` })
        } else {
          assert.deepEqual(run(c.input), c.expect)
        }
      })
    }
  })
}
