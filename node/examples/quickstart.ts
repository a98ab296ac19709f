// A TypeScript user of the package: type-checked against index.d.ts by `npm run typecheck`.
import { Catalog, Tokenizer, countChat, countChatAsync, TokenmeterError, UnknownModelError, type ChatMessage, type ChatCount } from 'tokenmeter'

const tokenizer: Tokenizer = Tokenizer.fromEncoding('o200k_base')
const n: number = tokenizer.count('hello world')
const ids: Uint32Array = tokenizer.encode('hello world')
const text: string = tokenizer.decode(ids)
const { tokens, exceeded }: { tokens: number; exceeded: boolean } = tokenizer.countUpTo(text, 1000)

const messages: ChatMessage[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
  { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{}' } }] },
  { role: 'tool', tool_call_id: 'c1', content: '18C' },
]
const chat: ChatCount = countChat({ model: 'gpt-4o', messages })

async function main(): Promise<void> {
  const controller = new AbortController()
  const counts: number[] = await tokenizer.countBatchAsync(['a', 'b'], { signal: controller.signal })
  const later: ChatCount = await countChatAsync({ model: 'gpt-4o', messages })
  const model = Catalog.bundled().resolve('azure/gpt-4o')
  console.log(n, tokens, exceeded, chat.tokens, counts, later.exact, model.model.contextWindow, model.matchedBy)
  try {
    Tokenizer.forModel('gpt-4oo')
  } catch (err) {
    if (err instanceof UnknownModelError) console.log(err.message, err.code)
    else if (err instanceof TokenmeterError) console.log(err.code)
    else throw err
  }
}

void main()

// Fitting: truncate, pack, fitMessages, Pruner, Redactor.
import { Pruner, Redactor, fitMessages, type Fitted, type Packed, type Truncated, type Redaction } from 'tokenmeter'

const cut: Truncated = tokenizer.truncate('some long text', { budget: 3, keep: 'both', marker: ' … ' })
const packed: Packed = tokenizer.pack([{ text: 'system', priority: 10 }, { text: 'old notes', priority: 1, id: 'notes' }], { budget: 50 })
const fitted: Fitted = fitMessages({ model: 'gpt-4o', messages }, { budget: 100, partial: true, partialKeep: 'tail' })
const pruned = new Pruner({ passes: ['json', 'whitespace'] }).run(tokenizer, '{ "a": 1 }')
const redacted = new Redactor().run(tokenizer, 'mail ana@example.com')
const mapping: Redaction[] = redacted.mapping
const restored: string = Redactor.restore('<EMAIL_1>', mapping)
console.log(cut.text, packed.cutoff, fitted.dropped.map((d) => d.reason), pruned.passes[0].saved, restored)

// Pricing: usage objects as the SDKs return them, exact money strings.
import { parseUsage, cost, preflight, compare, type Cost, type Usage, type Preflight, type CompareRow } from 'tokenmeter'

const used: Usage = parseUsage({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 })
const price: Cost = cost('gpt-4o', used, { variant: 'batch' })
const exactTotal: string = price.total
const approx: number = price.totalNumber
const before: Preflight = preflight({ model: 'gpt-4o', messages, max_completion_tokens: 200 })
const rows: CompareRow[] = compare({ models: ['gpt-4o', 'gpt-4o-mini'], text: 'hi', outputTokens: 100 })
console.log(exactTotal, approx, before.fits, before.worstCost.total, rows[0].costPer1kRequests)

// A catalog of one's own (models with their prices), used in place of the bundled one.
const mine: Catalog = Catalog.fromJson(JSON.stringify({
  catalog_date: '2026-01-01',
  models: [{
    id: 'acme-1', provider: 'acme', tokenizer: { encoding: 'o200k_base' }, context_window: 8192, max_output: 1024,
    prices: [{ effective: '2026-01-01', source: 'contract', rates: { input: '1', output: '2' } }],
  }],
}))
const own: Cost = mine.cost('acme-1', used)
const ownRows: CompareRow[] = mine.compare({ models: ['acme-1'], text: 'hi', outputTokens: 100 })
const ownFit: Fitted = mine.fitMessages({ model: 'acme-1', messages }, { budget: 100 })
const ownBefore: Preflight = mine.preflight({ model: 'acme-1', messages })
console.log(own.total, ownRows[0].fits, ownFit.tokens, ownBefore.fits)
