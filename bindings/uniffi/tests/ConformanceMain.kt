// Kotlin conformance runner for the uniffi bindings: reads the shared vectors in
// tests/vectors/ and checks that the generated Kotlin bindings, over JNA and the cdylib, give
// the same answers as the Rust core (and so as tiktoken, HF tokenizers and the providers' docs,
// which the vectors record). Run by scripts/uniffi-test.sh:
//
//   java -Djna.library.path=<dir of libtokenmeter_uniffi.so> \
//        -cp conformance.jar:jna.jar:gson.jar ConformanceMainKt <tests/vectors> <repo root>
//
// Every case runs inside `case()`; a failed `check()` (not `assert`, which needs -ea) or an
// unexpected exception marks it failed. The process exits 1 on any failure and ends with the
// line "N passed, N failed".

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import dev.tokenmeter.Catalog
import dev.tokenmeter.ChatFormat
import dev.tokenmeter.Content
import dev.tokenmeter.ContentPart
import dev.tokenmeter.CostOptions
import dev.tokenmeter.FitPolicy
import dev.tokenmeter.PackOptions
import dev.tokenmeter.PreflightInput
import dev.tokenmeter.Pruner
import dev.tokenmeter.Redactor
import dev.tokenmeter.Section
import dev.tokenmeter.TruncateOptions
import dev.tokenmeter.usageFromJson
import dev.tokenmeter.clearThreadCache
import dev.tokenmeter.FunctionCall
import dev.tokenmeter.FunctionDef
import dev.tokenmeter.Message
import dev.tokenmeter.TokenizerSpec
import dev.tokenmeter.Tokenizer
import dev.tokenmeter.TokenmeterException
import dev.tokenmeter.Tool
import dev.tokenmeter.ToolCall
import dev.tokenmeter.parseChat
import java.io.File
import kotlin.reflect.KClass
import kotlin.system.exitProcess

var passed = 0
var failed = 0
val skipped = mutableListOf<String>()

/** A vector whose input the Kotlin API's types cannot express; the case is skipped, with the reason. */
class Unrepresentable(reason: String) : Exception(reason)

/** Runs one case: passes when `body` returns, fails on a failed check() or any exception. */
fun case(id: String, body: () -> Unit) {
    try {
        body()
        passed++
    } catch (e: Unrepresentable) {
        skipped.add("$id (${e.message})")
    } catch (e: IllegalStateException) {
        failed++
        println("FAIL $id: ${e.message}")
    } catch (e: Exception) {
        failed++
        println("FAIL $id: unexpected ${e::class.qualifiedName}: ${e.message}")
    }
}

/** The exception class uniffi generates for each core error code. */
val errorClasses: Map<String, KClass<out TokenmeterException>> = mapOf(
    "UNKNOWN_MODEL" to TokenmeterException.UnknownModel::class,
    "UNKNOWN_ENCODING" to TokenmeterException.UnknownEncoding::class,
    "BUDGET_EXCEEDED" to TokenmeterException.BudgetExceeded::class,
    "INVALID_INPUT" to TokenmeterException.InvalidInput::class,
    "TOKENIZER_LOAD" to TokenmeterException.TokenizerLoad::class,
    "PRICE_UNAVAILABLE" to TokenmeterException.PriceUnavailable::class,
    "INVALID_USAGE" to TokenmeterException.InvalidUsage::class,
    "IO" to TokenmeterException.Io::class,
)

/** Checks that `body` throws the TokenmeterException subclass of `code`, with a message. */
fun expectError(code: String, body: () -> Unit): TokenmeterException {
    val expected = errorClasses[code]
    check(expected != null) { "the runner does not know error code $code" }
    try {
        body()
    } catch (e: TokenmeterException) {
        check(expected.isInstance(e)) { "expected $code (${expected.simpleName}), got ${e::class.simpleName}: ${e.message}" }
        check(!e.message.isNullOrBlank()) { "$code raised without a message" }
        return e
    }
    error("expected $code, but nothing was thrown")
}

// ---------------------------------------------------------------------------------------------
// JSON -> records (the same OpenAI shapes the core parses)

fun JsonObject.str(key: String): String? = get(key)?.takeUnless { it.isJsonNull }?.asString

fun ids(a: JsonArray): List<UInt> = a.map { it.asLong.toUInt() }

fun content(e: JsonElement?): Content? = when {
    e == null || e.isJsonNull -> null
    e.isJsonPrimitive -> Content.Text(e.asString)
    else -> Content.Parts(e.asJsonArray.map { p ->
        val o = p.asJsonObject
        val text = o.str("text") ?: ""
        when (o.str("type")) {
            "text" -> ContentPart.Text(text)
            "input_text" -> ContentPart.InputText(text)
            "output_text" -> ContentPart.OutputText(text)
            else -> error("unknown content part type ${o.str("type")}")
        }
    })
}

