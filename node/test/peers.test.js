// Token ids agree with two independent JavaScript implementations of OpenAI's encodings
// (gpt-tokenizer and js-tiktoken, both devDependencies), on a corpus of varied text.
'use strict'

const test = require('node:test')
const assert = require('node:assert/strict')
const { Tokenizer } = require('tokenmeter')
const { Tiktoken } = require('js-tiktoken/lite')

const corpus = [
  'hello world',
  'The quick brown fox jumps over the lazy dog.',
  "  leading spaces, trailing spaces   \n\n\tand tabs\r\n",
  'Numbers: 1234567890 3.14159 -42 1e10 0x1F',
  'Unicode: naïve café, Grüße, 東京タワー, 서울, मराठी, العربية, emoji 🦀🚀👩‍👩‍👧',
  'Code: fn main() { println!("{}", x.iter().map(|v| v * 2).sum::<i32>()); }',
  "I'm, you're, he's, we'll, they've, don't, CAN'T",
  'URL https://example.com/a/b?c=d&e=f#g and email a.b@c.de',
  '<|endoftext|> appears as plain text here',
  'a'.repeat(500) + ' ' + '🙂'.repeat(50),
]

for (const [encoding, gptModule] of [
  ['o200k_base', 'gpt-tokenizer/encoding/o200k_base'],
  ['cl100k_base', 'gpt-tokenizer/encoding/cl100k_base'],
]) {
  const ours = Tokenizer.fromEncoding(encoding)
  const gpt = require(gptModule)
  const jst = new Tiktoken(require(`js-tiktoken/ranks/${encoding}`))

  test(`${encoding}: ids equal gpt-tokenizer and js-tiktoken`, () => {
    for (const text of corpus) {
      const ids = [...ours.encode(text)]
      assert.deepEqual(ids, gpt.encode(text, { disallowedSpecial: new Set() }), `gpt-tokenizer: ${text.slice(0, 40)}`)
      assert.deepEqual(ids, jst.encode(text, [], []), `js-tiktoken: ${text.slice(0, 40)}`)
      assert.equal(ours.count(text), ids.length)
    }
  })
}
