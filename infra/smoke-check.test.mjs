// smoke-check.mjs against a stand-in CDN on 127.0.0.1: a good one passes, each kind of breakage
// fails with the check that names it. The real image path is tested against the local edge.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {createHmac} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {dimensions, parse, signed} from './smoke-check.mjs';

const SCRIPT = fileURLToPath(new URL('./smoke-check.mjs', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../samples/images/', import.meta.url));

// Minimal headers of each format, enough for dimensions().
function image(format, width, height) {
  const b = Buffer.alloc(64);
  switch (format) {
    case 'png':
      b.writeUInt32BE(0x89504e47, 0); b.writeUInt32BE(0x0d0a1a0a, 4); b.writeUInt32BE(13, 8); b.write('IHDR', 12, 'latin1');
      b.writeUInt32BE(width, 16); b.writeUInt32BE(height, 20); break;
    case 'gif':
      b.write('GIF89a', 0, 'latin1'); b.writeUInt16LE(width, 6); b.writeUInt16LE(height, 8); break;
    case 'webp':
      b.write('RIFF', 0, 'latin1'); b.writeUInt32LE(56, 4); b.write('WEBPVP8X', 8, 'latin1'); b.writeUInt32LE(10, 16);
      b.writeUIntLE(width - 1, 24, 3); b.writeUIntLE(height - 1, 27, 3); break;
    case 'avif':
      b.writeUInt32BE(16, 0); b.write('ftypavif', 4, 'latin1'); b.writeUInt32BE(20, 16); b.write('ispe', 20, 'latin1');
      b.writeUInt32BE(width, 28); b.writeUInt32BE(height, 32); break;
    case 'jpeg':
      b.writeUInt16BE(0xffd8, 0); b.writeUInt16BE(0xffe0, 2); b.writeUInt16BE(16, 4); b.write('JFIF', 6, 'latin1');
      b.writeUInt16BE(0xffc0, 20); b.writeUInt16BE(17, 22); b[24] = 8; b.writeUInt16BE(height, 25); b.writeUInt16BE(width, 27); break;
  }
  return b;
}

const TYPES = {jpeg: 'image/jpeg', webp: 'image/webp', avif: 'image/avif', png: 'image/png', gif: 'image/gif'};

// A CDN stand-in: 2056x3088 sources, resized to the width asked, a miss then hits.
async function cdn(fault = {}) {
  const seen = new Set();
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://x');
    const q = Object.fromEntries(url.searchParams);
    if (fault.secret) {
      const query = url.search.slice(1).split('&').filter(p => !p.startsWith('sig=')).join('&');
      const mac = createHmac('sha256', fault.secret).update(`${url.pathname}?${query}`).digest('base64url');
      if (q.sig !== `${fault.keyId}.${mac}`) return refuse(response, 'sig-invalid');
    }
    if (q.width === '0') return refuse(response, 'bad-width');
    if (q.format && !['auto', ...Object.keys(TYPES)].includes(q.format)) return refuse(response, 'bad-format');
    let format = q.format ?? 'jpeg';
    if (format === 'auto') {
      const accept = request.headers.accept ?? '';
      format = accept.includes('image/avif') ? 'avif' : accept.includes('image/webp') ? 'webp' : 'jpeg';
    }
    const width = Number(q.width ?? 2056);
    const key = `${url.pathname}/${format}/${width}`;
    const hit = seen.has(key) && !fault.neverHit;
    seen.add(key);
    response.writeHead(200, {
      'content-type': fault.wrongType ? 'application/octet-stream' : TYPES[format],
      'cache-control': 'max-age=31622400',
      etag: `"${key}"`,
      'x-cache': hit ? 'Hit from cloudfront' : 'Miss from cloudfront',
    });
    response.end(image(format, fault.wrongWidth ? width + 1 : width, Math.round(width * 3088 / 2056)));
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {server, base: `http://127.0.0.1:${server.address().port}`};
}

function refuse(response, reason) {
  response.writeHead(400, {'content-type': 'text/plain', 'cache-control': 'no-store', 'x-imageopt-reason': reason});
  response.end(`${reason}\n`);
}

function smoke(args, env = {}) {
  return new Promise(resolve => {
    execFile(process.execPath, [SCRIPT, ...args], {env: {...process.env, NODE_TEST_CONTEXT: '', ...env}},
      (error, stdout) => resolve({code: error ? error.code : 0, stdout}));
  });
}

async function against(fault, args = [], env = {}) {
  const {server, base} = await cdn(fault);
  try {
    return await smoke([base, ...args], env);
  } finally {
    server.close();
  }
}

test('a working CDN passes every check', async () => {
  const {code, stdout} = await against({});
  assert.equal(code, 0, stdout);
  assert.match(stdout, /^smoke-check: 77 passed, 0 failed$/m);
  assert.doesNotMatch(stdout, /^FAIL/m);
});

test('no cache hit on the second request fails', async () => {
  const {code, stdout} = await against({neverHit: true});
  assert.equal(code, 1);
  assert.match(stdout, /^FAIL format=webp&width=160: second request is a cache hit \(X-Cache: Miss from cloudfront\)$/m);
});

test('a wrong content type fails and skips the second request', async () => {
  const {code, stdout} = await against({wrongType: true});
  assert.equal(code, 1);
  assert.match(stdout, /^FAIL format=avif&width=640: Content-Type image\/avif \(got application\/octet-stream\)$/m);
  assert.doesNotMatch(stdout, /second request/);
});

test('a wrong width fails', async () => {
  const {stdout} = await against({wrongWidth: true}, ['--widths', '300']);
  assert.match(stdout, /^FAIL format=png&width=300: a png 300 px wide \(got a png 301x451\)$/m);
});

test('signed URLs when the CDN wants them', async () => {
  const fault = {keyId: 'k1', secret: 'a-test-secret'};
  const unsigned = await against(fault, ['--widths', '100']);
  assert.equal(unsigned.code, 1);
  const ok = await against(fault, ['--widths', '100', '--key-id', 'k1'], {IMAGEOPT_SIGNING_SECRET: 'a-test-secret'});
  assert.equal(ok.code, 0, ok.stdout);
  // the secret never appears in what it prints
  assert.doesNotMatch(ok.stdout, /a-test-secret/);
});

test('a CDN that is not there fails, not hangs', async () => {
  const {server, base} = await cdn();
  await new Promise(resolve => server.close(resolve));
  const {code, stdout} = await smoke([base, '--widths', '100', '--timeout', '5']);
  assert.equal(code, 1);
  assert.match(stdout, /^FAIL format=jpeg&width=100 \(ECONNREFUSED\)$/m);
});

test('arguments', () => {
  assert.deepEqual(parse(['d111.cloudfront.net']), {base: 'https://d111.cloudfront.net', path: '/images/friends_by_Aitzol_Berasategi.jpg',
    widths: [160, 640], keyId: undefined, secret: process.env.IMAGEOPT_SIGNING_SECRET, timeoutMs: 65000});
  assert.equal(parse(['http://localhost:8080/', '--path', '/a.png']).base, 'http://localhost:8080');
  assert.throws(() => parse([]), /usage/);
  assert.throws(() => parse(['x', '--widths', '10,abc']), /--widths/);
  assert.equal(signed({base: 'https://x', path: '/a.jpg', keyId: 'k1', secret: 's'}, 'width=300'),
    `https://x/a.jpg?width=300&sig=k1.${createHmac('sha256', 's').update('/a.jpg?width=300').digest('base64url')}`);
});

test('dimensions of the samples and of each format header', () => {
  assert.deepEqual(dimensions(readFileSync(`${SAMPLES}friends_by_Aitzol_Berasategi.jpg`)), {format: 'jpeg', width: 2056, height: 3088});
  assert.deepEqual(dimensions(readFileSync(`${SAMPLES}calla.png`)), {format: 'png', width: 3700, height: 2400});
  for (const format of Object.keys(TYPES)) assert.deepEqual(dimensions(image(format, 300, 200)), {format, width: 300, height: 200});
  assert.equal(dimensions(Buffer.from('<svg/>')), null);
});