fun message(o: JsonObject) = Message(
    role = o.str("role") ?: "",
    content = content(o.get("content")),
    name = o.str("name"),
    toolCalls = o.getAsJsonArray("tool_calls")?.map { c ->
        val call = c.asJsonObject
        val f = call.getAsJsonObject("function")
        ToolCall(
            id = call.str("id") ?: "",
            function = FunctionCall(f.str("name") ?: "", f.str("arguments") ?: ""),
            kind = call.str("type") ?: "function",
        )
    } ?: listOf(),
    toolCallId = o.str("tool_call_id"),
)

fun tool(o: JsonObject): Tool {
    val f = o.getAsJsonObject("function")
    return Tool(
        function = FunctionDef(
            name = f.str("name") ?: "",
            description = f.str("description"),
            parametersJson = f.get("parameters")?.takeUnless { it.isJsonNull }?.toString(),
        ),
        kind = o.str("type") ?: "function",
    )
}

// ---------------------------------------------------------------------------------------------
// One function per vector file

val catalog = Catalog.bundled()
val tokenizers = HashMap<Pair<String, Boolean>, Tokenizer>()

fun tokenizer(encoding: String, allowSpecial: Boolean): Tokenizer =
    tokenizers.getOrPut(encoding to allowSpecial) { Tokenizer.fromEncoding(encoding).withAllowSpecial(allowSpecial) }

/** Count, encode, decode and count_up_to against tiktoken's ids. */
fun checkCount(tok: Tokenizer, text: String, tokens: Long, expectedIds: List<UInt>) {
    // Cold (the thread's piece cache emptied), then warm: the same count.
    clearThreadCache()
    check(tok.count(text) == tokens.toULong()) { "count ${tok.count(text)} != $tokens" }
    check(tok.count(text) == tokens.toULong()) { "warm count ${tok.count(text)} != $tokens" }
    val encoded = tok.encode(text)
    check(encoded == expectedIds) { "ids $encoded != $expectedIds" }
    // Identity for ordinary text; with specials allowed, o200k_harmony's id 200018 has two
    // names (<|endofprompt|> and <|reserved_200018|>), so decode cannot give the text back.
    if (!tok.allowsSpecial()) check(tok.decode(encoded) == text) { "decode(encode(text)) != text" }
    val atLimit = tok.countUpTo(text, tokens.toULong())
    check(!atLimit.exceeded && atLimit.tokens == tokens.toULong()) { "countUpTo(limit = count) gave $atLimit" }
    if (tokens > 0) {
        val below = tok.countUpTo(text, (tokens - 1).toULong())
        check(below.exceeded && below.tokens > (tokens - 1).toULong()) { "countUpTo(limit = count - 1) gave $below" }
    }
}

fun runCount(file: String, cases: JsonArray) {
    val batches = HashMap<Pair<String, Boolean>, MutableList<Pair<String, Long>>>()
    for (c in cases) {
        val o = c.asJsonObject
        val input = o.getAsJsonObject("input")
        val id = "$file/${o.str("id")}"
        val encoding = input.str("encoding")!!
        val allow = input.get("allow_special")?.asBoolean ?: false
        val text = input.str("text")!!
        if (o.has("error")) {
            case(id) { expectError(o.str("error")!!) { tokenizer(encoding, allow).count(text) } }
            continue
        }
        val expect = o.getAsJsonObject("expect")
        val tokens = expect.get("tokens").asLong
        case(id) { checkCount(tokenizer(encoding, allow), text, tokens, ids(expect.getAsJsonArray("ids"))) }
        batches.getOrPut(encoding to allow) { mutableListOf() }.add(text to tokens)
    }
    // count_batch runs on Rust threads: the same counts, in input order.
    for ((key, items) in batches) {
        case("$file/batch/${key.first}/allow_special=${key.second}") {
            val got = tokenizer(key.first, key.second).countBatch(items.map { it.first })
            check(got == items.map { it.second.toULong() }) { "countBatch gave $got" }
        }
    }
}

