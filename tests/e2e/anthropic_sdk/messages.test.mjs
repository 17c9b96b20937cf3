// End-to-end: the official Anthropic Node SDK (/v1/messages) against `planoai up` in front of
// plano-mock, served natively by anthropic and translated to Chat for openai and groq. Usage must be
// what the provider computed. Started by ../run_node_e2e.sh anthropic_sdk.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import {
  GATEWAY,
  MOCK,
  MOCK_KEY,
  MOCK_TOOL_ID,
  PROVIDERS,
  SDK_OPTIONS,
  assertUnknownModelError,
  defaultToolArgs,
  mockUsage,
  replyTo,
  replyToToolResult,
  toolCallHeaders,
} from '../openai_sdk/e2e_shared.mjs';

const gateway = new Anthropic({ apiKey: 'client-key', baseURL: GATEWAY, ...SDK_OPTIONS });
const mock = new Anthropic({ apiKey: MOCK_KEY, baseURL: MOCK, ...SDK_OPTIONS });

const USER = 'hello there, gateway, from the Anthropic SDK';
const SYSTEM = 'You are a terse assistant. Answer in one line.';
const TOOL_RESULT = 'Sunny, 21 degrees Celsius in Paris, light wind from the west';
const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather of a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const CITY_ARGS = { city: 'Paris' };

function request(model, extra = {}) {
  return { model, max_tokens: 256, messages: [{ role: 'user', content: USER }], ...extra };
}

function textOf(message) {
  return message.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
}

// The provider's model id: the gateway answers with the name the provider was asked for.
function assertModel(message, model) {
  assert.ok(message.model.endsWith(model.split('/')[1]), `model ${message.model} for ${model}`);
}

function assertUsage(usage, expected) {
  assert.equal(usage.input_tokens, expected.input - expected.cached, 'input_tokens (cache reads excluded)');
  assert.equal(usage.output_tokens, expected.output, 'output_tokens');
  if (expected.cached > 0) assert.equal(usage.cache_read_input_tokens, expected.cached, 'cache_read_input_tokens');
}

// The one tool_use block of `message`; its id shows the API the provider was asked in.
function theToolUse(message, upstream) {
  const blocks = message.content.filter((b) => b.type === 'tool_use');
  assert.equal(blocks.length, 1, `one tool_use block in ${JSON.stringify(message.content)}`);
  const id = blocks[0].id;
  assert.match(id, MOCK_TOOL_ID[upstream], `tool_use id ${id}: the provider should be asked in ${upstream}`);
  return blocks[0];
}

// The raw event stream; usage merged as the SDK does (message_delta overrides what it carries).
async function collectEvents(stream) {
  const types = [];
  let text = '';
  let startUsage = null;
  let usage = null;
  let stopReason = null;
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'message_start') {
      startUsage = { ...event.message.usage };
      usage = { ...event.message.usage };
    } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
      text += event.delta.text;
    } else if (event.type === 'message_delta') {
      stopReason = event.delta.stop_reason;
      for (const [key, value] of Object.entries(event.usage)) if (value != null) usage[key] = value;
    }
  }
  return { types, text, startUsage, usage, stopReason };
}

test('the mock answers the Messages API by the rules e2e_shared.mjs computes with', async () => {
  const direct = await mock.messages.create(request('claude-sonnet-4-5', { system: SYSTEM }));
  assert.equal(textOf(direct), replyTo(USER));
  assertUsage(direct.usage, mockUsage({ prompt: [SYSTEM, USER], reply: replyTo(USER) }));
});

// The API each provider is asked in for a Messages client (spec §3).
const UPSTREAM = { anthropic: 'messages', openai: 'chat', groq: 'chat' };

