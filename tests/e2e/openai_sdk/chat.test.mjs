// End-to-end: the official OpenAI Node SDK against `planoai up` in front of plano-mock.
// Started by ../run_node_e2e.sh, which exports PLANO_GATEWAY_URL, PLANO_MOCK_URL and PLANO_MOCK_KEY.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const GATEWAY = process.env.PLANO_GATEWAY_URL;
const MOCK = process.env.PLANO_MOCK_URL;
const KEY = process.env.PLANO_MOCK_KEY ?? 'mock-key';
if (!GATEWAY || !MOCK) {
  throw new Error('PLANO_GATEWAY_URL and PLANO_MOCK_URL must be set (run ../run_node_e2e.sh)');
}

const MODEL = 'openai/gpt-4o-mini';
const UPSTREAM_MODEL = 'gpt-4o-mini';
const MESSAGES = [{ role: 'user', content: 'hello there, gateway' }];

// No retries, short timeouts: a failure must surface immediately, never hang the suite.
const gateway = new OpenAI({ apiKey: 'client-key', baseURL: `${GATEWAY}/v1`, maxRetries: 0, timeout: 10_000 });
const mock = new OpenAI({ apiKey: KEY, baseURL: `${MOCK}/v1`, maxRetries: 0, timeout: 10_000 });

function usageOf(u) {
  assert.ok(u, 'usage present');
  return { prompt_tokens: u.prompt_tokens, completion_tokens: u.completion_tokens, total_tokens: u.total_tokens };
}

async function collectStream(stream) {
  let text = '';
  let finishReason = null;
  let usage = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks += 1;
    assert.equal(chunk.object, 'chat.completion.chunk');
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      if (choice.delta?.content) text += choice.delta.content;
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  return { text, finishReason, usage, chunks };
}

test('non-streaming chat completion through the SDK matches the upstream response', async () => {
  const direct = await mock.chat.completions.create({ model: UPSTREAM_MODEL, messages: MESSAGES });
  const viaGw = await gateway.chat.completions.create({ model: MODEL, messages: MESSAGES });

  assert.equal(viaGw.object, 'chat.completion');
  assert.equal(viaGw.choices.length, 1);
  assert.equal(viaGw.choices[0].message.role, 'assistant');
  assert.equal(typeof viaGw.choices[0].message.content, 'string');
  assert.ok(viaGw.choices[0].message.content.length > 0, 'non-empty content');
  assert.equal(viaGw.choices[0].message.content, direct.choices[0].message.content);
  assert.equal(viaGw.choices[0].finish_reason, 'stop');
  assert.match(viaGw.model, /gpt-4o-mini$/);
  assert.deepEqual(usageOf(viaGw.usage), usageOf(direct.usage));
  assert.equal(viaGw.usage.total_tokens, viaGw.usage.prompt_tokens + viaGw.usage.completion_tokens);
});

test('streaming through the SDK: deltas concatenate to the non-stream text, finish_reason stop', async () => {
  const full = await gateway.chat.completions.create({ model: MODEL, messages: MESSAGES });
  const stream = await gateway.chat.completions.create(
    { model: MODEL, messages: MESSAGES, stream: true },
    { headers: { 'x-mock-chunks': '6' } },
  );
  const got = await collectStream(stream);
  assert.ok(got.chunks >= 3, `expected several chunks, got ${got.chunks}`);
  assert.equal(got.text, full.choices[0].message.content);
  assert.equal(got.finishReason, 'stop');
  assert.equal(got.usage, null, 'no usage chunk unless stream_options.include_usage');
});

test('streaming with stream_options.include_usage delivers the upstream usage chunk', async () => {
  const direct = await mock.chat.completions.create({ model: UPSTREAM_MODEL, messages: MESSAGES });
  const stream = await gateway.chat.completions.create({
    model: MODEL,
    messages: MESSAGES,
    stream: true,
    stream_options: { include_usage: true },
  });
  const got = await collectStream(stream);
  assert.equal(got.finishReason, 'stop');
  assert.equal(got.text, direct.choices[0].message.content);
  assert.deepEqual(usageOf(got.usage), usageOf(direct.usage));
});