fun runHfCount(file: String, cases: JsonArray, root: File) {
    for (c in cases) {
        val o = c.asJsonObject
        val input = o.getAsJsonObject("input")
        val id = "$file/${o.str("id")}"
        case(id) {
            val path = File(root, input.str("tokenizer_file")!!).path
            val tok = Tokenizer.fromHfFile(path).withAllowSpecial(input.get("allow_special")?.asBoolean ?: false)
            val text = input.str("text")!!
            if (o.has("error")) {
                expectError(o.str("error")!!) { tok.count(text) }
            } else {
                val expect = o.getAsJsonObject("expect")
                val tokens = expect.get("tokens").asLong
                check(tok.count(text) == tokens.toULong()) { "count ${tok.count(text)} != $tokens" }
                check(tok.encode(text) == ids(expect.getAsJsonArray("ids"))) { "ids ${tok.encode(text)} differ" }
            }
        }
    }
}

fun runChat(file: String, cases: JsonArray) {
    for (c in cases) {
        val o = c.asJsonObject
        val input = o.getAsJsonObject("input")
        val id = "$file/${o.str("id")}"
        case(id) {
            val model = input.str("model")!!
            val messages = input.getAsJsonArray("messages").map { message(it.asJsonObject) }
            val tools = input.getAsJsonArray("tools")?.map { tool(it.asJsonObject) } ?: listOf()
            if (o.has("error")) {
                expectError(o.str("error")!!) { catalog.countChat(model, messages, tools) }
                return@case
            }
            val expect = o.getAsJsonObject("expect")
            val counted = catalog.countChat(model, messages, tools)
            check(counted.tokens == expect.get("tokens").asLong.toULong()) { "tokens ${counted.tokens} != ${expect.get("tokens")}" }
            check(counted.exact == expect.get("exact").asBoolean) { "exact ${counted.exact} != ${expect.get("exact")}" }
            // The same request through the core's JSON parser gives the same records...
            val request = JsonObject().apply { add("messages", input.get("messages")); add("tools", input.get("tools") ?: JsonArray()) }
            val parsed = parseChat(request.toString())
            check(parsed.messages == messages) { "parseChat messages ${parsed.messages} != $messages" }
            check(parsed.tools.map { it.function.name } == tools.map { it.function.name }) { "parseChat tools differ" }
            // ...and the model's tokenizer with its chat format gives the same count.
            val spec = catalog.get(model)
            val direct = catalog.tokenizer(model).countChat(spec.chatFormat, messages, tools)
            check(direct == counted) { "Tokenizer.countChat $direct != Catalog.countChat $counted" }
        }
    }
}

fun runResolve(file: String, cases: JsonArray) {
    for (c in cases) {
        val o = c.asJsonObject
        val name = o.getAsJsonObject("input").str("name")!!
        case("$file/${o.str("id")}") {
            if (o.has("error")) {
                expectError(o.str("error")!!) { catalog.resolve(name) }
            } else {
                val want = o.getAsJsonObject("expect").str("model")
                val got = catalog.resolve(name)
                check(got.model.id == want) { "resolved to ${got.model.id} (${got.matchedBy}), expected $want" }
                check(catalog.get(name) == got.model) { "get and resolve disagree" }
            }
        }
    }
}

fun runErrors(file: String, cases: JsonArray, root: File) {
    for (c in cases) {
        val o = c.asJsonObject
        val input = o.getAsJsonObject("input")
        val id = "$file/${o.str("id")}"
        val code = o.str("error") ?: run { skipped.add("$id (no error code)"); continue }
        val action: (() -> Unit)? = when (input.str("op")) {
            "count" -> { { Tokenizer.fromEncoding(input.str("encoding")!!).count(input.str("text") ?: "") } }
            "model" -> { { catalog.get(input.str("model")!!) } }
            "estimate" -> { { Tokenizer.estimate(input.str("profile")!!) } }
            "chat" -> { {
                val request = parseChat(input.str("chat_json")!!)
                catalog.countChat(input.str("model")!!, request.messages, request.tools)
            } }
            "hf_bytes" -> { { Tokenizer.fromHfBytes(input.str("tokenizer_json")!!.toByteArray(Charsets.UTF_8)) } }
            "hf_file" -> { { Tokenizer.fromHfFile(File(root, input.str("tokenizer_file")!!).path) } }
            "decode" -> { { Tokenizer.fromEncoding(input.str("encoding")!!).decode(ids(input.getAsJsonArray("ids"))) } }
            else -> null
        }
        if (action == null) {
            skipped.add("$id (op ${input.str("op")} not wrapped yet)")
            continue
        }
        case(id) { expectError(code, action) }
    }
}

// ---------------------------------------------------------------------------------------------
// Fitting and pricing vectors: each op turns the binding's result into JSON, and every key of
// `expect` must equal the same key of that JSON (the Rust loader's rule: `contains`,
// `not_contains` and `max_tokens` are checks on `text` and `tokens`; decimal strings compare by
// value).

