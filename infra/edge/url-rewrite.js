// imageopt viewer request, cloudfront-js-2.0: canonical URI or 400. Rules: contract/README.md
const crypto = require('crypto');
const cf = require('cloudfront');

// One line of JSON, replaced whole at synth and by the tests.
const CONFIG = {"MAX_DIMENSION":4096,"ALLOWED_WIDTHS":[],"DEFAULT_FORMAT":null,"SIGNING":false};

// S3 keys stop at 1024 bytes: 128 stay for "/" and the operations.
const MAX_PATH = 896;

const REASONS = {
  'path-not-absolute': 'path must start with /',
  'path-bad-escape': 'bad % escape in path',
  'path-encoded-slash': '%2F in path',
  'path-bad-utf8': 'path is not UTF-8',
  'path-bad-char': 'control char or backslash in path',
  'path-empty-segment': 'empty path segment',
  'path-dot-segment': '. or .. in path',
  'path-too-long': 'path over 896 bytes',
  'repeated-param': 'parameter given twice',
  'bad-format': 'format: auto, jpeg, png, webp, avif, gif',
  'bad-quality': 'quality: 1..100',
  'bad-width': 'width: 1..MAX_DIMENSION',
  'bad-height': 'height: 1..MAX_DIMENSION',
  'bad-fit': 'fit: cover, contain, fill, inside, outside',
  'bad-position': 'position: centre, edge, corner, attention, entropy',
  'bad-dpr': 'dpr: 1, 1.5, 2, 2.5, 3, 3.5, 4',
  'too-large': 'over MAX_DIMENSION after dpr and snapping',
  'sig-missing': 'URL must be signed',
  'sig-malformed': 'sig: <key id>.<43 base64url chars>',
  'sig-unknown-key': 'unknown signing key',
  'sig-invalid': 'signature does not match',
  'bad-exp': 'exp: unix seconds',
  'sig-expired': 'signed URL expired',
};

// No prototype: "constructor" or "__proto__" match nothing.
function words(list, aliases) {
  const table = Object.create(null);
  list.split(' ').forEach(w => { table[w] = w; });
  Object.keys(aliases).forEach(a => { table[a] = aliases[a]; });
  return table;
}
const NAMES = words('format quality width height fit position dpr',
  {f: 'format', fm: 'format', q: 'quality', w: 'width', h: 'height', gravity: 'position'});
const FORMATS = words('jpeg png webp avif gif auto', {jpg: 'jpeg'});
const FITS = words('cover contain fill inside outside', {});
const POSITIONS = words('centre top bottom left right top-left top-right bottom-left bottom-right attention entropy',
  {center: 'centre', north: 'top', south: 'bottom', east: 'right', west: 'left',
    northeast: 'top-right', northwest: 'top-left', southeast: 'bottom-right', southwest: 'bottom-left'});
const DPRS = words('1 1.5 2 2.5 3 3.5 4', {});
// Unicode table 3-7: no overlong form, surrogate or code point past U+10FFFF.
const UTF8 = /^(?:[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})*$/;

async function handler(event) {
  const request = event.request;
  const accept = request.headers.accept ? request.headers.accept.value : '';
  const raw = request.rawQueryString();
  const pairs = parseQuery(raw || '');
  try {
    // With signing on, only a valid signature earns any other answer.
    if (CONFIG.SIGNING) await checkSignature(request.uri, pairs);
    // The viewer's own URL, for the origin's 302 of an oversized image (it stays signed);
    // always set, so a viewer cannot choose it.
    request.headers['x-imageopt-viewer-url'] = {value: request.uri + (raw === undefined ? '' : '?' + raw)};
    request.uri = canonicalPath(request.uri) + '/' + operations(pairs, accept);
    request.querystring = {};
    return request;
  } catch (e) {
    if (e && e.reason) return badRequest(e.reason);
    throw e;
  }
}

function fail(reason) {
  throw {reason: reason};
}

