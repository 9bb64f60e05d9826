// Sharp's side of the side-by-side benchmark. Reads one command per line on stdin,
//   FORMAT WIDTH N FILE      (FORMAT: jpeg, webp, avif or header)
// and answers one JSON line {"ms": [...], "bytes": N, "threads": T}. Settings are Sharp's defaults, spelled out,
// which are the ones the Java engine's EncoderSettings.SHARP_DEFAULTS copies.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import sharp from 'sharp';

sharp.cache(false); // like imageopt: no operation cache
const cache = new Map();
const input = (file) => cache.get(file) ?? cache.set(file, readFileSync(file)).get(file);

const encoders = {
  jpeg: (p) => p.jpeg({ quality: 80 }),
  webp: (p) => p.webp({ quality: 80, effort: 4 }),
  avif: (p) => p.avif({ quality: 50, effort: 4, chromaSubsampling: '4:4:4' }),
};

async function once(cmd) {
  const buf = input(cmd.file);
  if (cmd.format === 'header') {
    const m = await sharp(buf).metadata();
    return m.width;
  }
  const out = await encoders[cmd.format](sharp(buf).rotate().resize(cmd.width)).toBuffer();
  return out.length;
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const [format, width, n, ...file] = line.trim().split(' ');
  const cmd = { format, width: Number(width), n: Number(n), file: file.join(' ') };
  const ms = [];
  let bytes = 0;
  for (let i = 0; i < cmd.n; i++) {
    const t0 = process.hrtime.bigint();
    bytes = await once(cmd);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  process.stdout.write(JSON.stringify({ ms, bytes, threads: sharp.concurrency() }) + '\n');
}
