// Chat counting: OpenAI-shaped requests. Expected totals are the ones OpenAI's cookbook
// ("How to count tokens with tiktoken") prints for its example conversation.
'use strict'

const test = require('node:test')
const assert = require('node:assert/strict')
const {
  Catalog, countChat, countChatAsync, parseChat, fitMessages, preflight, compare, InvalidInputError,
} = require('tokenmeter')

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
  assert.throws(() => countChat({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'image_url' }] }] }), { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /content part 0 has type `image_url`/ })
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

// The OpenAI SDKs serialize unset fields as null (`"tool_calls": null`, `"name": null`): the core
// reads null as absent, and every entry point goes through the core's parser.
test('null tool_calls, name and tool_call_id read as absent, with the same counts', async () => {
  const nulled = messages.map((m) => ({ name: null, tool_calls: null, tool_call_id: null, ...m }))
  assert.equal(nulled[0].name, null)
  assert.equal(nulled[1].name, 'example_user')
  assert.deepEqual(countChat({ model: 'gpt-4o', messages: nulled }), { tokens: 124, exact: true })
  assert.deepEqual(countChat({ model: 'gpt-4', messages: nulled }), { tokens: 129, exact: true })
  assert.deepEqual(await countChatAsync({ model: 'gpt-4o', messages: nulled }), { tokens: 124, exact: true })
  assert.deepEqual(Catalog.bundled().countChat({ model: 'gpt-4o', messages: nulled }), { tokens: 124, exact: true })
  assert.deepEqual(await Catalog.bundled().countChatAsync({ model: 'gpt-4o', messages: nulled }), { tokens: 124, exact: true })

  // A tool result and a call-less assistant turn as the SDK sends them.
  const withTools = [
    { role: 'user', content: 'Weather in Paris?', name: null, tool_calls: null, tool_call_id: null },
    { role: 'assistant', content: null, name: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }], tool_call_id: null },
    { role: 'tool', tool_call_id: 'call_1', content: '{"temp": 18}', name: null, tool_calls: null },
    { role: 'assistant', content: 'It is 18 degrees.', tool_calls: null },
  ]
  // The same turns without the null fields (the call-only turn keeps its null content).
  const bare = withTools.map((m) => Object.fromEntries(Object.entries(m).filter(([k, v]) => v !== null || k === 'content')))
  assert.deepEqual(Object.keys(bare[1]), ['role', 'content', 'tool_calls'])
  assert.deepEqual(countChat({ model: 'gpt-4o', messages: withTools }), countChat({ model: 'gpt-4o', messages: bare }))

  const fitted = fitMessages({ model: 'gpt-4o', messages: nulled }, { budget: 200 })
  assert.deepEqual([fitted.tokens, fitted.kept.length], [124, 6])
  assert.equal(fitted.messages[1].name, 'example_user')
  assert.equal(preflight({ model: 'gpt-4o', messages: nulled, max_tokens: 100 }).inputTokens, 124)
  assert.equal(compare({ models: ['gpt-4o'], messages: nulled, outputTokens: 1 })[0].inputTokens, 124)
})

test('preflight accepts a null output cap (as the SDKs send an unset one)', () => {
  const unset = preflight({ model: 'gpt-4o', messages })
  const nulled = preflight({ model: 'gpt-4o', messages, max_tokens: null, max_completion_tokens: null })
  assert.equal(nulled.maxOutput, unset.maxOutput)
  assert.equal(nulled.reservedOutput, unset.reservedOutput)
  assert.equal(preflight({ model: 'gpt-4o', messages, max_completion_tokens: null, max_tokens: 50 }).reservedOutput, 50)
})

test('a malformed message is a TOKENMETER_INVALID_INPUT from the core parser, on every entry point', async () => {
  const bad = [
    [{ role: 'user', content: 42 }],
    [{ role: 'user', content: 'x', tool_calls: 'none' }],
    [{ role: 'user', content: 'x', name: 7 }],
    [{ content: 'no role' }],
    [{ role: 'user', content: [{ type: 'text' }] }],
  ]
  const coded = { name: 'InvalidInputError', code: 'TOKENMETER_INVALID_INPUT', message: /chat JSON/ }
  for (const m of bad) {
    assert.throws(() => countChat({ model: 'gpt-4o', messages: m }), coded)
    assert.throws(() => countChat({ model: 'gpt-4o', messages: m }), InvalidInputError)
    assert.throws(() => Catalog.bundled().countChat({ model: 'gpt-4o', messages: m }), coded)
    await assert.rejects(async () => countChatAsync({ model: 'gpt-4o', messages: m }), coded)
    assert.throws(() => fitMessages({ model: 'gpt-4o', messages: m }, { budget: 100 }), coded)
    assert.throws(() => preflight({ model: 'gpt-4o', messages: m }), coded)
    assert.throws(() => compare({ models: ['gpt-4o'], messages: m, outputTokens: 1 }), coded)
  }
  // The same wording as parseChat (the core's), for the same input.
  const m = [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }]
  let fromCount, fromParse
  try { countChat({ model: 'gpt-4o', messages: m }) } catch (err) { fromCount = err.message }
  try { parseChat(JSON.stringify({ messages: m })) } catch (err) { fromParse = err.message }
  assert.ok(fromCount)
  assert.equal(fromCount, fromParse)
  assert.throws(() => countChat({ model: 'gpt-4o', messages, tools: [{ type: 'function', function: { name: null } }] }), coded)
})
