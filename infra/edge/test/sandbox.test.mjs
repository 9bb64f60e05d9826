// The sandbox refuses what cloudfront-js-2.0 lacks, so the function's tests mean something.
import assert from 'node:assert/strict';
import test from 'node:test';
import vm from 'node:vm';
import {createContext, splitConfig, withSettings} from './sandbox.mjs';

const fresh = (env = {keys: null, now: 1700000000, logs: []}) => createContext(env);
const evaluate = (context, code) => vm.runInContext(code, context);
// The context's error classes are its own, not this realm's: match by name.
const named = name => error => error?.name === name;

test('the globals are the documented ones, console and require', () => {
  const names = evaluate(fresh(), 'Object.getOwnPropertyNames(globalThis).sort()');
  assert.deepEqual([...names], [
    'Array', 'ArrayBuffer', 'Boolean', 'Date', 'Error', 'EvalError', 'Float32Array', 'Float64Array', 'Function',
    'Infinity', 'Int16Array', 'Int32Array', 'Int8Array', 'JSON', 'Math', 'NaN', 'Number', 'Object', 'Promise',
    'RangeError', 'ReferenceError', 'RegExp', 'String', 'SyntaxError', 'TypeError', 'URIError', 'Uint16Array',
    'Uint32Array', 'Uint8Array', 'Uint8ClampedArray', 'console', 'decodeURI', 'decodeURIComponent', 'encodeURI',
    'encodeURIComponent', 'globalThis', 'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'require', 'undefined',
  ]);
});

test('what the runtime lacks is not there', () => {
  const context = fresh();
  const missing = ['Map', 'Set', 'WeakMap', 'Proxy', 'Reflect', 'Intl', 'Symbol', 'BigInt', 'Buffer', 'URL',
    'URLSearchParams', 'TextEncoder', 'TextDecoder', 'process', 'setTimeout', 'setInterval', 'queueMicrotask',
    'structuredClone', 'fetch', 'atob', 'btoa', 'escape', 'unescape', 'WebAssembly', 'SharedArrayBuffer', 'eval'];
  for (const name of missing) {
    assert.throws(() => evaluate(context, name), named('ReferenceError'), name);
  }
});

test('methods the runtime lacks are not there', () => {
  const context = fresh();
  for (const expression of ['"x".normalize()', '"x".at(0)', '"x".replaceAll("x", "y")', '"x".localeCompare("y")',
    '[1].at(0)', '[[1]].flat()', '[1].findLast(x => x)', '[1].toSorted()', 'Object.fromEntries([])', 'Object.hasOwn({}, "x")']) {
    assert.throws(() => evaluate(context, expression), named('TypeError'), expression);
  }
});

test('code is not generated from strings', () => {
  const context = fresh();
  assert.throws(() => evaluate(context, 'new Function("return 1")'), named('EvalError'));
  assert.throws(() => evaluate(context, '(function () {}).constructor("return 1")'), named('EvalError'));
});

test('require offers crypto and cloudfront only', () => {
  const context = fresh();
  assert.throws(() => evaluate(context, 'require("fs")'), /Cannot find module 'fs'/);
  assert.throws(() => evaluate(context, 'require("querystring")'), /Cannot find module/);
  assert.throws(() => evaluate(context, 'require("buffer")'), /Cannot find module/);
  assert.deepEqual([...evaluate(context, 'Object.keys(require("crypto")).sort()')], ['createHash', 'createHmac']);
  assert.deepEqual([...evaluate(context, 'Object.keys(require("cloudfront"))')], ['kvs']);
});

test('crypto: md5, sha1, sha256 and encoded digests only', () => {
  const context = fresh();
  assert.equal(evaluate(context, 'require("crypto").createHash("sha256").update("abc").digest("hex")'),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(evaluate(context, 'require("crypto").createHmac("sha256", "key").update("The quick brown fox jumps over the lazy dog").digest("base64url")'),
    '97yD9DBThCSxMpjmqm-xQ-9NWaFJRhdZl0edvC0aPNg');
  assert.throws(() => evaluate(context, 'require("crypto").createHash("sha512")'), /not offered/);
  assert.throws(() => evaluate(context, 'require("crypto").createHash("sha256").update("x").digest()'), /not offered/);
  assert.throws(() => evaluate(context, 'require("crypto").createHash("sha256").update("x").digest("binary")'), /not offered/);
  assert.equal(evaluate(context, 'typeof require("crypto").randomBytes'), 'undefined');
  assert.equal(evaluate(context, 'typeof require("crypto").timingSafeEqual'), 'undefined');
});

test('cf.kvs(): no store, a missing key, a present key', async () => {
  const env = {keys: null, now: 0, logs: []};
  const context = fresh(env);
  assert.throws(() => evaluate(context, 'require("cloudfront").kvs()'), /no KeyValueStore/);
  env.keys = {k1: 'secret'};
  assert.equal(await evaluate(context, 'require("cloudfront").kvs().get("k1")'), 'secret');
  assert.equal(await evaluate(context, 'require("cloudfront").kvs().exists("k2")'), false);
  await assert.rejects(evaluate(context, 'require("cloudfront").kvs().get("k2")'), /not found/);
});

test('the clock is the caller\'s', () => {
  const env = {keys: null, now: 1234, logs: []};
  const context = fresh(env);
  assert.equal(evaluate(context, 'Date.now()'), 1234000);
  env.now = 99;
  assert.equal(evaluate(context, 'Date.now()'), 99000);
});

test('console.log is collected', () => {
  const env = {keys: null, now: 0, logs: []};
  evaluate(fresh(env), 'console.log("hello")');
  assert.deepEqual(env.logs, ['hello']);
});

test('a case config splits into settings, keys and clock; unknown entries are refused', () => {
  assert.deepEqual(splitConfig({MAX_DIMENSION: 10, SIGNING_KEYS: {a: 'b'}, NOW: 5}),
    {settings: {MAX_DIMENSION: 10}, keys: {a: 'b'}, now: 5});
  assert.deepEqual(splitConfig(), {settings: {}, keys: null, now: 1750000000});
  assert.throws(() => splitConfig({MAX_WIDTH: 1}), /unknown config entry/);
  assert.throws(() => withSettings('const CONFIG = {};\n', {NOPE: 1}), /unknown setting/);
  assert.throws(() => withSettings('x\n', {}), /exactly one CONFIG line/);
});