fun isDecimal(e: JsonElement) = e.isJsonPrimitive && e.asJsonPrimitive.isString &&
    e.asString.matches(Regex("-?[0-9]+(\\.[0-9]+)?"))

fun subset(path: String, expect: JsonElement, got: JsonElement?, out: MutableList<String>) {
    when {
        expect.isJsonObject && got != null && got.isJsonObject ->
            for ((k, v) in expect.asJsonObject.entrySet()) subset(if (path.isEmpty()) k else "$path.$k", v, got.asJsonObject.get(k), out)
        expect.isJsonArray && got != null && got.isJsonArray && expect.asJsonArray.size() == got.asJsonArray.size() ->
            expect.asJsonArray.forEachIndexed { i, v -> subset("$path[$i]", v, got.asJsonArray[i], out) }
        isDecimal(expect) && got != null && isDecimal(got) ->
            if (java.math.BigDecimal(expect.asString).compareTo(java.math.BigDecimal(got.asString)) != 0) out.add("$path: expected $expect, got $got")
        expect.isJsonPrimitive && expect.asJsonPrimitive.isNumber && got != null && got.isJsonPrimitive && got.asJsonPrimitive.isNumber ->
            if (expect.asBigDecimal.compareTo(got.asBigDecimal) != 0) out.add("$path: expected $expect, got $got")
        expect != got -> out.add("$path: expected $expect, got $got")
    }
}

fun compareExpect(expect: JsonObject, got: JsonObject): List<String> {
    val out = mutableListOf<String>()
    val text = got.str("text") ?: ""
    for ((k, v) in expect.entrySet()) when (k) {
        "contains" -> v.asJsonArray.map { it.asString }.filter { !text.contains(it) }.forEach { out.add("text lacks \"$it\"") }
        "not_contains" -> v.asJsonArray.map { it.asString }.filter { text.contains(it) }.forEach { out.add("text has \"$it\"") }
        "max_tokens" -> if (got.get("tokens").asLong > v.asLong) out.add("tokens ${got.get("tokens")} over $v")
        else -> subset(k, v, got.get(k), out)
    }
    return out
}

fun runOp(file: String, cases: JsonArray, op: (JsonObject) -> JsonObject) {
    for (c in cases) {
        val o = c.asJsonObject
        val input = o.getAsJsonObject("input")
        case("$file/${o.str("id")}") {
            if (o.has("error")) {
                expectError(o.str("error")!!) { op(input) }
            } else {
                val got = op(input)
                val diffs = compareExpect(o.getAsJsonObject("expect"), got)
                check(diffs.isEmpty()) { diffs.joinToString("; ") }
            }
        }
    }
}

fun json(vararg pairs: Pair<String, Any?>): JsonObject = com.google.gson.Gson().toJsonTree(mapOf(*pairs)).asJsonObject

fun ulongs(xs: List<ULong>) = xs.map { it.toLong() }

fun opTruncate(i: JsonObject): JsonObject {
    val text = i.str("text")!!
    val keep = i.str("keep") ?: "head"
    val opts = TruncateOptions(budget = i.get("budget").asLong.toULong(), keep = keep, marker = i.str("marker"))
    val cut = tokenizer(i.str("encoding")!!, false).truncate(text, opts)
    val marker = i.str("marker") ?: "\n[…]\n"
    val bytes = text.toByteArray(Charsets.UTF_8)
    val head = String(bytes.copyOfRange(0, cut.headBytes.toInt()), Charsets.UTF_8)
    val tail = String(bytes.copyOfRange(bytes.size - cut.tailBytes.toInt(), bytes.size), Charsets.UTF_8)
    val ends = cut.truncated && keep == "both" && cut.text == head + marker + tail
    return json("text" to cut.text, "tokens" to cut.tokens.toLong(), "truncated" to cut.truncated,
        "marker" to (if (cut.text.contains(marker)) marker else ""), "ends_preserved" to ends)
}

fun opFit(i: JsonObject): JsonObject {
    val model = i.str("model")!!
    val messages = i.getAsJsonArray("messages").map { message(it.asJsonObject) }
    val tools = i.getAsJsonArray("tools")?.map { tool(it.asJsonObject) } ?: listOf()
    val fitted = catalog.tokenizer(model).fitMessages(catalog.get(model).chatFormat, messages, tools, i.get("budget").asLong.toULong(), FitPolicy())
    return json("kept" to ulongs(fitted.kept), "tokens" to fitted.tokens.toLong())
}

