// Runs url-rewrite.js the way cloudfront-js-2.0 would: in a node:vm context that offers only what
// that runtime offers, so code that would fail at the edge fails here. Where AWS's documentation
// leaves a doubt the sandbox offers less (no Buffer, no querystring, no Symbol...): a subset of the
// runtime is safe, a superset is not. It guards against honest mistakes, not hostile code.
//
// The one stand-in is the KeyValueStore behind require('cloudfront').kvs(), which cannot run
// here: it reads the keys the caller gives. The clock (Date.now) is the caller's too.
//
// Shared by the tests and by oracle.mjs. A runner handles one request at a time.
import {createHash, createHmac} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import vm from 'node:vm';

export const FUNCTION_FILE = fileURLToPath(new URL('../url-rewrite.js', import.meta.url));
/** The one line the CDK stack replaces at synth, and the tests the same way. */
export const CONFIG_LINE = /^const CONFIG = (.*);$/m;
/** The non-secret settings that line holds. */
export const SETTINGS = ['MAX_DIMENSION', 'ALLOWED_WIDTHS', 'DEFAULT_FORMAT', 'SIGNING'];
/** The clock of a case that gives no NOW (contract/README.md). */
export const DEFAULT_NOW = 1750000000;

// Global names the runtime documents (ES 5.1 plus the ES 6-12 objects AWS lists for 2.0), and the
// two the runtime adds. Everything else a V8 context holds is removed.
const GLOBALS = [
  'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Date', 'RegExp', 'Math', 'JSON',
  'Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError',
  'Promise', 'ArrayBuffer', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
  'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'decodeURI', 'decodeURIComponent', 'encodeURI',
  'encodeURIComponent', 'NaN', 'Infinity', 'undefined', 'globalThis',
];
// Methods of documented objects that the runtime lacks (checked against the runtime by others
// with test-function) or that AWS does not list; removed from the context's own intrinsics.
const METHODS = {
  'String.prototype': ['normalize', 'at', 'matchAll', 'replaceAll', 'localeCompare', 'isWellFormed',
    'toWellFormed', 'toLocaleLowerCase', 'toLocaleUpperCase'],
  'Array.prototype': ['flat', 'flatMap', 'at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed',
    'toSpliced', 'with'],
  'Object': ['fromEntries', 'hasOwn', 'groupBy'],
  'Array': ['fromAsync'],
  'Promise': ['withResolvers'],
};
const HASHES = ['md5', 'sha1', 'sha256'];
const DIGEST_ENCODINGS = ['hex', 'base64', 'base64url'];

export function readFunction() {
  return readFileSync(FUNCTION_FILE, 'utf8');
}

/** The settings written in the source's CONFIG line. */
export function settingsOf(source) {
  const lines = source.match(new RegExp(CONFIG_LINE.source, 'gm')) ?? [];
  if (lines.length !== 1) throw new Error(`expected exactly one CONFIG line, found ${lines.length}`);
  return JSON.parse(CONFIG_LINE.exec(source)[1]);
}

/**
 * What ships: the source without its whole-line // comments (CloudFront counts every byte of its
 * 10 KB; the comments stay in the repository). The stack strips them the same way
 * (EdgeFunctionCode), and every test here runs this form.
 */
export function shipped(source) {
  return source.split('\n').filter((line) => !line.trim().startsWith('//')).join('\n');
}

/** The shipped source with its CONFIG line replaced: the defaults, overridden by `overrides`. */
export function withSettings(source, overrides = {}) {
  const settings = {...settingsOf(source)};
  for (const [name, value] of Object.entries(overrides)) {
    if (!SETTINGS.includes(name)) throw new Error(`unknown setting ${name}`);
    settings[name] = value;
  }
  return shipped(source).replace(CONFIG_LINE, () => `const CONFIG = ${JSON.stringify(settings)};`);
}

/**
 * A case's config split into what goes where: settings into the CONFIG line, SIGNING_KEYS into
 * the KeyValueStore stand-in (none given: no store associated), NOW into the clock.
 */
export function splitConfig(config = {}) {
  const settings = {};
  for (const [name, value] of Object.entries(config)) {
    if (SETTINGS.includes(name)) settings[name] = value;
    else if (name !== 'SIGNING_KEYS' && name !== 'NOW') throw new Error(`unknown config entry ${name}`);
  }
  return {settings, keys: config.SIGNING_KEYS ?? null, now: config.NOW ?? DEFAULT_NOW};
}

/**
 * A fresh context with the runtime's globals only. `env` is read at call time: `keys` (the
 * KeyValueStore's content, or null when none is associated), `now` (unix seconds), `logs`.
 */
