// url-rewrite.js as CloudFront will take it: size, the CONFIG line, the handler, the answers, and
// only syntax the cloudfront-js-2.0 documentation promises.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  CONFIG_LINE, DEFAULT_NOW, createRunner, loadHandler, makeEvent, readFunction, settingsOf, shipped, withSettings,
} from './sandbox.mjs';

const source = readFunction();
const LIMIT = 10 * 1024; // CloudFront's function size quota, not adjustable

test('the function as shipped (no comment lines) is under 10 KB with room to spare', () => {
  const bytes = Buffer.byteLength(shipped(source));
  assert.ok(bytes < LIMIT - 1024, `${bytes} bytes`);
});

test('the function stays under 10 KB with a generous CONFIG line', () => {
  const widths = Array.from({length: 32}, (_, i) => 16000 - i * 499);
  const big = withSettings(source, {MAX_DIMENSION: 16383, ALLOWED_WIDTHS: widths, DEFAULT_FORMAT: 'auto', SIGNING: true});
  assert.ok(Buffer.byteLength(big) < LIMIT, `${Buffer.byteLength(big)} bytes`);
});

test('exactly one CONFIG line, with the four settings and their defaults', () => {
  assert.equal(source.split('\n').filter(line => /^const CONFIG = /.test(line)).length, 1);
  assert.match(source, CONFIG_LINE);
  assert.deepEqual(settingsOf(source), {MAX_DIMENSION: 4096, ALLOWED_WIDTHS: [], DEFAULT_FORMAT: null, SIGNING: false});
});

test('replacing the CONFIG line changes what the function does', async () => {
  const replaced = withSettings(source, {MAX_DIMENSION: 100});
  assert.equal(replaced.split('\n').length, shipped(source).split('\n').length, 'still one line');
  assert.match(replaced, /^const CONFIG = \{"MAX_DIMENSION":100,"ALLOWED_WIDTHS":\[\],"DEFAULT_FORMAT":null,"SIGNING":false\};$/m);
  const run = createRunner(source);
  assert.deepEqual((await run({path: '/a.jpg', rawQuery: 'w=101', config: {MAX_DIMENSION: 100}})).result,
    {status: 400, reason: 'bad-width'});
  assert.deepEqual((await run({path: '/a.jpg', rawQuery: 'w=101'})).result, {uri: '/a.jpg/width=101'});
});

