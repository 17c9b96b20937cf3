// Shared by the SDK suites (openai_sdk/ and anthropic_sdk/): where the gateway and the mock run, the
// providers run_node_e2e.sh configures, and what plano-mock answers by its documented rules
// (src/gw/mock/completion.hpp), so a test knows the provider's usage numbers without asking it.
// Plain Node, no package imports: anthropic_sdk/ imports this file too.
import assert from 'node:assert/strict';

export const GATEWAY = process.env.PLANO_GATEWAY_URL;
export const MOCK = process.env.PLANO_MOCK_URL;
export const MOCK_KEY = process.env.PLANO_MOCK_KEY ?? 'mock-key';
if (!GATEWAY || !MOCK) {
  throw new Error('PLANO_GATEWAY_URL and PLANO_MOCK_URL must be set (run ../run_node_e2e.sh)');
}

// The providers of run_node_e2e.sh's config, by the API the gateway asks them in.
export const PROVIDERS = {
  openai: { model: 'openai/gpt-4o-mini', alias: 'fast' },
  anthropic: { model: 'anthropic/claude-sonnet-4-5', alias: 'smart' },
  groq: { model: 'groq/llama-3.3-70b', alias: 'open' },
};

// The tool call ids plano-mock gives in each upstream API. Translation keeps tool call ids as they
// are (a tool result must name the provider's id), so the id shows which API the provider was asked in.
export const MOCK_TOOL_ID = { chat: /^call_mock_\d+$/, messages: /^toolu_mock_\d+$/, responses: /^call_mock_\d+$/ };

// No retries, short timeouts: a failure must surface immediately, never hang the suite.
export const SDK_OPTIONS = { maxRetries: 0, timeout: 10_000 };

// --- plano-mock's rules ---
const ECHO_CHARS = 40;

// The first n characters (code points, as the mock counts UTF-8 characters).
export function firstChars(text, n = ECHO_CHARS) {
  return Array.from(text).slice(0, n).join('');
}

export function replyTo(userText) {
  return `Hello from plano-mock! You said: ${firstChars(userText)}`;
}

export function replyToToolResult(resultText) {
  return `Tool said: ${firstChars(resultText)}`;
}

// The arguments of a scripted tool call without x-mock-tool-args.
export function defaultToolArgs(userText) {
  return { query: firstChars(userText) };
}

export function words(text) {
  return (text.match(/[^ \n\t\r]+/g) ?? []).length;
}

// Input: ceil(bytes of every prompt text / 4), cached tokens included; output: words of the reply
// (for a tool call, of its arguments as compact JSON). `cached` is x-mock-cached-tokens.
export function mockUsage({ prompt, reply, cached = 0 }) {
  const bytes = prompt.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const input = Math.ceil(bytes / 4);
  return { input, output: words(reply), cached: Math.min(cached, input) };
}

// The headers that script a tool call of `name` with `args`.
export function toolCallHeaders(name, args) {
  return { 'x-mock-tool-call': name, 'x-mock-tool-args': JSON.stringify(args) };
}

// Asserts that `error` is the SDK's 400 error class and names the unknown model.
export function assertUnknownModelError(error, sdk, model) {
  assert.ok(error instanceof sdk.APIError, `APIError expected, got ${error?.constructor?.name}: ${error}`);
  assert.ok(error instanceof sdk.BadRequestError, `BadRequestError expected, got ${error?.constructor?.name}`);
  assert.equal(error.status, 400);
  assert.ok(error.message.includes(model), `message should name the model: ${error.message}`);
  return true;
}
