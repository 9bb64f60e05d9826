// Side by side: the Java engine and Sharp 0.35.5 on the same libvips build, same images, same
// operation (auto-orient, resize to a width, never enlarge, encode, no metadata), same encoder
// settings, one libvips thread each, in ONE run: both drivers stay up and take turns cell by cell,
// round after round, who goes first alternating, so a noisy neighbour slows both alike and the
// ratio holds.
//   node benchmarks/compare.mjs [--rounds 5] [--seconds 0] [--encoders jpeg-default,webp-default,avif-default]
//        [--sources NAME,...] [--widths 320,800,1600] [--header] [--versus-aws]
// --versus-aws: Sharp runs the AWS sample's settings for each format (Sharp's defaults: jpeg-q80,
// webp-q80-e4, avif-q50-e4-444) while imageopt runs its own: what moving from the sample saves.
// Sources are names in the corpus (IMAGEOPT_CORPUS, else the checkout's samples/images and
// samples/photos); NAME@2mp is the photograph made 2 MP by the Java side (see Corpus.java), and both
// sides read that same file. The result records files relative to the checkout.
// Runs at least --rounds rounds and, with --seconds, goes on until that much time has passed.
// Writes benchmarks/target/sharp-compare.json (sharp-compare-versus-aws.json) and prints Markdown: per cell, and per format the
// geometric mean of the cells' ratios (imageopt median / Sharp median).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recorded } from './repo-path.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const args = {};
for (let i = 0; i < argv.length; i++) {
  if (!argv[i].startsWith('--')) continue;
  const next = argv[i + 1];
  if (next === undefined || next.startsWith('--')) args[argv[i].slice(2)] = true;
  else args[argv[i].slice(2)] = argv[++i];
}
const list = (v, d) => String(v ?? d).split(',').map((s) => s.trim()).filter(Boolean);
const rounds = Number(args.rounds ?? 5);
const seconds = Number(args.seconds ?? 0);
const encodersAsked = list(args.encoders, 'jpeg-default,webp-default,avif-default');
const sources = list(args.sources, 'aitzgorri_by_Aitzol_Berasategi.jpg@2mp,seeding_by_Clements_Engelhardt.jpg@12mp,Kleiber_by_Lukas_Baubkus.jpg@20mp,calla.png');
const widths = list(args.widths, '320,800,1600').map(Number);
const java = process.env.JAVA_BIN ?? 'java';
const jar = join(here, 'target', 'benchmarks.jar');
if (!existsSync(jar)) throw new Error(`${jar} missing: run ./imageopt bench-compare (it builds it)`);
if (!existsSync(join(here, 'sharp', 'node_modules', 'sharp'))) throw new Error('run npm ci in benchmarks/sharp first');

