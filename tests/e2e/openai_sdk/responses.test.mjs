// End-to-end: the OpenAI SDK's responses API through the gateway: openai natively, anthropic
// translated to Messages, groq translated to Chat. Usage must be what the provider computed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
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
} from './e2e_shared.mjs';

const gateway = new OpenAI({ apiKey: 'client-key', baseURL: `${GATEWAY}/v1`, ...SDK_OPTIONS });
const mock = new OpenAI({ apiKey: MOCK_KEY, baseURL: `${MOCK}/v1`, ...SDK_OPTIONS });

const USER = 'hello there, gateway, from the Responses API';
const INSTRUCTIONS = 'You are a terse assistant. Answer in one line.';
const TOOL_RESULT = 'Sunny, 21 degrees Celsius in Paris, light wind from the west';
const WEATHER_TOOL = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather of a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};
const CITY_ARGS = { city: 'Paris' };

function request(model, extra = {}) {
  return { model, input: USER, ...extra };
}

function assertUsage(usage, expected) {
  assert.ok(usage, 'usage present');
  assert.equal(usage.input_tokens, expected.input, 'input_tokens (cached included)');
  assert.equal(usage.output_tokens, expected.output, 'output_tokens');
  assert.equal(usage.total_tokens, expected.input + expected.output, 'total_tokens');
  if (expected.cached > 0) {
    assert.equal(usage.input_tokens_details?.cached_tokens, expected.cached, 'input_tokens_details.cached_tokens');
  }
}

// The text of the output messages (finalResponse() has no output_text convenience property).
function textOf(response) {
  return response.output
    .filter((item) => item.type === 'message')
    .flatMap((item) => item.content.filter((part) => part.type === 'output_text').map((part) => part.text))
    .join('');
}

// The one function call of `response`; its call_id shows the API the provider was asked in.
function theFunctionCall(response, upstream) {
  const calls = response.output.filter((item) => item.type === 'function_call');
  assert.equal(calls.length, 1, `one function_call in ${JSON.stringify(response.output)}`);
  assert.match(calls[0].call_id, MOCK_TOOL_ID[upstream], `call_id ${calls[0].call_id}: the provider should be asked in ${upstream}`);
  return calls[0];
}

// Every event of a raw stream, checking the Responses lifecycle and its sequence numbers.
async function collectEvents(stream) {
  const events = [];
  for await (const event of stream) events.push(event);
  assert.equal(events[0]?.type, 'response.created');
  assert.equal(events.at(-1)?.type, 'response.completed');
  events.forEach((event, i) => {
    if (i > 0) assert.ok(event.sequence_number > events[i - 1].sequence_number, `sequence_number grows at ${event.type}`);
  });
  const deltas = (type) => events.filter((e) => e.type === type).map((e) => e.delta);
  return { events, final: events.at(-1).response, deltas };
}

test('the mock answers the Responses API by the rules e2e_shared.mjs computes with', async () => {
  const direct = await mock.responses.create(request('gpt-4o-mini', { instructions: INSTRUCTIONS }));
  assert.equal(direct.output_text, replyTo(USER));
  assertUsage(direct.usage, mockUsage({ prompt: [INSTRUCTIONS, USER], reply: replyTo(USER) }));
});

// The API each provider is asked in for a Responses client (spec §3: anthropic natively).
const UPSTREAM = { openai: 'responses', anthropic: 'messages', groq: 'chat' };
const HOW = { responses: 'native', messages: 'translated to Messages', chat: 'translated to Chat' };

