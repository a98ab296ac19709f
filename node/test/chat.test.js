// Chat counting: OpenAI-shaped requests. Expected totals are the ones OpenAI's cookbook
// ("How to count tokens with tiktoken") prints for its example conversation.
'use strict'

const test = require('node:test')
const assert = require('node:assert/strict')
const { Catalog, countChat, countChatAsync, parseChat } = require('tokenmeter')

const messages = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
]

test('cookbook example: 129 for gpt-4 / gpt-3.5-turbo, 124 for gpt-4o', () => {
  assert.deepEqual(countChat({ model: 'gpt-4', messages }), { tokens: 129, exact: true })
  assert.deepEqual(countChat({ model: 'gpt-3.5-turbo', messages }), { tokens: 129, exact: true })
  assert.deepEqual(countChat({ model: 'gpt-4o', messages }), { tokens: 124, exact: true })
  assert.deepEqual(countChat({ model: 'gpt-4o-mini', messages }), { tokens: 124, exact: true })
})

test('a full SDK request object is accepted as is', () => {
  const request = { model: 'gpt-4o', messages, temperature: 0.2, max_tokens: 100, stream: false }
  assert.deepEqual(countChat(request), { tokens: 124, exact: true })
})

test('content parts count like the joined text', () => {
  const parts = [{ role: 'user', content: [{ type: 'text', text: 'Hello ' }, { type: 'text', text: 'there' }] }]
  const plain = [{ role: 'user', content: 'Hello there' }]
  assert.deepEqual(countChat({ model: 'gpt-4o', messages: parts }), countChat({ model: 'gpt-4o', messages: plain }))
})

test('tool calls and tool results are counted and marked inexact', () => {
  const withTools = [
    { role: 'user', content: 'Weather in Paris?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: '{"temp": 18}' },
  ]
  const r = countChat({ model: 'gpt-4o', messages: withTools })
  assert.equal(r.exact, false)
  assert.ok(r.tokens > countChat({ model: 'gpt-4o', messages: withTools.slice(0, 1) }).tokens)
})

test('tool definitions add tokens', () => {
  const tools = [{
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Get the weather for a city.',
      parameters: { type: 'object', properties: { city: { type: 'string', description: 'The city' }, unit: { type: 'string', enum: ['c', 'f'] } } },
    },
  }]
  const base = countChat({ model: 'gpt-4o', messages })
  const withDefs = countChat({ model: 'gpt-4o', messages, tools })
  assert.ok(withDefs.tokens > base.tokens)
  assert.equal(withDefs.exact, true)
})

test('other providers are estimates', () => {
  const r = countChat({ model: 'claude-3-5-sonnet', messages })
  assert.equal(r.exact, false)
  assert.ok(r.tokens > 0)
})

test('async twin and a catalog give the same answer', async () => {
  assert.deepEqual(await countChatAsync({ model: 'gpt-4o', messages }), { tokens: 124, exact: true })
  assert.deepEqual(await Catalog.bundled().countChatAsync({ model: 'gpt-4', messages }), { tokens: 129, exact: true })
  assert.deepEqual(Catalog.bundled().countChat({ model: 'gpt-4', messages }), { tokens: 129, exact: true })
})

test('invalid requests throw coded errors', async () => {
  assert.throws(() => countChat({ model: 'gpt-4o', messages: [] }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /at least one message/ })
  assert.throws(() => countChat({ model: 'gpt-4o', messages: [{ role: ' ', content: 'x' }] }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /no role/ })
  assert.throws(() => countChat({ model: 'no-such-model', messages }), { name: 'UnknownModelError', code: 'TOKENMETER_UNKNOWN_MODEL' })
  assert.throws(() => countChat({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'image_url' }] }] }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /content part/ })
  assert.throws(() => countChat({ model: 'gpt-4o', messages, tools: [{ type: 'function', function: { name: 'f', parameters: { properties: [] } } }] }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /properties/ })
  assert.throws(() => countChat({ model: 'gpt-4o' }), Error)
  assert.throws(() => countChat(null), Error)
  await assert.rejects(countChatAsync({ model: 'no-such-model', messages }), { name: 'UnknownModelError', code: 'TOKENMETER_UNKNOWN_MODEL', message: /unknown model/ })
  await assert.rejects(countChatAsync({ model: 'gpt-4o', messages: [] }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
})

test('parseChat reads a request body and round-trips through countChat', () => {
  const body = JSON.stringify({ model: 'gpt-4o', messages, tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }] })
  const parsed = parseChat(body)
  assert.equal(parsed.messages.length, 6)
  assert.equal(parsed.messages[1].name, 'example_user')
  assert.equal(parsed.tools[0].function.name, 'f')
  assert.deepEqual(countChat({ model: 'gpt-4o', ...parseChat(JSON.stringify(messages)) }), { tokens: 124, exact: true })
  const calls = parseChat('[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"g","arguments":"{}"}}]},{"role":"user","content":[{"type":"text","text":"x"}]}]')
  assert.equal(calls.messages[0].content, null)
  assert.equal(calls.messages[0].tool_calls[0].function.name, 'g')
  assert.deepEqual(calls.messages[1].content, [{ type: 'text', text: 'x' }])
  assert.throws(() => parseChat('{"messages": ['), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /chat JSON/ })
  assert.throws(() => parseChat('42'), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT' })
})