for (const [provider, { model, alias }] of Object.entries(PROVIDERS)) {
  const upstream = UPSTREAM[provider];
  describe(`Anthropic SDK -> ${model} (${upstream === 'messages' ? 'native' : 'translated to Chat'})`, () => {
    const expected = mockUsage({ prompt: [USER], reply: replyTo(USER) });

    test('messages.create: text, end_turn, usage as the provider computed it', async () => {
      const message = await gateway.messages.create(request(model));
      assert.equal(message.type, 'message');
      assert.equal(message.role, 'assistant');
      assert.equal(textOf(message), replyTo(USER));
      assert.equal(message.stop_reason, 'end_turn');
      assertModel(message, model);
      assertUsage(message.usage, expected);
    });

    test('the system prompt reaches the provider (counted in input_tokens)', async () => {
      const message = await gateway.messages.create(request(model, { system: SYSTEM }));
      assert.equal(textOf(message), replyTo(USER));
      assertUsage(message.usage, mockUsage({ prompt: [SYSTEM, USER], reply: replyTo(USER) }));
    });

    test('messages.stream / finalMessage: several text events, full text, usage', async () => {
      const stream = gateway.messages.stream(request(model, { system: SYSTEM }), {
        headers: { 'x-mock-chunks': '5' },
      });
      let textEvents = 0;
      stream.on('text', () => {
        textEvents += 1;
      });
      const final = await stream.finalMessage();
      assert.ok(textEvents >= 3, `expected several text events, got ${textEvents}`);
      assert.equal(textOf(final), replyTo(USER));
      assert.equal(final.stop_reason, 'end_turn');
      assertUsage(final.usage, mockUsage({ prompt: [SYSTEM, USER], reply: replyTo(USER) }));
    });

    test('raw stream: the Anthropic event lifecycle, usage complete by message_delta', async () => {
      const stream = await gateway.messages.create(request(model, { stream: true }));
      const got = await collectEvents(stream);
      assert.equal(got.types[0], 'message_start');
      assert.equal(got.types.at(-1), 'message_stop');
      for (const type of ['content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta']) {
        assert.ok(got.types.includes(type), `${type} in ${got.types.join(',')}`);
      }
      assert.equal(got.text, replyTo(USER));
      assert.equal(got.stopReason, 'end_turn');
      assertUsage(got.usage, expected);
      // A native stream is passed through: input tokens already in message_start, as Anthropic sends.
      if (upstream === 'messages') assert.equal(got.startUsage.input_tokens, expected.input);
    });

    test('tool use round trip: tool_use, then tool_result, then text', async () => {
      const first = await gateway.messages.create(
        request(model, { tools: [WEATHER_TOOL] }),
        { headers: toolCallHeaders(WEATHER_TOOL.name, CITY_ARGS) },
      );
      assert.equal(first.stop_reason, 'tool_use');
      const toolUse = theToolUse(first, upstream);
      assert.equal(toolUse.name, WEATHER_TOOL.name);
      assert.deepEqual(toolUse.input, CITY_ARGS);
      assertUsage(first.usage, mockUsage({ prompt: [USER], reply: JSON.stringify(CITY_ARGS) }));

      const second = await gateway.messages.create(
        request(model, {
          tools: [WEATHER_TOOL],
          messages: [
            { role: 'user', content: USER },
            { role: 'assistant', content: first.content },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: TOOL_RESULT }] },
          ],
        }),
      );
      assert.equal(second.stop_reason, 'end_turn');
      assert.equal(textOf(second), replyToToolResult(TOOL_RESULT));
      assertUsage(second.usage, mockUsage({ prompt: [USER, TOOL_RESULT], reply: replyToToolResult(TOOL_RESULT) }));
    });

    test('streamed tool use: the SDK assembles input_json_delta fragments into the input', async () => {
      const stream = gateway.messages.stream(request(model, { tools: [WEATHER_TOOL] }), {
        headers: { 'x-mock-tool-call': WEATHER_TOOL.name, 'x-mock-chunks': '4' },
      });
      let fragments = 0;
      stream.on('inputJson', () => {
        fragments += 1;
      });
      const final = await stream.finalMessage();
      const args = defaultToolArgs(USER);
      assert.ok(fragments >= 2, `expected several input_json_delta fragments, got ${fragments}`);
      assert.equal(final.stop_reason, 'tool_use');
      const toolUse = theToolUse(final, upstream);
      assert.equal(toolUse.name, WEATHER_TOOL.name);
      assert.deepEqual(toolUse.input, args);
      assertUsage(final.usage, mockUsage({ prompt: [USER], reply: JSON.stringify(args) }));
    });

    test('cache reads are reported as cache_read_input_tokens (create and stream)', async () => {
      const cached = mockUsage({ prompt: [SYSTEM, USER], reply: replyTo(USER), cached: 3 });
      const options = { headers: { 'x-mock-cached-tokens': '3' } };
      const message = await gateway.messages.create(request(model, { system: SYSTEM }), options);
      assertUsage(message.usage, cached);
      const final = await gateway.messages.stream(request(model, { system: SYSTEM }), options).finalMessage();
      assertUsage(final.usage, cached);
    });

    test(`alias "${alias}" reaches the same provider`, async () => {
      const message = await gateway.messages.create(request(alias));
      assert.equal(textOf(message), replyTo(USER));
      assertModel(message, model);
      assertUsage(message.usage, expected);
    });
  });
}

describe('Anthropic SDK errors', () => {
  test('unknown model: BadRequestError (400) with an Anthropic-style error body', async () => {
    const model = 'imaginary/claude-nope-42';
    await assert.rejects(gateway.messages.create(request(model)), (err) => {
      assertUnknownModelError(err, Anthropic, model);
      assert.equal(err.error?.type, 'error', `Anthropic error envelope: ${JSON.stringify(err.error)}`);
      assert.equal(typeof err.error?.error?.message, 'string');
      return true;
    });
  });

  test('unknown model while streaming: BadRequestError before any event', async () => {
    const model = 'imaginary-stream-model';
    await assert.rejects(gateway.messages.stream(request(model)).finalMessage(), (err) =>
      assertUnknownModelError(err, Anthropic, model),
    );
  });

  test('an upstream 429 surfaces as RateLimitError with retry-after', async () => {
    await assert.rejects(
      gateway.messages.create(request(PROVIDERS.anthropic.model), { headers: { 'x-mock-status': '429' } }),
      (err) => {
        assert.ok(err instanceof Anthropic.RateLimitError, `RateLimitError expected, got ${err?.constructor?.name}`);
        assert.ok(err.headers?.get('retry-after'), 'retry-after passed through');
        return true;
      },
    );
  });
});