fun opPack(i: JsonObject): JsonObject {
    val sections = i.getAsJsonArray("sections").map {
        val s = it.asJsonObject
        Section(s.str("text")!!, s.get("priority").asLong, s.get("position")?.asLong, s.str("id"))
    }
    val packed = tokenizer(i.str("encoding")!!, false).pack(sections, PackOptions(budget = i.get("budget").asLong.toULong()))
    return json("cutoff" to packed.cutoff, "included" to ulongs(packed.included), "text" to packed.text, "tokens" to packed.tokens.toLong())
}

fun opPrune(i: JsonObject): JsonObject {
    val pruned = Pruner(i.getAsJsonArray("passes").map { it.asString }).run(tokenizer(i.str("encoding")!!, false), i.str("text")!!)
    return json("text" to pruned.text, "tokens_before" to pruned.tokensBefore.toLong(), "tokens_after" to pruned.tokensAfter.toLong())
}

fun opRedact(i: JsonObject): JsonObject {
    var redactor = Redactor()
    i.getAsJsonObject("patterns")?.entrySet()?.forEach { (label, re) -> redactor = redactor.withPattern(label, re.asString) }
    val r = redactor.run(tokenizer(i.str("encoding")!!, false), i.str("text")!!)
    return json("text" to r.text, "restored" to r.mapping.restore(r.text),
        "mapping" to r.mapping.entries().map { mapOf("placeholder" to it.placeholder, "kind" to it.kind, "value" to it.value) },
        "tokens_before" to r.tokensBefore?.toLong(), "tokens_after" to r.tokensAfter?.toLong())
}

fun costOptions(i: JsonObject) = CostOptions(variant = i.str("variant"), at = i.str("at"))

/**
 * Kotlin's `PreflightInput` is a sum type (`Text` or `Chat` with its tools), so an input that mixes
 * or lacks them cannot be built at all: such vectors are reported as skipped, with the reason.
 */
fun preflightInput(i: JsonObject): PreflightInput {
    val text = i.str("text")
    return when {
        i.has("messages") && text == null ->
            PreflightInput.Chat(i.getAsJsonArray("messages").map { message(it.asJsonObject) }, i.getAsJsonArray("tools")?.map { tool(it.asJsonObject) } ?: listOf())
        text != null && !i.has("messages") && !i.has("tools") -> PreflightInput.Text(text)
        else -> throw Unrepresentable("PreflightInput is Text or Chat(messages, tools); this input is neither")
    }
}

fun opPrice(i: JsonObject, root: File): JsonObject {
    val usageJson = i.str("usage_file")?.let { File(root, it).readText() } ?: i.get("usage").toString()
    val cost = catalog.cost(i.str("model")!!, usageFromJson(usageJson), costOptions(i))
    return json("total" to cost.total,
        "lines" to cost.lines.map { mapOf("kind" to it.kind, "quantity" to it.quantity.toLong(), "unit_price" to it.unitPrice, "amount" to it.amount) },
        "tier" to cost.tier?.let { mapOf("above" to it.above.toLong(), "crossed" to it.crossed) })
}

fun opPreflight(i: JsonObject): JsonObject {
    val p = catalog.preflight(i.str("model")!!, preflightInput(i), i.get("max_output")?.takeUnless { it.isJsonNull }?.asLong?.toULong(), costOptions(i))
    return json("input_tokens" to p.inputTokens.toLong(), "exact" to p.exact, "reserved_output" to p.reservedOutput.toLong(),
        "fits" to p.fits, "room_left" to p.roomLeft, "least_cost" to p.leastCost.total, "worst_cost" to p.worstCost.total,
        "warnings" to p.warnings.map { it.kind })
}

fun opCompare(i: JsonObject): JsonObject {
    val rows = catalog.compare(i.getAsJsonArray("models").map { it.asString }, preflightInput(i), i.get("output_tokens").asLong.toULong(), costOptions(i))
    return json("rows" to rows.map { mapOf("model" to it.model, "input_tokens" to it.inputTokens.toLong(), "exact" to it.exact,
        "cost_per_request" to it.costPerRequest, "cost_per_1k_requests" to it.costPer1kRequests) })
}

// ---------------------------------------------------------------------------------------------
// Checks of the Kotlin surface itself, independent of the vector files

