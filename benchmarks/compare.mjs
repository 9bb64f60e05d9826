// Side by side: the Java engine and Sharp 0.35.5 on the same libvips build, same image, same
// operation, same encoder settings, one libvips thread each, in ONE run: both drivers stay up and
// take turns batch by batch, so a noisy neighbour slows both alike and the ratio holds.
//   node benchmarks/compare.mjs [--seconds 180] [--file PATH] [--width 800] [--formats jpeg,webp,avif,header]
// Writes benchmarks/target/sharp-compare.json and prints a Markdown table of medians and ratios.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc, []));
const seconds = Number(args.seconds ?? 180);
const width = Number(args.width ?? 800);
const file = resolve(args.file ?? join(root, '..', 'shared', 'corpus', 'Kleiber_by_Lukas_Baubkus.jpg'));
const formats = (args.formats ?? 'jpeg,webp,avif,header').split(',');
const java = process.env.JAVA_BIN ?? 'java';
const jar = join(here, 'target', 'benchmarks.jar');
if (!existsSync(jar)) throw new Error(`${jar} missing: run ./imageopt bench-compare (it builds it)`);
if (!existsSync(join(here, 'sharp', 'node_modules', 'sharp'))) throw new Error('run npm ci in benchmarks/sharp first');

function driver(name, cmd, argv, env) {
  const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    name,
    async run(format, n) {
      child.stdin.write(`${format} ${width} ${n} ${file}\n`);
      const { value, done } = await lines.next();
      if (done) throw new Error(`${name} driver exited`);
      return JSON.parse(value);
    },
    close: () => child.stdin.end(),
  };
}

const drivers = [
  driver('imageopt', java, ['--enable-native-access=ALL-UNNAMED', '-Dimageopt.vips.concurrency=1', '-cp', jar, 'imageopt.bench.SideBySideDriver'], {}),
  driver('sharp', process.execPath, [join(here, 'sharp', 'driver.mjs')], {}),
];

const samples = Object.fromEntries(formats.map((f) => [f, { imageopt: [], sharp: [], bytes: {}, threads: {} }]));
process.stderr.write(`warming up (${formats.join(', ')})...\n`);
for (const f of formats) for (const d of drivers) await d.run(f, 2);

const deadline = Date.now() + seconds * 1000;
let round = 0;
while (Date.now() < deadline) {
  round++;
  for (const f of formats) {
    // alternate who goes first, so neither always runs right after the other's allocations
    for (const d of round % 2 ? drivers : [...drivers].reverse()) {
      const r = await d.run(f, f === 'header' ? 20 : 1);
      samples[f][d.name].push(...r.ms);
      samples[f].bytes[d.name] = r.bytes;
      samples[f].threads[d.name] = r.threads;
    }
  }
  process.stderr.write(`\rround ${round}, ${Math.max(0, Math.round((deadline - Date.now()) / 1000))} s left   `);
}
process.stderr.write('\n');
drivers.forEach((d) => d.close());

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const rows = formats.map((f) => {
  const s = samples[f];
  const j = median(s.imageopt), n = median(s.sharp);
  return { format: f, imageoptMs: +j.toFixed(2), sharpMs: +n.toFixed(2), ratio: +(j / n).toFixed(3),
    samples: s.imageopt.length, bytes: s.bytes, threads: s.threads };
});
const result = { date: new Date().toISOString(), file, width, seconds, rounds: round, rows,
  note: 'medians of single transforms; ratio = imageopt / sharp (below 1: imageopt is faster)' };
mkdirSync(join(here, 'target'), { recursive: true });
writeFileSync(join(here, 'target', 'sharp-compare.json'), JSON.stringify(result, null, 2));

console.log(`| operation (${file.split('/').pop()} -> ${width} px wide) | imageopt ms | Sharp ms | ratio | samples each | bytes imageopt / Sharp |`);
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  const op = r.format === 'header' ? 'header read' : r.format;
  console.log(`| ${op} | ${r.imageoptMs} | ${r.sharpMs} | ${r.ratio} | ${r.samples} | ${r.format === 'header' ? '-' : `${r.bytes.imageopt} / ${r.bytes.sharp}`} |`);
}