// An RFC 9457 problem, as the origin's; the line never holds a character JSON escapes.
function badRequest(reason) {
  return {statusCode: 400, statusDescription: 'Bad Request', headers: {
    'content-type': {value: 'application/problem+json'},
    'cache-control': {value: 'no-store'},
    'x-imageopt-reason': {value: reason},
  }, body: {encoding: 'text', data: JSON.stringify({type: 'urn:imageopt:problem:bad-url', title: 'Bad URL',
    status: 400, detail: REASONS[reason], reason: reason})}};
}

// Empty pairs stay: the signed text is rebuilt from the raw pairs.
function parseQuery(query) {
  return query.split('&').map(raw => {
    const eq = raw.indexOf('=');
    const name = decodeText(eq < 0 ? raw : raw.slice(0, eq));
    return {raw: raw, name: name ? name.toLowerCase() : '', value: eq < 0 ? '' : raw.slice(eq + 1)};
  });
}

async function checkSignature(path, pairs) {
  const sigs = pairs.filter(p => p.name === 'sig');
  const exps = pairs.filter(p => p.name === 'exp');
  if (!sigs.length) fail('sig-missing');
  if (sigs.length > 1 || exps.length > 1) fail('repeated-param');
  const m = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(decodeText(sigs[0].value));
  if (!m) fail('sig-malformed');
  const secret = await signingKey(m[1]);
  if (!secret) fail('sig-unknown-key');
  const signed = path + '?' + pairs.filter(p => p.name !== 'sig').map(p => p.raw).join('&');
  const mac = crypto.createHmac('sha256', secret).update(signed).digest('base64url');
  if (!sameText(mac.replace(/=+$/, ''), m[2])) fail('sig-invalid');
  if (!exps.length) return;
  const exp = decodeText(exps[0].value);
  if (!/^[1-9][0-9]{0,9}$/.test(exp)) fail('bad-exp');
  if (Math.floor(Date.now() / 1000) >= Number(exp)) fail('sig-expired');
}

// The KeyValueStore is touched only here: a deployment without signing needs none.
async function signingKey(kid) {
  try {
    return await cf.kvs().get(kid);
  } catch (e) {
    return null;
  }
}

