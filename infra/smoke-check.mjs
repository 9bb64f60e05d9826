#!/usr/bin/env node
// Post-deploy smoke check of an imageopt image CDN (node 20+, no npm packages):
//   node infra/smoke-check.mjs <base URL or domain> [--path /images/x.jpg] [--widths 160,640]
//                              [--key-id ID] [--timeout 65]
// For each format (jpeg, webp, avif, png, gif) and width it asks for the image twice: the first
// answer must be a 200 of that type, with that width, a cache lifetime and an ETag; the second must
// be the same bytes served from the cache (X-Cache: Hit). format=auto must follow Accept, and bad
// parameters must be refused at the edge with a 400 that is not cached. With URL signing on, give
// --key-id and put that key's secret in IMAGEOPT_SIGNING_SECRET (never on the command line).
// Prints one line per check and "N passed, N failed"; exits 1 if any failed.
import {createHmac} from 'node:crypto';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';

const FORMATS = ['jpeg', 'webp', 'avif', 'png', 'gif'];
const TYPES = {jpeg: 'image/jpeg', webp: 'image/webp', avif: 'image/avif', png: 'image/png', gif: 'image/gif'};
const SAMPLE = '/images/friends_by_Aitzol_Berasategi.jpg';

export function parse(argv) {
  const {values, positionals} = parseArgs({args: argv, allowPositionals: true, options: {
    path: {type: 'string', default: SAMPLE},
    widths: {type: 'string', default: '160,640'},
    'key-id': {type: 'string'},
    timeout: {type: 'string', default: '65'},
  }});
  if (positionals.length !== 1) throw new Error('usage: smoke-check.mjs <base URL or domain> [--path P] [--widths W,W] [--key-id ID] [--timeout S]');
  const base = /^https?:\/\//.test(positionals[0]) ? positionals[0] : `https://${positionals[0]}`;
  const widths = values.widths.split(',').map(w => Number(w));
  if (widths.some(w => !Number.isInteger(w) || w < 1)) throw new Error(`--widths: whole numbers, got ${values.widths}`);
  const keyId = values['key-id'];
  const secret = process.env.IMAGEOPT_SIGNING_SECRET;
  if (keyId && !secret) throw new Error('--key-id needs the secret in IMAGEOPT_SIGNING_SECRET');
  return {base: base.replace(/\/+$/, ''), path: values.path, widths, keyId, secret, timeoutMs: Number(values.timeout) * 1000};
}

/** The URL with a sig appended (contract/README.md, Signing) when signing is configured. */
export function signed(options, query) {
  if (!options.keyId) return `${options.base}${options.path}?${query}`;
  const mac = createHmac('sha256', options.secret).update(`${options.path}?${query}`).digest('base64url');
  return `${options.base}${options.path}?${query}${query ? '&' : ''}sig=${options.keyId}.${mac}`;
}

/** Width and height from the image's own header, or null when the format is not recognised. */
export function dimensions(bytes) {
  const b = Buffer.from(bytes);
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) return {format: 'png', width: b.readUInt32BE(16), height: b.readUInt32BE(20)};
  if (b.length > 10 && b.toString('latin1', 0, 4) === 'GIF8') return {format: 'gif', width: b.readUInt16LE(6), height: b.readUInt16LE(8)};
  if (b.length > 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return webp(b);
  if (b.length > 12 && b.toString('latin1', 4, 8) === 'ftyp' && /^avi[fs]$/.test(b.toString('latin1', 8, 12))) {
    const ispe = b.indexOf('ispe', 0, 'latin1');
    return ispe < 0 ? null : {format: 'avif', width: b.readUInt32BE(ispe + 8), height: b.readUInt32BE(ispe + 12)};
  }
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) return jpeg(b);
  return null;
}

function webp(b) {
  const chunk = b.toString('latin1', 12, 16);
  if (chunk === 'VP8X') return {format: 'webp', width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3)};
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21);
    return {format: 'webp', width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff)};
  }
  if (chunk === 'VP8 ') return {format: 'webp', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff};
  return null;
}

// The first start-of-frame segment (SOF0..SOF15 but DHT, JPG and DAC) holds the size.
function jpeg(b) {
  for (let i = 2; i + 9 < b.length;) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return {format: 'jpeg', width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5)};
    }
    i += 2 + b.readUInt16BE(i + 2);
  }
  return null;
}