fun runSurface() {
    case("surface/error-message-names-the-input") {
        val e = expectError("UNKNOWN_ENCODING") { Tokenizer.fromEncoding("o300k_base") }
        check(e.message!!.contains("o300k_base")) { "message does not name the bad encoding: ${e.message}" }
        check(e is Exception) { "TokenmeterException must be catchable as Exception" }
    }
    case("surface/unknown-model-suggests") {
        val e = expectError("UNKNOWN_MODEL") { catalog.get("gpt-4o-mini-ultra") }
        check(e.message!!.contains("gpt-4o-mini")) { "message does not suggest a near model: ${e.message}" }
    }
    case("surface/bad-tool-parameters-json") {
        val bad = Tool(function = FunctionDef(name = "f", parametersJson = "{not json"))
        val e = expectError("INVALID_INPUT") { catalog.countChat("gpt-4o", listOf(Message("user", Content.Text("hi"))), listOf(bad)) }
        check(e.message!!.contains("parametersJson")) { "message does not name the field: ${e.message}" }
    }
    case("surface/estimate-is-inexact") {
        val tok = catalog.tokenizer("claude-sonnet-4-5")
        check(!tok.isExact() && !tok.accuracy().exact) { "an Anthropic model must count by estimate: ${tok.name()}" }
        check(tok.accuracy().relativeError > 0.0) { "an estimate needs an error bound" }
        expectError("INVALID_INPUT") { tok.encode("no ids for estimates") }
    }
    case("surface/model-record") {
        val m = catalog.get("gpt-4o")
        check(m.tokenizer == TokenizerSpec.Encoding("o200k_base")) { "gpt-4o tokenizer ${m.tokenizer}" }
        check(m.chatFormat == ChatFormat.OPENAI) { "gpt-4o chat format ${m.chatFormat}" }
        check(catalog.models().any { it.id == "gpt-4o" }) { "models() lacks gpt-4o" }
        check(catalog.date().isNotBlank()) { "catalog date is blank" }
    }
    case("surface/with-model") {
        val mine = catalog.get("gpt-4o").copy(id = "acme-chat", aliases = listOf("acme/chat-v1"))
        val extended = catalog.withModel(mine)
        check(extended.resolve("acme/chat-v1").model.id == "acme-chat") { "an added alias does not resolve" }
        expectError("UNKNOWN_MODEL") { catalog.get("acme-chat") }
    }
    case("surface/shared-across-threads") {
        val tok = Tokenizer.fromEncoding("o200k_base")
        val want = tok.count("The quick brown fox jumps over the lazy dog.")
        val results = java.util.concurrent.ConcurrentLinkedQueue<ULong>()
        val threads = (1..8).map { Thread { repeat(50) { results.add(tok.count("The quick brown fox jumps over the lazy dog.")) } } }
        threads.forEach { it.start() }
        threads.forEach { it.join() }
        check(results.size == 400 && results.all { it == want }) { "concurrent counts differ" }
    }
}