// Constant time: no early exit at the first difference.
function sameText(a, b) {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function canonicalPath(path) {
  if (path[0] !== '/') fail('path-not-absolute');
  const s = decodeText(path);
  if (s === null) fail('path-bad-escape');
  if (/%2f/i.test(path)) fail('path-encoded-slash');
  if (!UTF8.test(s)) fail('path-bad-utf8');
  // C0, DEL, backslash, and C1 (U+0080..U+009F: 0xC2 0x80..0x9F).
  if (/[\x00-\x1f\x7f\\]|\xc2[\x80-\x9f]/.test(s)) fail('path-bad-char');
  // No multi-byte sequence holds '/' or '.': bytes split like characters.
  const segments = s.split('/').slice(1);
  if (segments.indexOf('') >= 0) fail('path-empty-segment');
  if (segments.indexOf('.') >= 0 || segments.indexOf('..') >= 0) fail('path-dot-segment');
  if (s.length > MAX_PATH) fail('path-too-long');
  // '+' is escaped too: S3 reads a bare + as a space.
  return s.replace(/[^A-Za-z0-9\-._~\/]/g, c => '%' + (c.charCodeAt(0) + 256).toString(16).slice(1).toUpperCase());
}

// Decoded once, a char per byte; null on a bad escape. Raw non-ASCII counts as UTF-8, a lone
// surrogate as 0xFF, which no UTF-8 holds.
function decodeText(raw) {
  if (/%(?![0-9A-Fa-f]{2})/.test(raw)) return null;
  try {
    raw = raw.replace(/[^\x00-\x7f]+/g, encodeURIComponent);
  } catch (e) {
    return '\xff';
  }
  return raw.replace(/%([0-9A-Fa-f]{2})/g, (m, hex) => String.fromCharCode(parseInt(hex, 16)));
}

function operations(pairs, accept) {
  const given = {};
  pairs.forEach(p => {
    const name = NAMES[p.name];
    if (name && given[name] !== undefined) fail('repeated-param');
    if (name) given[name] = p.value;
  });
  let format = word(given.format, FORMATS, 'bad-format');
  const quality = integer(given.quality, 100, 'bad-quality');
  let width = integer(given.width, CONFIG.MAX_DIMENSION, 'bad-width');
  let height = integer(given.height, CONFIG.MAX_DIMENSION, 'bad-height');
  const fit = word(given.fit, FITS, 'bad-fit') || 'cover';
  const position = word(given.position, POSITIONS, 'bad-position') || 'centre';
  const dpr = word(given.dpr, DPRS, 'bad-dpr');
  if (dpr) {
    width = scale(width, 2 * dpr, 2);
    height = scale(height, 2 * dpr, 2);
  }
  if (width && CONFIG.ALLOWED_WIDTHS.length) {
    const snapped = snapWidth(width);
    if (height) height = Math.max(1, scale(height, snapped, width));
    width = snapped;
  }
  if (width > CONFIG.MAX_DIMENSION || height > CONFIG.MAX_DIMENSION) fail('too-large');
  if (!format && CONFIG.DEFAULT_FORMAT === 'auto') format = 'auto';
  if (format === 'auto') format = negotiate(accept);

  const ops = [];
  if (format) ops.push('format=' + format);
  if (quality && format !== 'png' && format !== 'gif') ops.push('quality=' + quality);
  if (width) ops.push('width=' + width);
  if (height) ops.push('height=' + height);
  if (width && height) {
    if (fit !== 'cover') ops.push('fit=' + fit);
    // As TransformSpec.of: only a crop (cover) or a pad (contain) has a position.
    if (position !== 'centre' && (fit === 'cover' || fit === 'contain')) ops.push('position=' + position);
  }
  return ops.length ? ops.join(',') : 'original';
}

function word(raw, table, reason) {
  return raw === undefined ? raw : table[String(decodeText(raw)).toLowerCase()] || fail(reason);
}

function integer(raw, max, reason) {
  if (raw === undefined) return raw;
  const text = decodeText(raw);
  return /^[1-9][0-9]{0,8}$/.test(text) && Number(text) <= max ? Number(text) : fail(reason);
}

// value * num / den, rounded half up, in exact integers.
function scale(value, num, den) {
  return value && Math.floor((2 * value * num + den) / (2 * den));
}

// Up to the next allowed width; the largest when beyond them all.
function snapWidth(width) {
  const allowed = CONFIG.ALLOWED_WIDTHS;
  const above = allowed.filter(a => a >= width);
  return Math.min.apply(null, above.length ? above : [Math.max.apply(null, allowed)]);
}

// */* and image/* do not count: old browsers send them too.
function negotiate(accept) {
  return accepts(accept, 'image/avif') ? 'avif' : accepts(accept, 'image/webp') ? 'webp' : 'jpeg';
}

// Listed with q > 0 and nowhere with q = 0; a malformed q counts for nothing.
function accepts(accept, type) {
  const qs = accept.split(',').map(range => range.split(';'))
    .filter(params => ows(params[0]).toLowerCase() === type).map(weight);
  return qs.indexOf(0) < 0 && qs.some(q => q > 0);
}

// The first q parameter: 1 when absent, 0 when zero, -1 when not an RFC 9110 qvalue.
function weight(params) {
  const q = params.slice(1).filter(p => /^[ \t]*q[ \t]*=/i.test(p))[0];
  const value = q ? ows(q.slice(q.indexOf('=') + 1)) : '1';
  if (!/^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$/.test(value)) return -1;
  return /^0(\.0*)?$/.test(value) ? 0 : 1;
}

function ows(s) {
  return s.replace(/^[ \t]+|[ \t]+$/g, '');
}