function driver(name, cmd, argvs) {
  const child = spawn(cmd, argvs, { env: process.env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ask = async (line) => {
    child.stdin.write(line + '\n');
    const { value, done } = await lines.next();
    if (done) throw new Error(`${name} driver exited`);
    return JSON.parse(value);
  };
  return { name, ask, run: (enc, width, n, file) => ask(`${enc} ${width} ${n} ${file}`), close: () => child.stdin.end() };
}

const imageopt = driver('imageopt', java, ['--enable-native-access=ALL-UNNAMED', '-Dimageopt.vips.concurrency=1', '-XX:+UseSerialGC', '-cp', jar, 'imageopt.bench.SideBySideDriver']);
const sharp = driver('sharp', process.execPath, [join(here, 'sharp', 'driver.mjs')]);
const drivers = [imageopt, sharp];

const encoders = [];
for (const e of encodersAsked) encoders.push((await imageopt.ask(`key ${e}`)).key);
const sharpKey = {};
for (const e of encoders) sharpKey[e] = args['versus-aws'] ? (await imageopt.ask(`key ${e.split('-')[0]}-sharp`)).key : e;
const files = {};
for (const s of sources) files[s] = (await imageopt.ask(`resolve ${s}`)).path;

const cells = [];
for (const e of encoders) for (const s of sources) for (const w of widths) cells.push({ encoder: e, source: s, width: w });
if (args.header) for (const s of sources) cells.push({ encoder: 'header', source: s, width: 0 });
for (const c of cells) Object.assign(c, { imageopt: [], sharp: [], bytes: {} });

process.stderr.write(`side by side: ${cells.length} cells (${encoders.join(', ')} x ${sources.length} sources x ${widths.join('/')} px), `
  + `at least ${rounds} rounds${seconds ? ` and ${seconds} s` : ''}; warming up...\n`);
const keyFor = (d, c) => (d === sharp && c.encoder !== 'header' ? sharpKey[c.encoder] : c.encoder);
for (const c of cells) for (const d of drivers) await d.run(keyFor(d, c), c.width, 1, files[c.source]);

const start = Date.now();
let round = 0;
while (round < rounds || Date.now() - start < seconds * 1000) {
  round++;
  let i = 0;
  for (const c of cells) {
    const order = (round + i++) % 2 ? drivers : [...drivers].reverse(); // alternate who goes first
    for (const d of order) {
      const r = await d.run(keyFor(d, c), c.width, c.encoder === 'header' ? 20 : 1, files[c.source]);
      c[d.name].push(...r.ms);
      c.bytes[d.name] = r.bytes;
      c.threads = { ...(c.threads ?? {}), [d.name]: r.threads };
    }
    process.stderr.write(`\rround ${round}${round <= rounds ? `/${rounds}` : ''}: cell ${i}/${cells.length}, ${Math.round((Date.now() - start) / 1000)} s   `);
  }
}
process.stderr.write('\n');
drivers.forEach((d) => d.close());

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const geomean = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const rows = cells.map((c) => {
  const j = median(c.imageopt), n = median(c.sharp);
  return { encoder: c.encoder, sharpEncoder: c.encoder === 'header' ? 'header' : sharpKey[c.encoder], source: c.source, width: c.width, imageoptMs: +j.toFixed(2), sharpMs: +n.toFixed(2), ratio: +(j / n).toFixed(3),
    samples: c.imageopt.length, bytes: c.bytes, threads: c.threads };
});
const formatOf = (e) => e.split('-')[0];
const summary = {};
for (const f of [...new Set(rows.map((r) => formatOf(r.encoder)))]) {
  const rs = rows.filter((r) => formatOf(r.encoder) === f).map((r) => r.ratio);
  summary[f] = { cells: rs.length, geomeanRatio: +geomean(rs).toFixed(3), min: Math.min(...rs), max: Math.max(...rs) };
}
const all = rows.filter((r) => r.encoder !== 'header').map((r) => r.ratio);
summary.all = { cells: all.length, geomeanRatio: +geomean(all).toFixed(3), min: Math.min(...all), max: Math.max(...all) };
const result = { date: new Date().toISOString(), versusAws: !!args['versus-aws'], rounds: round, seconds: Math.round((Date.now() - start) / 1000), encoders, sources, widths,
  files: Object.fromEntries(Object.entries(files).map(([s, f]) => [s, recorded(f)])), threads: 1, summary, rows,
  note: 'medians of single transforms, both drivers alive, alternating cell by cell; ratio = imageopt / sharp (below 1: imageopt is faster); per format the geometric mean of the cells\' ratios' };
mkdirSync(join(here, 'target'), { recursive: true });
writeFileSync(join(here, 'target', args['versus-aws'] ? 'sharp-compare-versus-aws.json' : 'sharp-compare.json'), JSON.stringify(result, null, 2));

console.log(`| format | cells | imageopt / Sharp, geometric mean | range |`);
console.log('|---|---|---|---|');
for (const [f, s] of Object.entries(summary)) console.log(`| ${f} | ${s.cells} | ${s.geomeanRatio} | ${s.min} - ${s.max} |`);
console.log('');
console.log(`| encoder${args['versus-aws'] ? ' (imageopt / Sharp)' : ''} | source | width | imageopt ms | Sharp ms | ratio | samples each | bytes imageopt / Sharp |`);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.encoder === r.sharpEncoder ? r.encoder : `${r.encoder} / ${r.sharpEncoder}`} | ${basename(r.source)} | ${r.width || '-'} | ${r.imageoptMs} | ${r.sharpMs} | ${r.ratio} | ${r.samples} | ${r.encoder === 'header' ? '-' : `${r.bytes.imageopt} / ${r.bytes.sharp}`} |`);
}