test('SDK stream helper (.stream / finalChatCompletion) works through the gateway', async () => {
  const runner = gateway.chat.completions.stream({ model: MODEL, messages: MESSAGES });
  const final = await runner.finalChatCompletion();
  const direct = await mock.chat.completions.create({ model: UPSTREAM_MODEL, messages: MESSAGES });
  assert.equal(final.choices[0].message.content, direct.choices[0].message.content);
  assert.equal(final.choices[0].finish_reason, 'stop');
});

test('model alias "fast" resolves to the configured provider', async () => {
  const direct = await mock.chat.completions.create({ model: UPSTREAM_MODEL, messages: MESSAGES });
  const viaAlias = await gateway.chat.completions.create({ model: 'fast', messages: MESSAGES });
  assert.equal(viaAlias.choices[0].message.content, direct.choices[0].message.content);
  assert.match(viaAlias.model, /gpt-4o-mini$/);
  assert.deepEqual(usageOf(viaAlias.usage), usageOf(direct.usage));

  const stream = await gateway.chat.completions.create({ model: 'fast', messages: MESSAGES, stream: true });
  const got = await collectStream(stream);
  assert.equal(got.text, direct.choices[0].message.content);
  assert.equal(got.finishReason, 'stop');
});

test('unknown model: SDK throws a 400 APIError naming the model', async () => {
  const model = 'no-such-provider/imaginary-model-42';
  await assert.rejects(
    gateway.chat.completions.create({ model, messages: MESSAGES }),
    (err) => {
      assert.ok(err instanceof OpenAI.APIError, `APIError expected, got ${err?.constructor?.name}: ${err}`);
      assert.ok(err instanceof OpenAI.BadRequestError, 'BadRequestError expected');
      assert.equal(err.status, 400);
      assert.ok(err.message.includes(model), `message should name the model: ${err.message}`);
      assert.equal(typeof err.error?.message, 'string', 'OpenAI-style {"error":{"message"}} body');
      return true;
    },
  );
});

test('unknown model in streaming mode also fails with a 400 before any stream starts', async () => {
  const model = 'imaginary-stream-model';
  await assert.rejects(
    gateway.chat.completions.create({ model, messages: MESSAGES, stream: true }),
    (err) => {
      assert.ok(err instanceof OpenAI.BadRequestError, `BadRequestError expected, got ${err}`);
      assert.ok(err.message.includes(model), `message should name the model: ${err.message}`);
      return true;
    },
  );
});

test('upstream 429 surfaces as RateLimitError with retry-after passed through', async () => {
  await assert.rejects(
    gateway.chat.completions.create(
      { model: MODEL, messages: MESSAGES },
      { headers: { 'x-mock-status': '429' }, maxRetries: 0 },
    ),
    (err) => {
      assert.ok(err instanceof OpenAI.RateLimitError, `RateLimitError expected, got ${err?.constructor?.name}: ${err}`);
      assert.equal(err.status, 429);
      assert.ok(err.headers?.get('retry-after'), 'retry-after header passed through');
      return true;
    },
  );
});

test('a failed request does not affect the next one', async () => {
  await assert.rejects(
    gateway.chat.completions.create({ model: MODEL, messages: MESSAGES }, { headers: { 'x-mock-status': '500' } }),
    (err) => err instanceof OpenAI.InternalServerError,
  );
  const ok = await gateway.chat.completions.create({ model: MODEL, messages: MESSAGES });
  assert.equal(ok.choices[0].finish_reason, 'stop');
});

test('models.list() returns the configured model', async () => {
  const ids = [];
  for await (const m of gateway.models.list()) ids.push(m.id);
  assert.ok(ids.includes(MODEL), `models.list() should include ${MODEL}, got ${JSON.stringify(ids)}`);
});
