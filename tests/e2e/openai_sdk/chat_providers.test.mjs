// End-to-end: the OpenAI SDK's chat.completions against the non-OpenAI providers of
// run_node_e2e.sh's config: anthropic (translated to its native Messages API, spec §3) and groq
// (Chat as is, at groq's /openai/v1 path). Usage must be what the provider computed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import {
  GATEWAY,
  MOCK_TOOL_ID,
  PROVIDERS,
  SDK_OPTIONS,
  defaultToolArgs,
  mockUsage,
  replyTo,
  replyToToolResult,
  toolCallHeaders,
} from './e2e_shared.mjs';

const gateway = new OpenAI({ apiKey: 'client-key', baseURL: `${GATEWAY}/v1`, ...SDK_OPTIONS });

const USER = 'hello there, gateway, from the OpenAI SDK';
const SYSTEM = 'You are a terse assistant. Answer in one line.';
const TOOL_RESULT = 'Sunny, 21 degrees Celsius in Paris, light wind from the west';
const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const CITY_ARGS = { city: 'Paris' };

function request(model, extra = {}) {
  return { model, messages: [{ role: 'user', content: USER }], ...extra };
}

function assertUsage(usage, expected) {
  assert.ok(usage, 'usage present');
  assert.equal(usage.prompt_tokens, expected.input, 'prompt_tokens (cached included)');
  assert.equal(usage.completion_tokens, expected.output, 'completion_tokens');
  assert.equal(usage.total_tokens, expected.input + expected.output, 'total_tokens');
  if (expected.cached > 0) {
    assert.equal(usage.prompt_tokens_details?.cached_tokens, expected.cached, 'prompt_tokens_details.cached_tokens');
  }
}