async function get(url, options, headers = {}) {
  const response = await fetch(url, {headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs)});
  return {status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer())};
}

function maxAge(cacheControl) {
  const match = /(?:^|,)\s*(?:s-)?max-age=(\d+)/i.exec(cacheControl ?? '');
  return match ? Number(match[1]) : 0;
}

/** Runs every check; `report(ok, name, detail)` hears each. Returns {passed, failed}. */
export async function run(options, report) {
  let passed = 0;
  let failed = 0;
  const check = (ok, name, detail = '') => {
    if (ok) passed++; else failed++;
    report(ok, name, detail);
    return ok;
  };
  const attempt = async (name, body) => {
    try {
      await body();
    } catch (e) {
      check(false, name, e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(e));
    }
  };

  for (const width of options.widths) {
    for (const format of FORMATS) {
      const name = `format=${format}&width=${width}`;
      await attempt(name, async () => {
        const url = signed(options, name);
        const first = await get(url, options);
        const size = dimensions(first.body);
        // `&`, not `&&`: every check of the first answer is reported, then a failure skips the second
        const ok = check(first.status === 200, `${name}: 200`, `got ${first.status}`)
          & check(first.headers.get('content-type') === TYPES[format], `${name}: Content-Type ${TYPES[format]}`,
            `got ${first.headers.get('content-type')}`)
          & check(size?.format === format && size.width === width, `${name}: a ${format} ${width} px wide`,
            size ? `got a ${size.format} ${size.width}x${size.height}` : `got ${first.body.length} unrecognised bytes`)
          & check(maxAge(first.headers.get('cache-control')) > 0, `${name}: cacheable`, `Cache-Control: ${first.headers.get('cache-control')}`)
          & check(first.headers.has('etag'), `${name}: ETag`, 'none');
        if (!ok) return;
        const second = await get(url, options);
        check(/^(Hit|RefreshHit) from /i.test(second.headers.get('x-cache') ?? ''), `${name}: second request is a cache hit`,
          `X-Cache: ${second.headers.get('x-cache')}`);
        check(second.status === 200 && Buffer.from(second.body).equals(Buffer.from(first.body)), `${name}: same bytes again`,
          `${second.status}, ${second.body.length} bytes vs ${first.body.length}`);
      });
    }
  }

  const negotiation = [['image/avif,image/webp,*/*', 'avif'], ['image/webp,*/*', 'webp'], ['*/*', 'jpeg']];
  for (const [accept, format] of negotiation) {
    const name = `format=auto, Accept: ${accept}`;
    await attempt(name, async () => {
      const response = await get(signed(options, `format=auto&width=${options.widths[0]}`), options, {accept});
      check(response.status === 200 && response.headers.get('content-type') === TYPES[format], `${name}: ${TYPES[format]}`,
        `got ${response.status} ${response.headers.get('content-type')}`);
    });
  }

  for (const [query, reason] of [['width=0', 'bad-width'], ['format=svg', 'bad-format']]) {
    await attempt(query, async () => {
      const response = await get(signed(options, query), options);
      check(response.status === 400 && response.headers.get('x-imageopt-reason') === reason, `${query}: 400 ${reason}`,
        `got ${response.status} ${response.headers.get('x-imageopt-reason')}`);
      check(/no-store/.test(response.headers.get('cache-control') ?? ''), `${query}: the refusal is not cached`,
        `Cache-Control: ${response.headers.get('cache-control')}`);
    });
  }

  if (options.base.startsWith('https://')) {
    await attempt('http redirects to https', async () => {
      const response = await get(signed({...options, base: options.base.replace(/^https:/, 'http:')}, `width=${options.widths[0]}`), options);
      check([301, 302, 307, 308].includes(response.status) && (response.headers.get('location') ?? '').startsWith('https://'),
        'http redirects to https', `got ${response.status} ${response.headers.get('location')}`);
    });
  }
  return {passed, failed};
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let options;
  try {
    options = parse(process.argv.slice(2));
  } catch (e) {
    console.error(`smoke-check: ${e.message}`);
    process.exit(2);
  }
  console.log(`smoke-check: ${options.base}${options.path}`);
  const {passed, failed} = await run(options, (ok, name, detail) =>
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : ` (${detail})`}`));
  console.log(`smoke-check: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