test('a top-level async function handler(event)', () => {
  assert.match(source, /^async function handler\(event\) \{$/m);
  const handler = loadHandler(source, {keys: null, now: DEFAULT_NOW, logs: []});
  assert.equal(Object.prototype.toString.call(handler), '[object AsyncFunction]');
});

test('a rewritten request keeps everything but uri and querystring', async () => {
  const handler = loadHandler(source, {keys: null, now: DEFAULT_NOW, logs: []});
  const event = makeEvent('/a b.jpg', 'w=10&utm_source=x', 'image/webp');
  const request = await handler(event);
  assert.equal(request, event.request, 'the same request object comes back');
  assert.equal(request.uri, '/a%20b.jpg/width=10');
  assert.deepEqual(Object.keys(request.querystring), []);
  assert.equal(request.method, 'GET');
  assert.deepEqual(Object.keys(request.headers).sort(), ['accept', 'host', 'x-imageopt-viewer-url']);
});

test('the origin is handed the viewer URL as sent, and a viewer cannot choose it', async () => {
  const handler = loadHandler(shipped(source), {keys: null, now: DEFAULT_NOW, logs: []});
  const event = makeEvent('/a%20b.jpg', 'w=10&utm_source=x', null);
  event.request.headers['x-imageopt-viewer-url'] = {value: '/evil.jpg?w=1'};
  const request = await handler(event);
  assert.equal(request.headers['x-imageopt-viewer-url'].value, '/a%20b.jpg?w=10&utm_source=x');
  assert.equal((await handler(makeEvent('/a.jpg', null, null))).headers['x-imageopt-viewer-url'].value, '/a.jpg');
  assert.equal((await handler(makeEvent('/a.jpg', '', null))).headers['x-imageopt-viewer-url'].value, '/a.jpg?');
  const refused = await handler(makeEvent('/a.jpg', 'w=0', null));
  assert.equal(refused.statusCode, 400);
  assert.equal(refused.headers['x-imageopt-viewer-url'], undefined, 'a refusal carries no request header');
});

test('a refusal is the documented 400: three headers and a problem+json body', async () => {
  const run = createRunner(source);
  const {response} = await run({path: '/a.jpg', rawQuery: 'format=svg'});
  assert.deepEqual(response, {
    statusCode: 400,
    statusDescription: 'Bad Request',
    headers: {
      'content-type': {value: 'application/problem+json'},
      'cache-control': {value: 'no-store'},
      'x-imageopt-reason': {value: 'bad-format'},
    },
    // byte for byte what the Java twin's UrlContract.Refusal.body() gives
    body: {encoding: 'text', data: '{"type":"urn:imageopt:problem:bad-url","title":"Bad URL","status":400,'
      + '"detail":"format: auto, jpeg, png, webp, avif, gif","reason":"bad-format"}'},
  });
});

test('the body never echoes what the viewer sent', async () => {
  const run = createRunner(source);
  const marker = 'zz<script>zz';
  for (const [path, rawQuery] of [[`/${marker}/..`, null], ['/a.jpg', `width=${marker}`], ['/a.jpg', `format=${marker}`]]) {
    const {response} = await run({path, rawQuery});
    assert.equal(response.statusCode, 400);
    assert.ok(!response.body.data.includes('zz'), response.body.data);
  }
});

test('without signing the KeyValueStore is never touched', async () => {
  // No store is associated: any cf.kvs() call would throw and the request would fail.
  const run = createRunner(source);
  assert.deepEqual((await run({path: '/a.jpg', rawQuery: 'sig=k1.x&exp=1&w=5'})).result, {uri: '/a.jpg/width=5'});
});

test('with signing on but no store associated, a signed URL is refused, not a crash', async () => {
  const run = createRunner(source);
  const result = (await run({path: '/a.jpg', rawQuery: `w=5&sig=k1.${'A'.repeat(43)}`, config: {SIGNING: true}})).result;
  assert.deepEqual(result, {status: 400, reason: 'sig-unknown-key'});
});

test('unexpected failures are not turned into 400s', async () => {
  const handler = loadHandler(source, {keys: null, now: DEFAULT_NOW, logs: []});
  const event = makeEvent('/a.jpg', null, null);
  delete event.request.rawQueryString;
  await assert.rejects(handler(event), error => error.name === 'TypeError'); // the context's TypeError
});

// The documentation promises ES 5.1 plus a list of later features; whatever is not promised is
// refused here, even where the engine might take it. Comments are removed first.
test('only syntax the cloudfront-js-2.0 documentation promises', () => {
  const code = source.split('\n').filter(line => !/^\s*\/\//.test(line)).join('\n');
  const refused = {
    'optional chaining': /\?\.(?![0-9])/,
    'nullish coalescing': /\?\?/,
    'spread or rest': /\.\.\.[A-Za-z_$[{(]/,
    'class': /\bclass\s/,
    'generator': /function\s*\*/,
    'for...of': /\bfor\s*\([^)]*\sof\s/,
    'const or let in a for-in head': /\bfor\s*\(\s*(const|let)\s[^)]*\sin\s/,
    'destructuring declaration': /\b(const|let|var)\s*[[{]/,
    'await inside call arguments': /[(,]\s*await\b/,
    'async arrow function': /\basync\s*(\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>/,
    'default parameter': /function\s*[\w$]*\s*\([^)]*=/,
    'import or export': /^\s*(import|export)\s/m,
    'dynamic import': /\bimport\s*\(/,
    'eval or Function': /\beval\s*\(|\bnew\s+Function\b/,
    'BigInt literal': /\b\d+n\b/,
    'timers': /\bset(Timeout|Interval|Immediate)\b/,
  };
  for (const [what, pattern] of Object.entries(refused)) {
    assert.doesNotMatch(code, pattern, what);
  }
});

test('the function requires only crypto and cloudfront', () => {
  const required = [...source.matchAll(/require\(([^)]*)\)/g)].map(m => m[1]);
  assert.deepEqual(required, ["'crypto'", "'cloudfront'"]);
});