// The examples of the core's rustdoc (crates/tokenmeter/src/{truncate,fit,pack,cost}.rs), through
// the bindings: the conversions must give the core's answers, field for field.
fun runFittingAndPricing() {
    val tok = Tokenizer.fromEncoding("o200k_base")
    case("surface/truncate") {
        val head = tok.truncate("one two three four five", TruncateOptions(budget = 3uL))
        check(head.text == "one two three" && head.truncated && head.tokens == 3uL) { "head: $head" }
        val tail = tok.truncate("one two three four five", TruncateOptions(budget = 2uL, keep = "tail"))
        check(tail.text == " four five") { "tail: $tail" }
        expectError("INVALID_INPUT") { tok.truncate("x", TruncateOptions(budget = 0uL)) }
        expectError("INVALID_INPUT") { tok.truncate("x", TruncateOptions(budget = 5uL, keep = "middle-out")) }
    }
    case("surface/fit-messages") {
        val history = listOf(
            Message("system", Content.Text("You are terse.")),
            Message("user", Content.Text("Tell me a long story about a lighthouse keeper and the sea.")),
            Message("assistant", Content.Text("Once upon a time a keeper watched the sea for forty years.")),
            Message("user", Content.Text("Shorter.")),
        )
        val fitted = tok.fitMessages(ChatFormat.OPENAI, history, listOf(), 30uL, FitPolicy())
        check(fitted.kept == listOf(0uL, 3uL)) { "kept ${fitted.kept}" }
        check(fitted.tokens <= 30uL && fitted.messages == listOf(history[0], history[3])) { "fitted $fitted" }
        check(fitted.dropped.map { it.index } == listOf(1uL, 2uL)) { "dropped ${fitted.dropped}" }
        val window = catalog.fitMessages("gpt-4o", history, listOf(), 1_000uL, FitPolicy())
        check(window.kept == listOf(0uL, 1uL, 2uL, 3uL)) { "a short history must fit gpt-4o: ${window.kept}" }
        expectError("INVALID_INPUT") { tok.fitMessages(ChatFormat.OPENAI, history, listOf(), 0uL, FitPolicy()) }
    }
    case("surface/pack") {
        val sections = listOf(
            Section("You are a support agent.", 100),
            Section("Old ticket: printer jams on page two, fixed by a new roller.", 1),
            Section("Question: how do I reset my password?", 50),
        )
        val packed = tok.pack(sections, PackOptions(budget = 20uL))
        check(packed.included == listOf(0uL, 2uL) && packed.cutoff == 50L) { "packed $packed" }
        check(packed.excluded.map { it.index } == listOf(1uL) && packed.tokens <= 20uL) { "excluded ${packed.excluded}" }
    }
    case("surface/prune") {
        val pruner = Pruner(listOf("json", "whitespace"))
        check(pruner.passes() == listOf("json", "whitespace")) { "passes ${pruner.passes()}" }
        val pruned = pruner.run(tok, "{ \"a\" :  [ 1, 2,   3 ] }")
        check(pruned.text == "{\"a\":[1,2,3]}") { "pruned text ${pruned.text}" }
        check(pruned.tokensAfter == tok.count(pruned.text) && pruned.tokensBefore == tok.count("{ \"a\" :  [ 1, 2,   3 ] }")) { "pruned counts $pruned" }
        check(pruned.passes.map { it.pass } == listOf("json", "whitespace")) { "reports ${pruned.passes}" }
        expectError("INVALID_INPUT") { Pruner(listOf("no-such-pass")) }
    }
    case("surface/redact") {
        val redactor = Redactor()
        val first = redactor.redact("Mail ada@example.com today.")
        check(first.text == "Mail <EMAIL_1> today." && first.replaced == 1uL) { "redacted ${first.text}" }
        val second = redactor.run(tok, "Again: ada@example.com, and bob@example.org.", first.mapping)
        check(second.text == "Again: <EMAIL_1>, and <EMAIL_2>.") { "second ${second.text}" }
        check(second.tokensBefore == tok.count("Again: ada@example.com, and bob@example.org.")) { "tokensBefore ${second.tokensBefore}" }
        check(second.mapping.restore(second.text) == "Again: ada@example.com, and bob@example.org.") { "restore" }
        check(second.mapping.entries().map { it.value } == listOf("ada@example.com", "bob@example.org")) { "entries" }
        expectError("INVALID_INPUT") { redactor.withPattern("bad label!", "x") }
    }
    case("surface/cost") {
        // crates/tokenmeter/src/cost.rs doc example: Anthropic usage, batch, 2025-10-10 prices.
        val usage = usageFromJson("""{"type": "message", "usage": {"input_tokens": 50,
            "cache_read_input_tokens": 10000, "cache_creation_input_tokens": 3000,
            "cache_creation": {"ephemeral_5m_input_tokens": 1000, "ephemeral_1h_input_tokens": 2000},
            "output_tokens": 400}}""")
        check(usage.format == "anthropic" && usage.cacheWrite1hTokens == 2000uL) { "usage $usage" }
        val cost = catalog.cost("us.anthropic.claude-sonnet-4-5-20250929-v1:0", usage, CostOptions(variant = "batch", at = "2025-10-10"))
        check(java.math.BigDecimal(cost.total).compareTo(java.math.BigDecimal("0.01245")) == 0) { "total ${cost.total}" }
        val sum = cost.lines.map { java.math.BigDecimal(it.amount) }.fold(java.math.BigDecimal.ZERO, java.math.BigDecimal::add)
        check(sum.compareTo(java.math.BigDecimal(cost.total)) == 0) { "lines add up to $sum, total ${cost.total}" }
        expectError("INVALID_USAGE") { usageFromJson("""{"usage": {"prompt_tokens": -1}}""") }
        expectError("INVALID_INPUT") { catalog.cost("gpt-4o", usage, CostOptions(variant = "cheap")) }
    }
    case("surface/price-overrides") {
        // A negotiated discount and a private model: (1000 x $2.50/M + 100 x $10/M) x 0.5 and
        // 2000 x $0.50/M, worked by hand.
        val doc = """{"models": [{"id": "acme-llm", "provider": "acme", "tokenizer": {"encoding": "o200k_base"},
            "context_window": 32000, "max_output": 4000, "prices": [{"effective": "2026-01-01",
            "source": "contract #42", "rates": {"input": "0.5", "output": "1.5"}}]}],
            "discounts": {"gpt-4o": "0.5"}}"""
        val mine = catalog.withOverrides(doc)
        val usage = usageFromJson("""{"prompt_tokens": 1000, "completion_tokens": 100}""")
        val half = mine.cost("gpt-4o", usage, CostOptions(at = "2025-06-01"))
        check(java.math.BigDecimal(half.total).compareTo(java.math.BigDecimal("0.00175")) == 0) { "discounted ${half.total}" }
        val full = catalog.cost("gpt-4o", usage, CostOptions(at = "2025-06-01"))
        check(java.math.BigDecimal(full.total).compareTo(java.math.BigDecimal("0.0035")) == 0) { "bundled ${full.total}" }
        val file = java.io.File.createTempFile("prices", ".json").apply { writeText(doc); deleteOnExit() }
        val acme = catalog.withPriceFile(file.path, "2026-01-01").cost("acme-llm", usageFromJson("""{"prompt_tokens": 2000, "completion_tokens": 0}"""), CostOptions(at = "2026-06-01"))
        check(java.math.BigDecimal(acme.total).compareTo(java.math.BigDecimal("0.001")) == 0) { "acme ${acme.total}" }
        expectError("INVALID_INPUT") { catalog.withOverrides("{not json") }
        expectError("UNKNOWN_MODEL") { catalog.withOverrides("""{"discounts": {"gpt-4oo": "0.9"}}""") }
        expectError("IO") { catalog.withPriceFile("/nonexistent/prices.json", "2026-01-01") }
    }
    case("surface/preflight-and-compare") {
        val input = PreflightInput.Text("hello world")
        val pre = catalog.preflight("gpt-4o", input, 100uL, CostOptions(at = "2025-10-10"))
        check(pre.inputTokens == 2uL && pre.exact && pre.fits && pre.reservedOutput == 100uL) { "preflight $pre" }
        check(java.math.BigDecimal(pre.worstCost.total) > java.math.BigDecimal(pre.leastCost.total)) { "worst ${pre.worstCost.total} <= least ${pre.leastCost.total}" }
        val rows = catalog.compare(listOf("gpt-4o", "gpt-4o-mini"), input, 100uL, CostOptions(at = "2025-10-10"))
        // Rows come cheapest first.
        check(rows.map { it.model } == listOf("gpt-4o-mini", "gpt-4o")) { "rows ${rows.map { it.model }}" }
        check(rows.all { java.math.BigDecimal(it.costPer1kRequests).compareTo(java.math.BigDecimal(it.costPerRequest).multiply(java.math.BigDecimal(1000))) == 0 }) { "per-1k is not 1000 x per-request: $rows" }
        expectError("UNKNOWN_MODEL") { catalog.compare(listOf("gpt-99"), input, 1uL, null) }
    }
}