export function createContext(env) {
  const context = vm.createContext({}, {
    name: 'cloudfront-js-2.0 stand-in',
    codeGeneration: {strings: false, wasm: false}, // eval and new Function are refused at the edge
  });
  vm.runInContext(`(${strip})(${JSON.stringify(GLOBALS)}, ${JSON.stringify(METHODS)})`, context);
  vm.runInContext('Date', context).now = () => env.now * 1000;
  context.console = Object.freeze({log: message => env.logs.push(String(message))});
  context.require = name => {
    if (name === 'crypto') return restrictedCrypto();
    if (name === 'cloudfront') return cloudfrontModule(env);
    throw new Error(`Cannot find module '${name}' (cloudfront-js-2.0 offers crypto and cloudfront here)`);
  };
  return context;
}

// Runs inside the context: removes every global not listed, then the listed methods.
function strip(keep, methods) {
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (!keep.includes(name)) delete globalThis[name];
  }
  for (const [owner, names] of Object.entries(methods)) {
    const target = owner.split('.').reduce((object, key) => object[key], globalThis);
    for (const name of names) delete target[name];
  }
}

// The runtime's crypto: createHash and createHmac, md5/sha1/sha256, digest with an encoding.
// Without one the runtime returns a Buffer, which this sandbox does not offer.
function restrictedCrypto() {
  const algorithm = name => {
    if (!HASHES.includes(name)) throw new Error(`sandbox: hash '${name}' is not offered (${HASHES})`);
    return name;
  };
  const wrap = hash => {
    const wrapper = Object.freeze({
      update(data) {
        if (typeof data !== 'string') throw new TypeError('sandbox: update() takes a string here');
        hash.update(data, 'utf8');
        return wrapper;
      },
      digest(encoding) {
        if (!DIGEST_ENCODINGS.includes(encoding)) {
          throw new TypeError(`sandbox: digest('${encoding}') is not offered (${DIGEST_ENCODINGS})`);
        }
        return hash.digest(encoding);
      },
    });
    return wrapper;
  };
  return Object.freeze({
    createHash: name => wrap(createHash(algorithm(name))),
    createHmac: (name, key) => {
      if (typeof key !== 'string') throw new TypeError('sandbox: the HMAC key must be a string here');
      return wrap(createHmac(algorithm(name), key));
    },
  });
}

// cf.kvs(): get() rejects for a missing key, as the runtime's does; only the string format.
function cloudfrontModule(env) {
  return Object.freeze({
    kvs() {
      const store = env.keys;
      if (!store) throw new Error('sandbox: no KeyValueStore is associated with this function');
      const has = key => Object.prototype.hasOwnProperty.call(store, key);
      return Object.freeze({
        async get(key, options) {
          const format = options?.format ?? 'string';
          if (format !== 'string') throw new Error(`sandbox: only the string format is stood in for, not ${format}`);
          if (!has(key)) throw new Error(`The key ${key} was not found.`);
          return store[key];
        },
        async exists(key) {
          return has(key);
        },
      });
    },
  });
}

/** The handler of this exact source, loaded in a fresh context bound to `env`. */
export function loadHandler(source, env) {
  const context = createContext(env);
  vm.runInContext(source, context, {filename: 'url-rewrite.js'});
  if (typeof context.handler !== 'function') throw new Error('url-rewrite.js defines no handler');
  return context.handler;
}

/** A viewer-request event as CloudFront builds it; rawQuery null means no '?' in the URL. */
export function makeEvent(path, rawQuery, accept) {
  const headers = {host: {value: 'images.example.com'}};
  if (accept !== null && accept !== undefined) headers.accept = {value: accept};
  const querystring = {};
  for (const pair of (rawQuery ?? '').split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    querystring[eq < 0 ? pair : pair.slice(0, eq)] = {value: eq < 0 ? '' : pair.slice(eq + 1)};
  }
  return {
    version: '1.0',
    context: {eventType: 'viewer-request', distributionId: 'EDFDVBD6EXAMPLE', requestId: 'test'},
    viewer: {ip: '192.0.2.1'},
    request: {
      method: 'GET', uri: path, querystring, headers, cookies: {},
      rawQueryString: () => (rawQuery === null || rawQuery === undefined ? undefined : rawQuery),
    },
  };
}

/** What a vector expects: {uri} for a rewritten request, {status, reason} for an answer. */
export function summarize(result) {
  if (result.statusCode !== undefined) {
    return {status: result.statusCode, reason: result.headers?.['x-imageopt-reason']?.value};
  }
  return {uri: result.uri};
}

/**
 * run({path, rawQuery, accept, config}) -> {result: summary, response: the returned object}.
 * Handlers are cached per CONFIG line; keys and clock are set per call.
 */
export function createRunner(source = readFunction()) {
  const env = {keys: null, now: DEFAULT_NOW, logs: []};
  const handlers = new Map();
  return async function run({path, rawQuery = null, accept = null, config = {}}) {
    const {settings, keys, now} = splitConfig(config);
    const code = withSettings(source, settings);
    if (!handlers.has(code)) handlers.set(code, loadHandler(code, env));
    env.keys = keys;
    env.now = now;
    // Plain JSON: the context's objects have its own prototypes.
    const response = JSON.parse(JSON.stringify(await handlers.get(code)(makeEvent(path, rawQuery, accept))));
    return {result: summarize(response), response};
  };
}
