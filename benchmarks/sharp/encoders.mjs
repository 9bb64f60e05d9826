// imageopt's encoder keys (imageopt.bench.EncoderChoice) as Sharp options; shared by driver.mjs and coldstart.mjs.
//   jpeg-q80, jpeg-q80-moz (Sharp's mozjpeg: true), webp-q80-e4, avif-q50-e4-444, avif-q55-e2-420, png-c6
// Legacy single words jpeg / webp / avif mean Sharp's defaults (what the AWS sample uses).
// JPEG output flattens on white, as imageopt does.
const legacy = { jpeg: 'jpeg-q80', webp: 'webp-q80-e4', avif: 'avif-q50-e4-444' };

export function encoder(key) {
  const k = legacy[key] ?? key;
  let m;
  if ((m = /^jpeg-q(\d+)(-moz)?$/.exec(k))) {
    const opts = { quality: +m[1], mozjpeg: !!m[2] };
    return { format: 'jpeg', apply: (p) => p.flatten({ background: '#ffffff' }).jpeg(opts) };
  }
  if ((m = /^webp-q(\d+)-e(\d)$/.exec(k))) return { format: 'webp', apply: (p) => p.webp({ quality: +m[1], effort: +m[2] }) };
  if ((m = /^avif-q(\d+)-e(\d)-(444|420)$/.exec(k))) {
    return { format: 'avif', apply: (p) => p.avif({ quality: +m[1], effort: +m[2], chromaSubsampling: m[3] === '444' ? '4:4:4' : '4:2:0' }) };
  }
  if ((m = /^png-c(\d)$/.exec(k))) return { format: 'png', apply: (p) => p.png({ compressionLevel: +m[1] }) };
  throw new Error(`unknown encoder key ${key}`);
}