fun main(args: Array<String>) {
    val vectors = File(args.getOrElse(0) { "tests/vectors" })
    val root = File(args.getOrElse(1) { "." })
    val runners: Map<String, (String, JsonArray) -> Unit> = mapOf(
        "count" to ::runCount,
        "hf_count" to { f, c -> runHfCount(f, c, root) },
        "chat" to ::runChat,
        "resolve" to ::runResolve,
        "errors" to { f, c -> runErrors(f, c, root) },
        "truncate" to { f, c -> runOp(f, c, ::opTruncate) },
        "fit" to { f, c -> runOp(f, c, ::opFit) },
        "pack" to { f, c -> runOp(f, c, ::opPack) },
        "prune" to { f, c -> runOp(f, c, ::opPrune) },
        "redact" to { f, c -> runOp(f, c, ::opRedact) },
        "price" to { f, c -> runOp(f, c) { opPrice(it, root) } },
        "preflight" to { f, c -> runOp(f, c, ::opPreflight) },
        "compare" to { f, c -> runOp(f, c, ::opCompare) },
    )
    runSurface()
    runFittingAndPricing()
    val files = vectors.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name } ?: listOf()
    for (f in files) {
        val doc = JsonParser.parseString(f.readText()).asJsonObject
        val op = doc.get("op")?.asString ?: f.nameWithoutExtension
        val runner = runners[op]
        if (runner == null) {
            skipped.add("${f.name} (op $op not wrapped yet)")
            continue
        }
        runner(f.nameWithoutExtension, doc.getAsJsonArray("cases"))
    }
    for (name in runners.keys) {
        if (files.none { it.nameWithoutExtension == name }) println("note: ${vectors.path}/$name.json not present")
    }
    if (skipped.isNotEmpty()) println("skipped: ${skipped.joinToString("; ")}")
    println("$passed passed, $failed failed")
    if (failed > 0 || passed == 0) exitProcess(1)
}