async function collectStream(stream) {
  let text = '';
  let finishReason = null;
  let usage = null;
  let contentChunks = 0;
  for await (const chunk of stream) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      if (choice.delta?.content) {
        text += choice.delta.content;
        contentChunks += 1;
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  return { text, finishReason, usage, contentChunks };
}

// The one tool call of `message`; its id shows the API the provider was asked in.
function theToolCall(message, upstream) {
  assert.equal(message.tool_calls?.length, 1, `one tool call in ${JSON.stringify(message)}`);
  const call = message.tool_calls[0];
  assert.equal(call.type, 'function');
  assert.match(call.id, MOCK_TOOL_ID[upstream], `tool call id ${call.id}: the provider should be asked in ${upstream}`);
  return call;
}

// The API each provider is asked in for a Chat client (spec §3: anthropic natively).
const TARGETS = [
  ['anthropic', 'messages', 'translated to Messages'],
  ['groq', 'chat', 'Chat at /openai/v1'],
];

for (const [provider, upstream, how] of TARGETS) {
  const { model, alias } = PROVIDERS[provider];
  describe(`OpenAI SDK chat.completions -> ${model} (${how})`, () => {
    const expected = mockUsage({ prompt: [USER], reply: replyTo(USER) });

    test('create: text, finish_reason stop, usage as the provider computed it', async () => {
      const completion = await gateway.chat.completions.create(request(model));
      assert.equal(completion.object, 'chat.completion');
      assert.equal(completion.choices[0].message.role, 'assistant');
      assert.equal(completion.choices[0].message.content, replyTo(USER));
      assert.equal(completion.choices[0].finish_reason, 'stop');
      assert.ok(completion.model.endsWith(model.split('/')[1]), `model ${completion.model}`);
      assertUsage(completion.usage, expected);
    });

    test('a system message reaches the provider (counted in prompt_tokens)', async () => {
      const completion = await gateway.chat.completions.create(
        request(model, { messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: USER }] }),
      );
      assert.equal(completion.choices[0].message.content, replyTo(USER));
      assertUsage(completion.usage, mockUsage({ prompt: [SYSTEM, USER], reply: replyTo(USER) }));
    });

    test('stream with include_usage: chunks, finish_reason stop, the usage chunk', async () => {
      const stream = await gateway.chat.completions.create(
        request(model, { stream: true, stream_options: { include_usage: true } }),
        { headers: { 'x-mock-chunks': '5' } },
      );
      const got = await collectStream(stream);
      assert.ok(got.contentChunks >= 3, `expected several content chunks, got ${got.contentChunks}`);
      assert.equal(got.text, replyTo(USER));
      assert.equal(got.finishReason, 'stop');
      assertUsage(got.usage, expected);
    });

    test('stream without include_usage has no usage chunk', async () => {
      const got = await collectStream(await gateway.chat.completions.create(request(model, { stream: true })));
      assert.equal(got.text, replyTo(USER));
      assert.equal(got.usage, null, 'no usage chunk unless stream_options.include_usage');
    });

    test('tool call: message.tool_calls, finish_reason tool_calls', async () => {
      const completion = await gateway.chat.completions.create(request(model, { tools: [WEATHER_TOOL] }), {
        headers: toolCallHeaders('get_weather', CITY_ARGS),
      });
      const choice = completion.choices[0];
      assert.equal(choice.finish_reason, 'tool_calls');
      const call = theToolCall(choice.message, upstream);
      assert.equal(call.function.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.function.arguments), CITY_ARGS);
      assertUsage(completion.usage, mockUsage({ prompt: [USER], reply: JSON.stringify(CITY_ARGS) }));
    });

    test('streamed tool call: the SDK assembles the argument fragments', async () => {
      const runner = gateway.chat.completions.stream(
        request(model, { tools: [WEATHER_TOOL], stream_options: { include_usage: true } }),
        { headers: { 'x-mock-tool-call': 'get_weather', 'x-mock-chunks': '4' } },
      );
      let fragments = 0;
      runner.on('chunk', (chunk) => {
        if (chunk.choices?.[0]?.delta?.tool_calls?.[0]?.function?.arguments) fragments += 1;
      });
      const final = await runner.finalChatCompletion();
      const args = defaultToolArgs(USER);
      assert.ok(fragments >= 2, `expected several argument fragments, got ${fragments}`);
      assert.equal(final.choices[0].finish_reason, 'tool_calls');
      const call = theToolCall(final.choices[0].message, upstream);
      assert.equal(call.function.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.function.arguments), args);
      assertUsage(final.usage, mockUsage({ prompt: [USER], reply: JSON.stringify(args) }));
    });

    test('tool round trip: the tool message reaches the provider, which answers with text', async () => {
      const first = await gateway.chat.completions.create(request(model, { tools: [WEATHER_TOOL] }), {
        headers: toolCallHeaders('get_weather', CITY_ARGS),
      });
      const call = theToolCall(first.choices[0].message, upstream);
      const second = await gateway.chat.completions.create(
        request(model, {
          tools: [WEATHER_TOOL],
          messages: [
            { role: 'user', content: USER },
            { role: 'assistant', content: null, tool_calls: first.choices[0].message.tool_calls },
            { role: 'tool', tool_call_id: call.id, content: TOOL_RESULT },
          ],
        }),
      );
      assert.equal(second.choices[0].finish_reason, 'stop');
      assert.equal(second.choices[0].message.content, replyToToolResult(TOOL_RESULT));
      assertUsage(second.usage, mockUsage({ prompt: [USER, TOOL_RESULT], reply: replyToToolResult(TOOL_RESULT) }));
    });

    test('cached prompt tokens: prompt_tokens_details.cached_tokens, prompt_tokens includes them', async () => {
      const cached = mockUsage({ prompt: [USER], reply: replyTo(USER), cached: 3 });
      const options = { headers: { 'x-mock-cached-tokens': '3' } };
      assertUsage((await gateway.chat.completions.create(request(model), options)).usage, cached);
      const stream = await gateway.chat.completions.create(
        request(model, { stream: true, stream_options: { include_usage: true } }),
        options,
      );
      assertUsage((await collectStream(stream)).usage, cached);
    });

    test(`alias "${alias}" reaches the same provider`, async () => {
      const completion = await gateway.chat.completions.create(request(alias));
      assert.equal(completion.choices[0].message.content, replyTo(USER));
      assertUsage(completion.usage, expected);
    });
  });
}
