#!/usr/bin/env node
// The source of contract/url-vectors.json. Every expectation below is written by hand from the
// rules in contract/README.md; only the signatures are computed (sign.mjs), since nobody writes
// an HMAC by hand. Edit here, then:
//   node contract/tools/make-vectors.mjs          rewrite url-vectors.json
//   node contract/tools/make-vectors.mjs --check  exit 1 if url-vectors.json is not what this makes
// A disagreement the differential test finds becomes a case in the "regressions" section.
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {signature, signQuery} from './sign.mjs';

export const VECTORS_FILE = fileURLToPath(new URL('../url-vectors.json', import.meta.url));

// Real Accept headers of image requests (<img>), as the browsers send them.
export const ACCEPT = {
  chrome: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
  chromeDocument: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  firefox: 'image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5',
  firefox115: 'image/avif,image/webp,*/*',
  safari17: 'image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5',
  safari15: 'image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5',
  ie11: 'image/png, image/svg+xml, image/*;q=0.8, */*;q=0.5',
  curl: '*/*',
};

const NOW = 1750000000;
const KEYS = {k1: 'first secret', k2: 'sécret numéro 2 ✓'};
const SIGNING = {SIGNING: true, SIGNING_KEYS: KEYS, NOW};

export function buildVectors() {
  const cases = [];
  let section = '';
  const add = (name, path, rawQuery, expect, {accept = null, config} = {}) => {
    cases.push({name: `${section}: ${name}`, path, rawQuery, accept, ...(config ? {config} : {}), expect});
  };
  const ok = (name, path, rawQuery, uri, options) => add(name, path, rawQuery, {uri}, options);
  const bad = (name, path, rawQuery, reason, options) => add(name, path, rawQuery, {status: 400, reason}, options);

  section = 'aws';
  ok('README: format=auto, width=300, AVIF-capable Accept', '/images/rio/1.jpeg', 'format=auto&width=300',
    '/images/rio/1.jpeg/format=avif,width=300', {accept: ACCEPT.chrome});
  ok('README: no parameters', '/images/rio/1.jpeg', null, '/images/rio/1.jpeg/original');
  ok('bare ? with nothing after it', '/images/rio/1.jpeg', '', '/images/rio/1.jpeg/original');
  ok('README: format=webp, width=200', '/images/cats/mycat.jpg', 'format=webp&width=200',
    '/images/cats/mycat.jpg/format=webp,width=200');
  ok('README: format=auto resolving to webp', '/mycat.jpg', 'format=auto&width=200',
    '/mycat.jpg/format=webp,width=200', {accept: ACCEPT.safari15});
  ok('all four in order', '/images/rio/1.jpeg', 'format=jpeg&quality=80&width=400&height=300',
    '/images/rio/1.jpeg/format=jpeg,quality=80,width=400,height=300');
  ok('all four reversed', '/images/rio/1.jpeg', 'height=300&width=400&quality=80&format=jpeg',
    '/images/rio/1.jpeg/format=jpeg,quality=80,width=400,height=300');
  ok('all four shuffled', '/images/rio/1.jpeg', 'width=400&format=jpeg&height=300&quality=80',
    '/images/rio/1.jpeg/format=jpeg,quality=80,width=400,height=300');
  ok('quality and width, no format', '/images/rio/1.jpeg', 'quality=50&width=100', '/images/rio/1.jpeg/quality=50,width=100');
  ok('width only', '/images/rio/1.jpeg', 'width=300', '/images/rio/1.jpeg/width=300');
  ok('height only', '/images/rio/1.jpeg', 'height=200', '/images/rio/1.jpeg/height=200');
  ok('format=png', '/images/rio/1.jpeg', 'format=png', '/images/rio/1.jpeg/format=png');
  ok('format=gif', '/images/rio/1.jpeg', 'format=gif', '/images/rio/1.jpeg/format=gif');
  ok('format=avif with quality', '/images/rio/1.jpeg', 'format=avif&quality=60', '/images/rio/1.jpeg/format=avif,quality=60');
  ok('format=jpeg', '/images/rio/1.jpeg', 'format=jpeg', '/images/rio/1.jpeg/format=jpeg');
  ok('format=auto without Accept is jpeg', '/images/rio/1.jpeg', 'format=auto', '/images/rio/1.jpeg/format=jpeg');
  ok("format=auto with curl's */*", '/images/rio/1.jpeg', 'format=auto', '/images/rio/1.jpeg/format=jpeg', {accept: ACCEPT.curl});
  ok('png drops quality', '/images/rio/1.jpeg', 'format=png&quality=80&width=100', '/images/rio/1.jpeg/format=png,width=100');
  ok('gif drops quality', '/images/rio/1.jpeg', 'format=gif&quality=80', '/images/rio/1.jpeg/format=gif');
  ok('quality=1', '/images/rio/1.jpeg', 'quality=1', '/images/rio/1.jpeg/quality=1');
  ok('quality=100', '/images/rio/1.jpeg', 'quality=100', '/images/rio/1.jpeg/quality=100');
  ok('upper-case names and values', '/images/rio/1.jpeg', 'FORMAT=WEBP&WIDTH=300', '/images/rio/1.jpeg/format=webp,width=300');
  ok('unknown parameters ignored', '/images/rio/1.jpeg', 'format=webp&width=200&utm_source=newsletter',
    '/images/rio/1.jpeg/format=webp,width=200');
  ok('only unknown parameters', '/images/rio/1.jpeg', 'utm_source=newsletter', '/images/rio/1.jpeg/original');
  ok('width=4096, the default MAX_DIMENSION', '/images/rio/1.jpeg', 'width=4096', '/images/rio/1.jpeg/width=4096');
  ok('height=4096', '/images/rio/1.jpeg', 'height=4096', '/images/rio/1.jpeg/height=4096');
  bad('width=4097', '/images/rio/1.jpeg', 'width=4097', 'bad-width');
  bad('format=svg (the sample accepted it)', '/images/rio/1.jpeg', 'format=svg', 'bad-format');
  bad('quality=101 (the sample clamped it to 100)', '/images/rio/1.jpeg', 'quality=101', 'bad-quality');
  bad('width=300px (the sample read 300)', '/images/rio/1.jpeg', 'width=300px', 'bad-width');

  section = 'flex';
  ok('w, h, f', '/photos/cat.jpg', 'w=300&h=200&f=webp', '/photos/cat.jpg/format=webp,width=300,height=200');
  ok('f=auto with Chrome', '/photos/cat.jpg', 'f=auto&w=640', '/photos/cat.jpg/format=avif,width=640', {accept: ACCEPT.chrome});
  ok('f=auto with Safari 15', '/photos/cat.jpg', 'f=auto&w=640', '/photos/cat.jpg/format=webp,width=640', {accept: ACCEPT.safari15});
  ok('f=avif, q=50', '/photos/cat.jpg', 'f=avif&q=50&w=800', '/photos/cat.jpg/format=avif,quality=50,width=800');
  ok('fm alias', '/photos/cat.jpg', 'fm=png&w=10', '/photos/cat.jpg/format=png,width=10');
  ok('gravity alias', '/photos/cat.jpg', 'w=100&h=100&gravity=north', '/photos/cat.jpg/width=100,height=100,position=top');
  ok('fit and gravity', '/photos/cat.jpg', 'w=400&h=300&fit=contain&gravity=southeast',
    '/photos/cat.jpg/width=400,height=300,fit=contain,position=bottom-right');
  ok('h only', '/photos/cat.jpg', 'h=150', '/photos/cat.jpg/height=150');
  ok('f=jpg means jpeg', '/photos/cat.jpg', 'f=jpg', '/photos/cat.jpg/format=jpeg');
  ok('q alone', '/photos/cat.jpg', 'q=70', '/photos/cat.jpg/quality=70');

  section = 'case';
  ok('Width', '/c.jpg', 'Width=300', '/c.jpg/width=300');
  ok('wIdTh', '/c.jpg', 'wIdTh=300', '/c.jpg/width=300');
  ok('W', '/c.jpg', 'W=300', '/c.jpg/width=300');
  ok('H', '/c.jpg', 'H=20', '/c.jpg/height=20');
  ok('F=WebP', '/c.jpg', 'F=WebP', '/c.jpg/format=webp');
  ok('FM=PNG', '/c.jpg', 'FM=PNG', '/c.jpg/format=png');
  ok('Q=90', '/c.jpg', 'Q=90', '/c.jpg/quality=90');
  ok('Quality=90', '/c.jpg', 'Quality=90', '/c.jpg/quality=90');
  ok('Format=JPG', '/c.jpg', 'Format=JPG', '/c.jpg/format=jpeg');
  ok('DPR and W', '/c.jpg', 'DPR=2&W=100', '/c.jpg/width=200');
  ok('FIT=Contain', '/c.jpg', 'FIT=Contain&w=1&h=1', '/c.jpg/width=1,height=1,fit=contain');
  ok('Position=Top-Left', '/c.jpg', 'Position=Top-Left&w=1&h=1', '/c.jpg/width=1,height=1,position=top-left');
  ok('GRAVITY=NorthWest', '/c.jpg', 'GRAVITY=NorthWest&w=1&h=1', '/c.jpg/width=1,height=1,position=top-left');
  ok('format=AUTO', '/c.jpg', 'format=AUTO', '/c.jpg/format=avif', {accept: ACCEPT.chrome});
  ok('position=CENTER is the default', '/c.jpg', 'position=CENTER&w=5&h=5', '/c.jpg/width=5,height=5');
  ok('Fit=COVER is the default', '/c.jpg', 'Fit=COVER&w=5&h=5', '/c.jpg/width=5,height=5');

  section = 'values';
  ok('fit=cover is left out', '/v.jpg', 'w=300&h=200&fit=cover', '/v.jpg/width=300,height=200');
  for (const fit of ['contain', 'fill', 'inside', 'outside']) {
    ok(`fit=${fit}`, '/v.jpg', `w=300&h=200&fit=${fit}`, `/v.jpg/width=300,height=200,fit=${fit}`);
  }
  ok('position=centre is left out', '/v.jpg', 'w=300&h=200&position=centre', '/v.jpg/width=300,height=200');
  ok('position=center is left out', '/v.jpg', 'w=300&h=200&position=center', '/v.jpg/width=300,height=200');
  for (const position of ['top', 'bottom', 'left', 'right', 'top-left', 'top-right', 'bottom-left', 'bottom-right', 'attention', 'entropy']) {
    ok(`position=${position}`, '/v.jpg', `w=300&h=200&position=${position}`, `/v.jpg/width=300,height=200,position=${position}`);
  }
  const compass = {north: 'top', south: 'bottom', east: 'right', west: 'left',
    northeast: 'top-right', northwest: 'top-left', southeast: 'bottom-right', southwest: 'bottom-left'};
  for (const [word, position] of Object.entries(compass)) {
    ok(`position=${word} means ${position}`, '/v.jpg', `w=300&h=200&position=${word}`,
      `/v.jpg/width=300,height=200,position=${position}`);
  }
  ok('format=webp', '/v.jpg', 'format=webp', '/v.jpg/format=webp');
  ok('format=avif', '/v.jpg', 'format=avif', '/v.jpg/format=avif');

  section = 'dropped';
  ok('fit without height', '/x.jpg', 'w=300&fit=contain', '/x.jpg/width=300');
  ok('fit without width', '/x.jpg', 'h=300&fit=fill', '/x.jpg/height=300');
  ok('fit alone', '/x.jpg', 'fit=inside', '/x.jpg/original');
  ok('position alone', '/x.jpg', 'position=top', '/x.jpg/original');
  ok('position with width only', '/x.jpg', 'w=300&position=attention', '/x.jpg/width=300');
  ok('fit=cover and position=centre spelled out', '/x.jpg', 'w=300&h=200&fit=cover&position=centre', '/x.jpg/width=300,height=200');
  ok('dpr alone', '/x.jpg', 'dpr=2', '/x.jpg/original');
  ok('quality kept when auto resolves to jpeg', '/x.jpg', 'format=auto&quality=80', '/x.jpg/format=jpeg,quality=80');
  ok('position kept with fit=cover (it picks the crop)', '/x.jpg', 'w=300&h=200&fit=cover&position=top',
    '/x.jpg/width=300,height=200,position=top');
  ok('position kept with fit=contain (it places the image in the pad)', '/x.jpg', 'w=300&h=200&fit=contain&position=top',
    '/x.jpg/width=300,height=200,fit=contain,position=top');
  for (const fit of ['fill', 'inside', 'outside']) {
    ok(`position dropped with fit=${fit} (neither crop nor pad)`, '/x.jpg', `w=300&h=200&fit=${fit}&position=top`,
      `/x.jpg/width=300,height=200,fit=${fit}`);
  }
  ok('a smart position dropped with fit=inside', '/x.jpg', 'w=300&h=200&fit=inside&gravity=attention',
    '/x.jpg/width=300,height=200,fit=inside');
  bad('a position dropped with fit=fill is still checked', '/x.jpg', 'w=300&h=200&fit=fill&position=middle', 'bad-position');
  bad('a dropped fit is still checked', '/x.jpg', 'fit=crop', 'bad-fit');
  bad('a dropped position is still checked', '/x.jpg', 'w=300&position=middle', 'bad-position');
  bad('a dropped quality is still checked', '/x.jpg', 'format=png&quality=0', 'bad-quality');

  section = 'accept';
  const auto = (name, accept, format) => ok(name, '/p.jpg', 'format=auto&width=300', `/p.jpg/format=${format},width=300`, {accept});
  auto('Chrome', ACCEPT.chrome, 'avif');
  auto('Chrome, document navigation', ACCEPT.chromeDocument, 'avif');
  auto('Firefox', ACCEPT.firefox, 'avif');
  auto('Firefox 93-115', ACCEPT.firefox115, 'avif');
  auto('Safari 17 (lists webp before avif: order does not matter)', ACCEPT.safari17, 'avif');
  auto('Safari 15', ACCEPT.safari15, 'webp');
  auto('Internet Explorer 11', ACCEPT.ie11, 'jpeg');
  auto('missing', null, 'jpeg');
  auto('empty', '', 'jpeg');
  auto('*/* does not count', '*/*', 'jpeg');
  auto('image/* does not count', 'image/*', 'jpeg');
  auto('image/* and */*', 'image/*,*/*;q=0.8', 'jpeg');
  auto('image/avif;q=0 is not acceptable', 'image/avif;q=0,image/webp', 'webp');
  auto('both refused', 'image/avif;q=0,image/webp;q=0', 'jpeg');
  auto('webp with a low q', 'image/webp;q=0.5', 'webp');
  auto('q=0.001 is acceptable', 'image/avif;q=0.001', 'avif');
  auto('q=0.000 is zero', 'image/avif;q=0.000,image/webp', 'webp');
  auto('q=0. is zero', 'image/avif;q=0.,image/webp', 'webp');
  auto('q=1.0', 'image/avif;q=1.0', 'avif');
  auto('q=1.000', 'image/avif;q=1.000', 'avif');
  auto('q=1.0000 is malformed: the entry counts for nothing', 'image/avif;q=1.0000,image/webp', 'webp');
  auto('q=abc is malformed', 'image/avif;q=abc,image/webp', 'webp');
  auto('q=1.5 is malformed', 'image/avif;q=1.5,image/webp', 'webp');
  auto('q=-1 is malformed', 'image/avif;q=-1,image/webp', 'webp');
  auto('empty q is malformed', 'image/avif;q=', 'jpeg');
  auto('a bare q without = is not a weight', 'image/avif;q', 'avif');
  auto('Q=0 upper-case', 'image/avif;Q=0,image/webp', 'webp');
  auto('spaces around ; = and ,', 'image/avif ; q = 0 , image/webp', 'webp');
  auto('tabs around the type', '\timage/avif\t', 'avif');
  auto('IMAGE/AVIF upper-case', 'IMAGE/AVIF', 'avif');
  auto('Image/Webp mixed case', 'Image/Webp', 'webp');
  auto('image/avif+xml is another type', 'image/avif+xml,image/webp', 'webp');
  auto('image/avifx is another type', 'image/avifx', 'jpeg');
  auto('space inside the type', 'image / avif', 'jpeg');
  auto('an explicit q=0 wins over a listing', 'image/webp;q=0,image/webp', 'jpeg');
  auto('an explicit q=0 wins, listed after', 'image/avif,image/avif;q=0,image/webp', 'webp');
  auto('other parameters are ignored', 'image/avif;level=1', 'avif');
  auto('q after another parameter', 'image/avif;level=1;q=0,image/webp', 'webp');
  auto('the first q wins', 'image/avif;q=0.5;q=0', 'avif');
  auto('JPEG XL and HEIC are not offered', 'image/jxl,image/heic', 'jpeg');
  auto('image/png only', 'image/png', 'jpeg');
  auto('text/html only', 'text/html', 'jpeg');
  auto('trailing comma', 'image/avif,', 'avif');
  auto('empty entries', ',,,image/webp', 'webp');
  auto('a line separator is not a space (U+0085 after q=0)', 'image/avif;q=0\u0085,image/webp', 'webp');
  ok('Accept is ignored without format=auto', '/p.jpg', 'format=png', '/p.jpg/format=png', {accept: ACCEPT.chrome});
  ok('Accept is ignored without format', '/p.jpg', 'width=300', '/p.jpg/width=300', {accept: ACCEPT.chrome});

  section = 'dpr';
  ok('width x2', '/d.jpg', 'w=100&dpr=2', '/d.jpg/width=200');
  ok('width and height x2', '/d.jpg', 'w=100&h=50&dpr=2', '/d.jpg/width=200,height=100');
  ok('height x3', '/d.jpg', 'h=50&dpr=3', '/d.jpg/height=150');
  ok('x1 changes nothing', '/d.jpg', 'w=333&dpr=1', '/d.jpg/width=333');
  ok('x4', '/d.jpg', 'w=7&dpr=4', '/d.jpg/width=28');
  ok('101 x 1.5 = 151.5 rounds up', '/d.jpg', 'w=101&dpr=1.5', '/d.jpg/width=152');
  ok('33 x 1.5 = 49.5 rounds up', '/d.jpg', 'w=100&h=33&dpr=1.5', '/d.jpg/width=150,height=50');
  ok('3 x 2.5 = 7.5 rounds up', '/d.jpg', 'w=3&dpr=2.5', '/d.jpg/width=8');
  ok('1 x 3.5 = 3.5 rounds up', '/d.jpg', 'w=1&dpr=3.5', '/d.jpg/width=4');
  ok('1 x 1.5 both', '/d.jpg', 'w=1&h=1&dpr=1.5', '/d.jpg/width=2,height=2');
  ok('1024 x 4 = 4096 is the limit', '/d.jpg', 'w=1024&dpr=4', '/d.jpg/width=4096');
  bad('1025 x 4 = 4100 is too large', '/d.jpg', 'w=1025&dpr=4', 'too-large');
  bad('2731 x 1.5 = 4096.5 rounds to 4097', '/d.jpg', 'h=2731&dpr=1.5', 'too-large');
  ok('2730 x 1.5 = 4095', '/d.jpg', 'h=2730&dpr=1.5', '/d.jpg/height=4095');
  bad('1639 x 2.5 = 4097.5', '/d.jpg', 'w=1639&dpr=2.5', 'too-large');
  ok('1638 x 2.5 = 4095', '/d.jpg', 'w=1638&dpr=2.5', '/d.jpg/width=4095');
  bad('height over the limit while width is not', '/d.jpg', 'w=10&h=2000&dpr=3', 'too-large');
  ok('dpr with format only', '/d.jpg', 'dpr=2&format=webp', '/d.jpg/format=webp');
  ok('dpr with fit', '/d.jpg', 'w=100&h=100&fit=contain&dpr=2', '/d.jpg/width=200,height=200,fit=contain');
  ok('dpr decoded: %32', '/d.jpg', 'w=100&dpr=%32', '/d.jpg/width=200');
  ok('DPR=2.5 on W=2', '/d.jpg', 'DPR=2.5&W=2', '/d.jpg/width=5');
  ok('dpr before the other parameters', '/d.jpg', 'dpr=3.5&w=10&h=10', '/d.jpg/width=35,height=35');
  for (const value of ['2.0', '1.0', '1.50', '02', '.5', '0', '5', '0.5', '4.5', '1.25', '-1', '+2', '', 'abc', '2x', '%202', '2%20', '1e0', 'Infinity']) {
    bad(`dpr=${value}`, '/d.jpg', `w=100&dpr=${value}`, 'bad-dpr');
  }
  bad('dpr without =', '/d.jpg', 'w=100&dpr', 'bad-dpr');
  bad('dpr twice', '/d.jpg', 'w=100&dpr=2&dpr=2', 'repeated-param');
  bad('a bad width is reported before dpr applies', '/d.jpg', 'w=0&dpr=2', 'bad-width');

  section = 'rejected';
  const widths = ['-1', '+1', '%2B1', '01', '0', '00', '1.5', '1.0', '0x10', '1e3', '', '%201', '1%20',
    '99999999999999999999', '1000000000', '4097', 'abc', '%EF%BC%91', '1,2', '%', '%zz', '1%', 'Infinity', 'NaN', '１'];
  for (const value of widths) bad(`width=${value}`, '/r.jpg', `width=${value}`, 'bad-width');
  bad('width without =', '/r.jpg', 'width', 'bad-width');
  bad('WIDTH without = (upper-case)', '/r.jpg', 'WIDTH', 'bad-width');
  for (const value of ['-5', '0', '007', '4097', '2.5', '']) bad(`height=${value}`, '/r.jpg', `height=${value}`, 'bad-height');
  for (const value of ['0', '101', '00', '050', '-5', '1.5', '', 'high', '1000']) {
    bad(`quality=${value}`, '/r.jpg', `quality=${value}`, 'bad-quality');
  }
  bad('q=1000', '/r.jpg', 'q=1000', 'bad-quality');
  for (const value of ['svg', 'bmp', 'tiff', 'heic', 'jxl', 'jpe', '', 'jpeg%20', 'web%20p', 'image/webp', 'webp,avif', '%00', 'auto2', 'SVG']) {
    bad(`format=${value}`, '/r.jpg', `format=${value}`, 'bad-format');
  }
  for (const value of ['crop', '', 'COVERS', 'scale-down', 'fill%00']) bad(`fit=${value}`, '/r.jpg', `w=1&h=1&fit=${value}`, 'bad-fit');
  for (const value of ['middle', 'north-east', 'centre-left', '', 'top_left', 'topleft', 'smart']) {
    bad(`position=${value}`, '/r.jpg', `w=1&h=1&position=${value}`, 'bad-position');
  }
  bad('gravity=face', '/r.jpg', 'w=1&h=1&gravity=face', 'bad-position');
  bad('format=constructor (no lookup reaches a prototype)', '/r.jpg', 'format=constructor', 'bad-format');
  bad('format=__proto__', '/r.jpg', 'format=__proto__', 'bad-format');
  bad('fit=toString', '/r.jpg', 'w=1&h=1&fit=toString', 'bad-fit');
  bad('position=hasOwnProperty', '/r.jpg', 'w=1&h=1&position=hasOwnProperty', 'bad-position');
  bad('dpr=valueOf', '/r.jpg', 'w=1&dpr=valueOf', 'bad-dpr');
  bad('the same width twice', '/r.jpg', 'width=100&width=100', 'repeated-param');
  bad('w and width', '/r.jpg', 'w=100&width=200', 'repeated-param');
  bad('f and format', '/r.jpg', 'f=webp&format=webp', 'repeated-param');
  bad('fm and f', '/r.jpg', 'fm=png&f=png', 'repeated-param');
  bad('q and quality', '/r.jpg', 'q=80&quality=80', 'repeated-param');
  bad('position and gravity', '/r.jpg', 'w=1&h=1&position=top&gravity=top', 'repeated-param');
  bad('fit twice', '/r.jpg', 'w=1&h=1&fit=fill&fit=fill', 'repeated-param');
  bad('h and HEIGHT', '/r.jpg', 'h=1&HEIGHT=1', 'repeated-param');
  bad('names decoded before comparing', '/r.jpg', 'wid%74h=300&width=200', 'repeated-param');
  bad('an empty repeat counts', '/r.jpg', 'width=100&width=', 'repeated-param');
  bad('format is checked before width', '/r.jpg', 'width=abc&format=svg', 'bad-format');
  bad('quality is checked before width and height', '/r.jpg', 'height=xyz&width=abc&quality=0', 'bad-quality');
  bad('width is checked before height', '/r.jpg', 'height=xyz&width=abc', 'bad-width');
  bad('fit is checked before dpr', '/r.jpg', 'dpr=9&fit=crop', 'bad-fit');
  bad('a repeat is found before a bad value', '/r.jpg', 'format=svg&width=1&width=2', 'repeated-param');
  bad('the path is checked before the parameters', '/r//x.jpg', 'width=abc', 'path-empty-segment');

  section = 'ignored';
  ok('utm parameters', '/i.jpg', 'utm_source=newsletter&utm_medium=email&width=300', '/i.jpg/width=300');
  ok('v=123 cache buster', '/i.jpg', 'v=123&width=300', '/i.jpg/width=300');
  ok('_=timestamp cache buster alone', '/i.jpg', '_=1700000000000', '/i.jpg/original');
  ok('a bare number', '/i.jpg', '123', '/i.jpg/original');
  ok('width_px is not width', '/i.jpg', 'width=300&width_px=10', '/i.jpg/width=300');
  ok('widths is not width', '/i.jpg', 'widths=10', '/i.jpg/original');
  ok('sig and exp are unknown while signing is off', '/i.jpg', 'width=300&sig=k1.garbage&exp=1', '/i.jpg/width=300');
  ok('empty pairs', '/i.jpg', 'width=300&&', '/i.jpg/width=300');
  ok('leading empty pairs', '/i.jpg', '&&width=300', '/i.jpg/width=300');
  ok('an empty name', '/i.jpg', '=5&width=300', '/i.jpg/width=300');
  ok('a name with a bad escape', '/i.jpg', '%zz=1&width=300', '/i.jpg/width=300');
  ok('an unknown value with a bad escape', '/i.jpg', 'utm_campaign=50%off&width=300', '/i.jpg/width=300');
  ok('an unknown value that is not UTF-8', '/i.jpg', 'width=300&utm=%FF', '/i.jpg/width=300');
  ok('format followed by NUL is another name', '/i.jpg', 'format%00=webp', '/i.jpg/original');
  ok('a leading space makes another name', '/i.jpg', '%20width=300', '/i.jpg/original');
  ok('a pair without = that is unknown', '/i.jpg', 'width=300&foo', '/i.jpg/width=300');
  ok('a name with non-ASCII letters', '/i.jpg', 'w%C3%AFdth=300', '/i.jpg/original');
  ok('names are percent-decoded', '/i.jpg', 'w%69dth=300', '/i.jpg/width=300');
  ok('values are percent-decoded', '/i.jpg', 'width=%33%30%30', '/i.jpg/width=300');
  ok('words are percent-decoded', '/i.jpg', 'f=%77ebp', '/i.jpg/format=webp');
  ok('decoded once only', '/i.jpg', 'width=300&x=%2541', '/i.jpg/width=300');
  ok('constructor and __proto__ are unknown names', '/i.jpg', 'constructor=1&__proto__=2&toString=3&width=300', '/i.jpg/width=300');

  section = 'path';
  ok('raw spaces', '/my images/cat 1.jpg', null, '/my%20images/cat%201.jpg/original');
  ok('%20', '/my%20images/cat%201.jpg', null, '/my%20images/cat%201.jpg/original');
  ok('+ is a plus, escaped for S3', '/a+b.jpg', null, '/a%2Bb.jpg/original');
  ok('%2B', '/a%2Bb.jpg', null, '/a%2Bb.jpg/original');
  ok('%2b lower-case', '/a%2bb.jpg', 'width=10', '/a%2Bb.jpg/width=10');
  bad('%2F', '/a%2Fb.jpg', null, 'path-encoded-slash');
  bad('%2f', '/a%2fb.jpg', null, 'path-encoded-slash');
  bad('%2F before a bad width', '/a%2Fb.jpg', 'width=abc', 'path-encoded-slash');
  ok('UTF-8 NFC', '/caf%C3%A9.jpg', null, '/caf%C3%A9.jpg/original');
  ok('UTF-8 NFD kept as sent', '/cafe%CC%81.jpg', null, '/cafe%CC%81.jpg/original');
  ok('lower-case hex re-encoded upper-case', '/caf%c3%a9.jpg', null, '/caf%C3%A9.jpg/original');
  ok('raw non-ASCII counts as UTF-8', '/café.jpg', null, '/caf%C3%A9.jpg/original');
  ok('raw NFD', '/cafe\u0301.jpg', null, '/cafe%CC%81.jpg/original');
  ok('CJK', '/%E5%86%99%E7%9C%9F/%E7%8C%AB.jpg', 'w=50', '/%E5%86%99%E7%9C%9F/%E7%8C%AB.jpg/width=50');
  ok('four-byte emoji', '/%F0%9F%90%B1.png', null, '/%F0%9F%90%B1.png/original');
  ok('raw emoji (a surrogate pair)', '/🐱.png', null, '/%F0%9F%90%B1.png/original');
  ok('U+00A0 is not a control character', '/a%C2%A0b.jpg', null, '/a%C2%A0b.jpg/original');
  ok('U+FFFD', '/%EF%BF%BD.jpg', null, '/%EF%BF%BD.jpg/original');
  ok('U+10FFFF, the last code point', '/%F4%8F%BF%BF.jpg', null, '/%F4%8F%BF%BF.jpg/original');
  bad('truncated sequence', '/caf%C3.jpg', null, 'path-bad-utf8');
  bad('0xFF', '/%FF.jpg', null, 'path-bad-utf8');
  bad('overlong /', '/%C0%AF.jpg', null, 'path-bad-utf8');
  bad('overlong three bytes', '/%E0%80%AF.jpg', null, 'path-bad-utf8');
  bad('overlong four bytes', '/%F0%80%80%AF.jpg', null, 'path-bad-utf8');
  bad('a surrogate', '/%ED%A0%80.jpg', null, 'path-bad-utf8');
  bad('past U+10FFFF', '/%F4%90%80%80.jpg', null, 'path-bad-utf8');
  bad('0xF5 lead byte', '/%F5%80%80%80.jpg', null, 'path-bad-utf8');
  bad('bad continuation', '/%C3%28.jpg', null, 'path-bad-utf8');
  bad('truncated at the end', '/a.jpg%E2%82', null, 'path-bad-utf8');
  bad('lone continuation byte', '/%80.jpg', null, 'path-bad-utf8');
  bad('one continuation too many', '/caf%C3%A9%A9.jpg', null, 'path-bad-utf8');
  bad('raw lone surrogate', '/\ud800.jpg', null, 'path-bad-utf8');
  bad('double slash', '/a//b.jpg', null, 'path-empty-segment');
  bad('leading double slash', '//a.jpg', null, 'path-empty-segment');
  bad('trailing slash', '/a/', null, 'path-empty-segment');
  bad('/ alone', '/', null, 'path-empty-segment');
  bad('empty and dot segments: empty is reported', '/a/../b//c.jpg', null, 'path-empty-segment');
  bad('. segment', '/a/./b.jpg', null, 'path-dot-segment');
  bad('.. segment', '/a/../b.jpg', null, 'path-dot-segment');
  bad('/..', '/..', null, 'path-dot-segment');
  bad('/.', '/.', null, 'path-dot-segment');
  bad('%2e%2e', '/a/%2e%2e/b.jpg', null, 'path-dot-segment');
  bad('%2E.', '/a/%2E./b.jpg', null, 'path-dot-segment');
  bad('.%2e', '/a/.%2e/b.jpg', null, 'path-dot-segment');
  bad('%2e', '/a/%2e/b.jpg', null, 'path-dot-segment');
  ok('..b is a name', '/a/..b.jpg', null, '/a/..b.jpg/original');
  ok('.hidden is a name', '/a/.hidden.jpg', null, '/a/.hidden.jpg/original');
  ok('... is a name', '/a/.../b.jpg', null, '/a/.../b.jpg/original');
  ok('trailing dot in a name', '/a/b.jpg.', null, '/a/b.jpg./original');
  bad('raw backslash', '/a\\b.jpg', null, 'path-bad-char');
  bad('%5C', '/a%5Cb.jpg', null, 'path-bad-char');
  bad('%5c', '/a%5cb.jpg', null, 'path-bad-char');
  bad('%00', '/a%00b.jpg', null, 'path-bad-char');
  bad('raw NUL', '/a\u0000b.jpg', null, 'path-bad-char');
  bad('line feed', '/a%0Ab.jpg', null, 'path-bad-char');
  bad('carriage return', '/a%0Db.jpg', null, 'path-bad-char');
  bad('tab', '/a%09b.jpg', null, 'path-bad-char');
  bad('raw tab', '/a\tb.jpg', null, 'path-bad-char');
  bad('U+001F', '/a%1Fb.jpg', null, 'path-bad-char');
  bad('DEL', '/a%7Fb.jpg', null, 'path-bad-char');
  bad('C1 U+0080', '/a%C2%80b.jpg', null, 'path-bad-char');
  bad('C1 NEL U+0085', '/a%C2%85b.jpg', null, 'path-bad-char');
  bad('C1 U+009F', '/a%C2%9Fb.jpg', null, 'path-bad-char');
  bad('no leading /', 'images/a.jpg', null, 'path-not-absolute');
  bad('empty path', '', null, 'path-not-absolute');
  bad('an encoded leading /', '%2Fa.jpg', null, 'path-not-absolute');
  bad('% before a dot', '/a%.jpg', null, 'path-bad-escape');
  bad('% and one hex digit', '/a%2.jpg', null, 'path-bad-escape');
  bad('%G1', '/a%G1.jpg', null, 'path-bad-escape');
  bad('% at the end', '/a.jpg%', null, 'path-bad-escape');
  bad('%%41', '/a%%41.jpg', null, 'path-bad-escape');
  bad('a bad escape is reported before %2F', '/a%2F%zz.jpg', null, 'path-bad-escape');
  bad('%2F is reported before bad UTF-8', '/%FF%2F.jpg', null, 'path-encoded-slash');
  bad('bad UTF-8 is reported before a control character', '/%00%FF.jpg', null, 'path-bad-utf8');
  bad('a control character is reported before an empty segment', '//%00.jpg', null, 'path-bad-char');
  ok('parentheses', '/a(1).jpg', null, '/a%281%29.jpg/original');
  ok('sub-delims, : and @', "/!$&'()*+,;=:@.jpg", null, '/%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40.jpg/original');
  ok('unreserved characters stay', '/a~b_c-d.e.jpg', null, '/a~b_c-d.e.jpg/original');
  ok('encoded unreserved characters are decoded', '/%7E%41%2D%5F%2E.jpg', null, '/~A-_..jpg/original');
  ok('%25 is a literal %', '/100%25.jpg', null, '/100%25.jpg/original');
  ok('%252F is a literal %2F, decoded once', '/a%252F.jpg', null, '/a%252F.jpg/original');
  ok('quote, angle brackets, braces, pipe, caret, backtick', '/a"b<c>d{e}f|g^h`i.jpg', null,
    '/a%22b%3Cc%3Ed%7Be%7Df%7Cg%5Eh%60i.jpg/original');
  ok('square brackets', '/a[1].jpg', null, '/a%5B1%5D.jpg/original');
  ok('case is kept', '/A.JPG', null, '/A.JPG/original');
  ok('a segment that looks like operations', '/a.jpg/format=webp', null, '/a.jpg/format%3Dwebp/original');
  ok('a segment named original', '/a.jpg/original', 'w=5', '/a.jpg/original/width=5');
  ok('896 bytes is the limit', `/${'a'.repeat(895)}`, null, `/${'a'.repeat(895)}/original`);
  bad('897 bytes', `/${'a'.repeat(896)}`, null, 'path-too-long');
  ok('896 bytes of which 894 in three-byte characters', `/${'%E2%82%AC'.repeat(298)}a`, null,
    `/${'%E2%82%AC'.repeat(298)}a/original`);
  bad('898 bytes in three-byte characters', `/${'%E2%82%AC'.repeat(299)}`, null, 'path-too-long');
  ok('the limit counts decoded bytes, not escapes', `/${'%61'.repeat(895)}`, null, `/${'a'.repeat(895)}/original`);
  bad('4001 bytes', `/${'a'.repeat(4000)}`, 'width=100', 'path-too-long');
  bad('an empty segment is reported before the length', `/a//${'a'.repeat(1000)}`, null, 'path-empty-segment');

  section = 'allowed-widths';
  const widthsConfig = {ALLOWED_WIDTHS: [160, 320, 640, 1280]};
  const snap = (name, query, uri, config = widthsConfig) => ok(name, '/s.jpg', query, `/s.jpg/${uri}`, {config});
  snap('100 snaps up to 160', 'w=100', 'width=160');
  snap('160 stays', 'w=160', 'width=160');
  snap('161 snaps up to 320', 'w=161', 'width=320');
  snap('1 snaps up to 160', 'w=1', 'width=160');
  snap('1280 stays', 'w=1280', 'width=1280');
  snap('2000 goes down to the largest, 1280', 'w=2000', 'width=1280');
  snap('height scaled by the same factor', 'w=100&h=50', 'width=160,height=80');
  snap('scaled height rounds: 213.33 to 213', 'w=300&h=200', 'width=320,height=213');
  snap('scaled down with the width', 'w=2000&h=1000', 'width=1280,height=640');
  snap('scaled height is at least 1', 'w=4000&h=1', 'width=1280,height=1');
  snap('a height alone does not snap', 'h=500', 'height=500');
  snap('dpr first, then snapping', 'w=100&dpr=2', 'width=320');
  snap('dpr and height', 'w=100&h=100&dpr=1.5', 'width=160,height=160');
  snap('dpr beyond the limit, then snapped back under it', 'w=2000&dpr=4', 'width=1280');
  snap('fit and position kept', 'w=300&h=200&fit=contain&position=top', 'width=320,height=213,fit=contain,position=top');
  snap('format and quality kept', 'f=webp&q=70&w=500', 'format=webp,quality=70,width=640');
  snap('4.5 rounds up to 5', 'w=160&h=3', 'width=240,height=5', {ALLOWED_WIDTHS: [240]});
  snap('2.25 rounds down to 2', 'w=320&h=3', 'width=240,height=2', {ALLOWED_WIDTHS: [240]});
  snap('a single allowed width', 'w=100&h=75', 'width=800,height=600', {ALLOWED_WIDTHS: [800]});
  snap('an unsorted list', 'w=200', 'width=320', {ALLOWED_WIDTHS: [640, 160, 1280, 320]});
  snap('an empty list allows any width', 'w=123', 'width=123', {ALLOWED_WIDTHS: []});
  snap('without a width nothing snaps', 'f=png', 'format=png');
  bad('a scaled height over MAX_DIMENSION', '/s.jpg', 'w=100&h=200', 'too-large', {config: {ALLOWED_WIDTHS: [4096]}});
  bad('an allowed width over MAX_DIMENSION', '/s.jpg', 'w=100', 'too-large', {config: {ALLOWED_WIDTHS: [5000]}});
  bad('a width over MAX_DIMENSION is refused before snapping', '/s.jpg', 'w=5000', 'bad-width', {config: widthsConfig});

  section = 'default-format';
  const autoConfig = {DEFAULT_FORMAT: 'auto'};
  ok('no parameters, Chrome', '/p.jpg', null, '/p.jpg/format=avif', {accept: ACCEPT.chrome, config: autoConfig});
  ok('no parameters, no Accept', '/p.jpg', null, '/p.jpg/format=jpeg', {config: autoConfig});
  ok('width, Safari 15', '/p.jpg', 'w=300', '/p.jpg/format=webp,width=300', {accept: ACCEPT.safari15, config: autoConfig});
  ok('width, Safari 17', '/p.jpg', 'w=300', '/p.jpg/format=avif,width=300', {accept: ACCEPT.safari17, config: autoConfig});
  ok('an explicit format wins', '/p.jpg', 'f=png', '/p.jpg/format=png', {accept: ACCEPT.chrome, config: autoConfig});
  ok('quality kept', '/p.jpg', 'q=80', '/p.jpg/format=avif,quality=80', {accept: ACCEPT.firefox, config: autoConfig});
  ok('format=auto spelled out', '/p.jpg', 'format=auto', '/p.jpg/format=webp', {accept: ACCEPT.safari15, config: autoConfig});
  ok('gif drops quality', '/p.jpg', 'f=gif&q=80', '/p.jpg/format=gif', {accept: ACCEPT.chrome, config: autoConfig});
  ok('dpr alone', '/p.jpg', 'dpr=2', '/p.jpg/format=avif', {accept: ACCEPT.chrome, config: autoConfig});
  ok('DEFAULT_FORMAT null keeps the original', '/p.jpg', null, '/p.jpg/original', {accept: ACCEPT.chrome, config: {DEFAULT_FORMAT: null}});

  section = 'max-dimension';
  const max2000 = {MAX_DIMENSION: 2000};
  ok('2000 allowed', '/m.jpg', 'w=2000', '/m.jpg/width=2000', {config: max2000});
  bad('2001 refused', '/m.jpg', 'w=2001', 'bad-width', {config: max2000});
  bad('height 2001 refused', '/m.jpg', 'h=2001', 'bad-height', {config: max2000});
  ok('1000 x 2 = 2000', '/m.jpg', 'w=1000&dpr=2', '/m.jpg/width=2000', {config: max2000});
  bad('1000 x 2.5 = 2500', '/m.jpg', 'w=1000&dpr=2.5', 'too-large', {config: max2000});
  ok('16383, the engine grammar limit', '/m.jpg', 'w=16383', '/m.jpg/width=16383', {config: {MAX_DIMENSION: 16383}});
  bad('16384', '/m.jpg', 'w=16384', 'bad-width', {config: {MAX_DIMENSION: 16383}});

  section = 'sig';
  const signed = (name, path, query, expect, {keyId = 'k1', secret = KEYS[keyId], sentPath = path, sent, config = SIGNING} = {}) => {
    const rawQuery = sent ? sent(signature(path, query, keyId, secret)) : signQuery(path, query, keyId, secret);
    add(name, sentPath, rawQuery, expect, {config});
  };
  const mac = signature('/s.jpg', 'width=300', 'k1', KEYS.k1).split('.')[1];
  signed('valid, key k1', '/images/a.jpg', 'width=300', {uri: '/images/a.jpg/width=300'});
  signed('valid, the second active key k2 (a UTF-8 secret)', '/images/a.jpg', 'width=300', {uri: '/images/a.jpg/width=300'}, {keyId: 'k2'});
  signed('valid, nothing but the signature', '/a.jpg', '', {uri: '/a.jpg/original'});
  signed('valid, sig first', '/a.jpg', 'width=300', {uri: '/a.jpg/width=300'}, {sent: sig => `sig=${sig}&width=300`});
  signed('valid, sig in the middle', '/a.jpg', 'width=300&format=webp', {uri: '/a.jpg/format=webp,width=300'},
    {sent: sig => `width=300&sig=${sig}&format=webp`});
  signed('valid, SIG upper-case', '/a.jpg', 'width=300', {uri: '/a.jpg/width=300'}, {sent: sig => `width=300&SIG=${sig}`});
  signed('valid, the sig value percent-encoded', '/a.jpg', 'width=300', {uri: '/a.jpg/width=300'},
    {sent: sig => `width=300&sig=${sig.replace('.', '%2E')}`});
  signed('valid with unknown parameters, which never reach the key', '/a.jpg', 'width=300&utm_source=mail',
    {uri: '/a.jpg/width=300'});
  signed('valid, the empty pair kept in the signed text', '/a.jpg', 'width=300&', {uri: '/a.jpg/width=300'});
  signed('valid, path with a space and UTF-8, signed as sent', '/my%20caf%C3%A9.jpg', 'w=10', {uri: '/my%20caf%C3%A9.jpg/width=10'});
  signed('valid, path with a +', '/a+b.jpg', '', {uri: '/a%2Bb.jpg/original'}, {keyId: 'k2'});
  signed('an unknown parameter added after signing', '/a.jpg', 'width=300', {status: 400, reason: 'sig-invalid'},
    {sent: sig => `width=300&sig=${sig}&utm_source=x`});
  signed('tampered path', '/a.jpg', 'width=300', {status: 400, reason: 'sig-invalid'}, {sentPath: '/b.jpg'});
  signed('tampered query', '/a.jpg', 'width=300', {status: 400, reason: 'sig-invalid'}, {sent: sig => `width=3000&sig=${sig}`});
  signed('parameters reordered after signing', '/a.jpg', 'width=300&format=webp', {status: 400, reason: 'sig-invalid'},
    {sent: sig => `format=webp&width=300&sig=${sig}`});
  signed('the path spelled otherwise (%c3%a9 for %C3%A9)', '/caf%C3%A9.jpg', '', {status: 400, reason: 'sig-invalid'},
    {sentPath: '/caf%c3%a9.jpg'});
  signed('an empty pair dropped after signing', '/a.jpg', 'width=300&', {status: 400, reason: 'sig-invalid'},
    {sent: sig => `width=300&sig=${sig}`});
  signed('wrong secret', '/a.jpg', 'width=300', {status: 400, reason: 'sig-invalid'}, {secret: 'not the secret'});
  signed("k2's id on k1's MAC", '/a.jpg', 'width=300', {status: 400, reason: 'sig-invalid'},
    {sent: sig => `width=300&sig=${sig.replace(/^k1\./, 'k2.')}`});
  signed('unknown key id', '/a.jpg', 'width=300', {status: 400, reason: 'sig-unknown-key'}, {keyId: 'k9', secret: 'whatever'});
  signed('unknown key id of a retired key', '/a.jpg', 'width=300', {status: 400, reason: 'sig-unknown-key'},
    {config: {...SIGNING, SIGNING_KEYS: {k2: KEYS.k2}}});
  signed('no keys in the store', '/a.jpg', 'width=300', {status: 400, reason: 'sig-unknown-key'},
    {config: {...SIGNING, SIGNING_KEYS: {}}});
  bad('key id constructor', '/a.jpg', `width=300&sig=constructor.${mac}`, 'sig-unknown-key', {config: SIGNING});
  bad('missing', '/a.jpg', 'width=300', 'sig-missing', {config: SIGNING});
  bad('missing, no query at all', '/a.jpg', null, 'sig-missing', {config: SIGNING});
  bad('missing, before a bad path', '/a//b.jpg', null, 'sig-missing', {config: SIGNING});
  bad('empty value', '/a.jpg', 'width=300&sig=', 'sig-malformed', {config: SIGNING});
  bad('sig without =', '/a.jpg', 'width=300&sig', 'sig-malformed', {config: SIGNING});
  bad('no dot', '/a.jpg', `width=300&sig=k1${mac}`, 'sig-malformed', {config: SIGNING});
  bad('empty key id', '/a.jpg', `width=300&sig=.${mac}`, 'sig-malformed', {config: SIGNING});
  bad('MAC of 42 characters', '/a.jpg', `width=300&sig=k1.${mac.slice(1)}`, 'sig-malformed', {config: SIGNING});
  bad('MAC with = padding', '/a.jpg', `width=300&sig=k1.${mac}=`, 'sig-malformed', {config: SIGNING});
  bad('MAC in the standard base64 alphabet', '/a.jpg', `width=300&sig=k1.${'A+/'.repeat(14)}A`, 'sig-malformed', {config: SIGNING});
  bad('key id with a space', '/a.jpg', `width=300&sig=k%201.${mac}`, 'sig-malformed', {config: SIGNING});
  bad('key id of 65 characters', '/a.jpg', `width=300&sig=${'k'.repeat(65)}.${mac}`, 'sig-malformed', {config: SIGNING});
  bad('a MAC followed by an encoded line feed (a regex $ would let it pass)', '/a.jpg', `width=300&sig=k1.${mac}%0A`,
    'sig-malformed', {config: SIGNING});
  bad('sig twice', '/a.jpg', `width=300&sig=k1.${mac}&sig=k1.${mac}`, 'repeated-param', {config: SIGNING});
  bad('exp twice is found before a malformed sig', '/a.jpg', 'sig=bad&exp=1&exp=2', 'repeated-param', {config: SIGNING});
  signed('valid with exp ahead', '/a.jpg', `width=300&exp=${NOW + 100}`, {uri: '/a.jpg/width=300'});
  signed('valid, exp one second ahead', '/a.jpg', `width=300&exp=${NOW + 1}`, {uri: '/a.jpg/width=300'});
  signed('exp equal to now has expired', '/a.jpg', `width=300&exp=${NOW}`, {status: 400, reason: 'sig-expired'});
  signed('exp in the past', '/a.jpg', `width=300&exp=${NOW - 1}`, {status: 400, reason: 'sig-expired'});
  signed('valid, EXP upper-case', '/a.jpg', `width=300&EXP=${NOW + 100}`, {uri: '/a.jpg/width=300'});
  signed('valid, exp before the other parameters', '/a.jpg', `exp=${NOW + 100}&w=20&f=webp`, {uri: '/a.jpg/format=webp,width=20'});
  signed('exp changed after signing', '/a.jpg', `width=300&exp=${NOW + 100}`, {status: 400, reason: 'sig-invalid'},
    {sent: sig => `width=300&exp=${NOW + 100000}&sig=${sig}`});
  signed('exp added after signing', '/a.jpg', 'width=300', {status: 400, reason: 'sig-invalid'},
    {sent: sig => `width=300&sig=${sig}&exp=${NOW + 100}`});
  signed('exp with a leading zero, signed', '/a.jpg', `width=300&exp=0${NOW + 100}`, {status: 400, reason: 'bad-exp'});
  signed('exp not a number, signed', '/a.jpg', 'width=300&exp=soon', {status: 400, reason: 'bad-exp'});
  signed('exp of 11 digits, signed', '/a.jpg', 'width=300&exp=10000000000', {status: 400, reason: 'bad-exp'});
  signed('empty exp, signed', '/a.jpg', 'width=300&exp=', {status: 400, reason: 'bad-exp'});
  signed('exp with a trailing encoded line feed, signed', '/a.jpg', `width=300&exp=${NOW + 100}%0A`, {status: 400, reason: 'bad-exp'});
  signed('a lone surrogate in the path is signed as U+FFFD, as node encodes it; the path is then refused', '/\ud800.jpg', 'w=1',
    {status: 400, reason: 'path-bad-utf8'});
  signed('exp twice, signed', '/a.jpg', `width=300&exp=${NOW + 100}&exp=${NOW + 100}`, {status: 400, reason: 'repeated-param'});
  signed('a bad exp behind a wrong MAC is a wrong MAC', '/a.jpg', 'width=300&exp=soon', {status: 400, reason: 'sig-invalid'},
    {secret: 'not the secret'});
  signed('valid signature, bad path', '/a//b.jpg', 'width=300', {status: 400, reason: 'path-empty-segment'});
  signed('bad path and wrong MAC: the signature is checked first', '/a//b.jpg', 'width=300', {status: 400, reason: 'sig-invalid'},
    {secret: 'not the secret'});
  signed('valid signature, bad width', '/a.jpg', 'width=abc', {status: 400, reason: 'bad-width'});
  signed('valid, all parameters', '/a.jpg', 'f=auto&q=70&w=200&h=100&fit=inside&dpr=2', {uri: '/a.jpg/format=jpeg,quality=70,width=400,height=200,fit=inside'});
  signed('valid, with allowed widths', '/a.jpg', 'w=100', {uri: '/a.jpg/width=160'}, {config: {...SIGNING, ...widthsConfig}});

  section = 'combined';
  ok('every parameter, short names', '/all.jpg', 'f=webp&q=80&w=300&h=200&fit=contain&position=top-left&dpr=2',
    '/all.jpg/format=webp,quality=80,width=600,height=400,fit=contain,position=top-left');
  ok('every parameter, long names, shuffled', '/all.jpg', 'position=entropy&height=100&dpr=1.5&fit=contain&quality=55&width=200&format=avif',
    '/all.jpg/format=avif,quality=55,width=300,height=150,fit=contain,position=entropy');
  ok('every parameter, fit=outside drops the position', '/all.jpg', 'position=entropy&height=100&dpr=1.5&fit=outside&quality=55&width=200&format=avif',
    '/all.jpg/format=avif,quality=55,width=300,height=150,fit=outside');
  ok('png drops quality, keeps the rest', '/all.jpg', 'format=png&quality=90&width=10&height=10&fit=fill',
    '/all.jpg/format=png,width=10,height=10,fit=fill');
  ok('a real srcset entry', '/products/shoe%201.jpg', 'w=640&dpr=2&f=auto&q=75&utm_source=feed&v=3',
    '/products/shoe%201.jpg/format=avif,quality=75,width=1280', {accept: ACCEPT.chrome});

  // section = 'regressions': cases the differential test found go here, each with a note in its name.
  // None so far: it runs 5,000 requests per build, and found no disagreement in 300,000 more over
  // three other seeds when the twin was written (the traps it was written around are pinned above:
  // U+0085 in Accept, an encoded line feed after sig or exp, a lone surrogate in a signed path).

  return {cases};
}

/** One case per line: diffs stay readable. */
export function formatVectors(vectors) {
  return `{"cases":[\n${vectors.cases.map(c => `  ${JSON.stringify(c)}`).join(',\n')}\n]}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = formatVectors(buildVectors());
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(VECTORS_FILE, 'utf8');
    } catch {
      // missing counts as different
    }
    if (current !== text) {
      console.error(`${VECTORS_FILE} is not what make-vectors.mjs makes: run node contract/tools/make-vectors.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(VECTORS_FILE, text);
    console.log(`wrote ${buildVectors().cases.length} cases to ${VECTORS_FILE}`);
  }
}
