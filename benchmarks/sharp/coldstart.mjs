// Node + Sharp's cold path, one process = one cold start (cold-start.mjs starts it beside the JVM):
//   node coldstart.mjs ENCODER WIDTH FILE
// main entered -> sharp imported (loads and initialises the same libvips) -> source read ->
// first transform -> a second, warm one. Prints one JSON line of epoch microseconds.
const micros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const main = micros();
const [enc, width, file] = process.argv.slice(2);
const { default: sharp } = await import('sharp');
sharp.cache(false);
sharp.concurrency(1);
const loaded = micros();
const { readFileSync } = await import('node:fs');
const { encoder } = await import('./encoders.mjs');
const source = readFileSync(file);
const read = micros();
const run = () => encoder(enc).apply(sharp(source).rotate().resize({ width: Number(width), withoutEnlargement: true })).toBuffer();
const out = await run();
const first = micros();
await run();
const second = micros();
const processStart = Math.round(performance.timeOrigin * 1000);
console.log(JSON.stringify({ runtime: 'node', primed: false, encoder: enc, bytes: out.length, processStart, main, loaded, initialised: loaded,
  primed_at: loaded, read, first, second }));