for (const [provider, { model, alias }] of Object.entries(PROVIDERS)) {
  const upstream = UPSTREAM[provider];
  describe(`OpenAI SDK responses -> ${model} (${HOW[upstream]})`, () => {
    const expected = mockUsage({ prompt: [USER], reply: replyTo(USER) });

    test('create: output_text, status completed, usage as the provider computed it', async () => {
      const response = await gateway.responses.create(request(model));
      assert.equal(response.object, 'response');
      assert.equal(response.status, 'completed');
      assert.equal(response.output_text, replyTo(USER));
      assert.equal(textOf(response), replyTo(USER));
      assert.ok(response.model.endsWith(model.split('/')[1]), `model ${response.model}`);
      assertUsage(response.usage, expected);
    });

    test('instructions and message-list input reach the provider (counted in input_tokens)', async () => {
      const response = await gateway.responses.create(
        request(model, { instructions: INSTRUCTIONS, input: [{ role: 'user', content: USER }] }),
      );
      assert.equal(response.output_text, replyTo(USER));
      assertUsage(response.usage, mockUsage({ prompt: [INSTRUCTIONS, USER], reply: replyTo(USER) }));
    });

    test('raw stream: created .. completed, text deltas, usage in response.completed', async () => {
      const stream = await gateway.responses.create(request(model, { stream: true }), {
        headers: { 'x-mock-chunks': '5' },
      });
      const got = await collectEvents(stream);
      const deltas = got.deltas('response.output_text.delta');
      assert.ok(deltas.length >= 3, `expected several text deltas, got ${deltas.length}`);
      assert.equal(deltas.join(''), replyTo(USER));
      assert.equal(got.final.status, 'completed');
      assertUsage(got.final.usage, expected);
    });

    test('responses.stream / finalResponse: text events and the final response', async () => {
      const stream = gateway.responses.stream(request(model, { instructions: INSTRUCTIONS }));
      let text = '';
      stream.on('response.output_text.delta', (event) => {
        text += event.delta;
      });
      const final = await stream.finalResponse();
      assert.equal(text, replyTo(USER));
      assert.equal(textOf(final), replyTo(USER));
      assertUsage(final.usage, mockUsage({ prompt: [INSTRUCTIONS, USER], reply: replyTo(USER) }));
    });

    test('function call round trip: function_call, then function_call_output, then text', async () => {
      const first = await gateway.responses.create(request(model, { tools: [WEATHER_TOOL] }), {
        headers: toolCallHeaders('get_weather', CITY_ARGS),
      });
      const call = theFunctionCall(first, upstream);
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.arguments), CITY_ARGS);
      assertUsage(first.usage, mockUsage({ prompt: [USER], reply: JSON.stringify(CITY_ARGS) }));

      const second = await gateway.responses.create(
        request(model, {
          tools: [WEATHER_TOOL],
          input: [
            { role: 'user', content: USER },
            { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
            { type: 'function_call_output', call_id: call.call_id, output: TOOL_RESULT },
          ],
        }),
      );
      assert.equal(second.output_text, replyToToolResult(TOOL_RESULT));
      assertUsage(second.usage, mockUsage({ prompt: [USER, TOOL_RESULT], reply: replyToToolResult(TOOL_RESULT) }));
    });

    test('streamed function call: argument deltas, .done and the final item agree', async () => {
      const stream = await gateway.responses.create(request(model, { tools: [WEATHER_TOOL], stream: true }), {
        headers: { 'x-mock-tool-call': 'get_weather', 'x-mock-chunks': '4' },
      });
      const got = await collectEvents(stream);
      const args = JSON.stringify(defaultToolArgs(USER));
      const deltas = got.deltas('response.function_call_arguments.delta');
      assert.ok(deltas.length >= 2, `expected several argument deltas, got ${deltas.length}`);
      assert.deepEqual(JSON.parse(deltas.join('')), defaultToolArgs(USER));
      const done = got.events.find((e) => e.type === 'response.function_call_arguments.done');
      assert.deepEqual(JSON.parse(done?.arguments ?? 'null'), defaultToolArgs(USER));
      const call = theFunctionCall(got.final, upstream);
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.arguments), defaultToolArgs(USER));
      assertUsage(got.final.usage, mockUsage({ prompt: [USER], reply: args }));
    });

    test('responses.stream assembles a streamed function call', async () => {
      const final = await gateway.responses
        .stream(request(model, { tools: [WEATHER_TOOL] }), { headers: toolCallHeaders('get_weather', CITY_ARGS) })
        .finalResponse();
      const call = theFunctionCall(final, upstream);
      assert.deepEqual(JSON.parse(call.arguments), CITY_ARGS);
    });

    test('cached prompt tokens: input_tokens_details.cached_tokens (create and stream)', async () => {
      const cached = mockUsage({ prompt: [USER], reply: replyTo(USER), cached: 3 });
      const options = { headers: { 'x-mock-cached-tokens': '3' } };
      assertUsage((await gateway.responses.create(request(model), options)).usage, cached);
      const stream = await gateway.responses.create(request(model, { stream: true }), options);
      assertUsage((await collectEvents(stream)).final.usage, cached);
    });

    test(`alias "${alias}" reaches the same provider`, async () => {
      const response = await gateway.responses.create(request(alias));
      assert.equal(response.output_text, replyTo(USER));
      assertUsage(response.usage, expected);
    });
  });
}

test('responses with an unknown model: BadRequestError (400) naming the model', async () => {
  const model = 'imaginary/responses-model-42';
  await assert.rejects(gateway.responses.create(request(model)), (err) => assertUnknownModelError(err, OpenAI, model));
});
