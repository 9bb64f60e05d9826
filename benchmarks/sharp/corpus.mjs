// The encoder corpus's made images (benchmarks/corpus/fetch.sh calls this; see benchmarks/corpus/README.md).
//   node corpus.mjs drawn DIR              text and line art drawn from SVG (the committed copies in
//                                          benchmarks/corpus/drawn/ came from this; fonts vary by machine)
//   node corpus.mjs high-iso IN OUT SEED   a photograph as a high-ISO shot: darkened, seeded noise on
//                                          luma and chroma (signal-dependent), brightened back; deterministic
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

// mulberry32: a small seeded PRNG, so the same seed gives the same noise on every machine
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function highIso(input, output, seed) {
  const { data, info } = await sharp(input).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const next = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
  const out = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i += 3) {
    const luma = gauss(), cb = gauss(), cr = gauss();
    for (let c = 0; c < 3; c++) {
      const v = data[i + c] / 255 * 0.35; // two stops under, as shot in the dark
      const shot = Math.sqrt(v) * 0.045;  // photon noise grows with the signal
      const chroma = c === 0 ? cr : c === 2 ? cb : -(cr + cb) / 2;
      const noisy = (v + shot * luma + 0.018 * chroma + 0.006 * gauss()) / 0.35; // pushed back two stops
      out[i + c] = Math.max(0, Math.min(255, Math.round(noisy * 255)));
    }
  }
  await sharp(out, { raw: { width: info.width, height: info.height, channels: 3 } }).png({ compressionLevel: 9 }).toFile(output);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const lorem = 'Images are resized at the edge and cached for a year. The first request for a size makes it; every later one is a cache hit. '
  + 'Quality is judged against the same resize kept lossless, with butteraugli and ssimulacra, on photographs nobody here chose. ';

function textPage() {
  const lines = [];
  let y = 170;
  for (let p = 0; p < 6; p++) {
    const words = (lorem + lorem).split(' ');
    let line = '';
    for (const w of words) {
      if ((line + w).length > 88) { lines.push(`<text x="90" y="${y}">${esc(line)}</text>`); y += 34; line = ''; }
      line += w + ' ';
    }
    lines.push(`<text x="90" y="${y}">${esc(line)}</text>`);
    y += 60;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="${y + 60}">
  <rect width="100%" height="100%" fill="#fbfaf7"/>
  <text x="90" y="100" font-family="DejaVu Serif, serif" font-size="54" fill="#1a1a1a">Encoder defaults, measured</text>
  <g font-family="DejaVu Sans, sans-serif" font-size="24" fill="#333">${lines.join('\n')}</g>
  <text x="90" y="${y + 10}" font-family="DejaVu Sans Mono, monospace" font-size="20" fill="#a01010">./imageopt encoder-study --images DIR</text>
</svg>`;
}

function diagram() {
  const box = (x, y, w, label, fill) => `<rect x="${x}" y="${y}" width="${w}" height="110" rx="14" fill="${fill}" stroke="#222" stroke-width="4"/>
    <text x="${x + w / 2}" y="${y + 66}" text-anchor="middle">${label}</text>`;
  const arrow = (x1, y1, x2, y2) => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#222" stroke-width="5" marker-end="url(#a)"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="1000">
  <defs><marker id="a" markerWidth="12" markerHeight="12" refX="10" refY="6" orient="auto"><path d="M0,0 L12,6 L0,12 z" fill="#222"/></marker></defs>
  <rect width="100%" height="100%" fill="#ffffff"/>
  <g font-family="DejaVu Sans, sans-serif" font-size="34" fill="#111">
  ${box(80, 120, 320, 'Viewer', '#ffe9a8')}${box(560, 120, 360, 'CloudFront', '#cfe8ff')}${box(1100, 120, 560, 'Function (URL rules)', '#d9f7d4')}
  ${box(560, 480, 360, 'S3 variants', '#f4d4f7')}${box(1100, 480, 560, 'Lambda + libvips', '#ffd6cc')}${box(1100, 800, 560, 'S3 originals', '#e6e6e6')}
  ${arrow(400, 175, 550, 175)}${arrow(920, 175, 1090, 175)}${arrow(740, 230, 740, 470)}${arrow(920, 535, 1090, 535)}
  ${arrow(1380, 590, 1380, 790)}${arrow(1100, 560, 930, 560)}
  </g>
  <g stroke="#0a5" stroke-width="2" fill="none">${Array.from({ length: 24 }, (_, i) => `<circle cx="${300 + i * 22}" cy="${820 + (i % 5) * 18}" r="${10 + (i % 7) * 6}"/>`).join('')}</g>
  <path d="M 80 960 C 400 700, 700 990, 1000 880 S 1500 700, 1760 960" stroke="#c00" stroke-width="3" fill="none" stroke-dasharray="18 10"/>
</svg>`;
}

function chart() {
  const bars = [0.82, 0.9, 1.0, 0.74, 0.66, 0.95, 0.58, 0.71];
  const w = 1600, h = 1000, x0 = 160, y0 = 860, bw = 120;
  const grid = Array.from({ length: 6 }, (_, i) => {
    const y = y0 - i * 140;
    return `<line x1="${x0}" y1="${y}" x2="${w - 80}" y2="${y}" stroke="#ddd" stroke-width="2"/><text x="${x0 - 20}" y="${y + 10}" text-anchor="end">${(i * 0.2).toFixed(1)}</text>`;
  }).join('');
  const rects = bars.map((b, i) => `<rect x="${x0 + 40 + i * 165}" y="${y0 - b * 700}" width="${bw}" height="${b * 700}" fill="${['#4e79a7', '#f28e2b', '#e15759', '#76b7b2'][i % 4]}"/>
    <text x="${x0 + 40 + i * 165 + bw / 2}" y="${y0 + 44}" text-anchor="middle">q${70 + i * 3}</text>`).join('');
  const line = bars.map((b, i) => `${x0 + 100 + i * 165},${y0 - (1.1 - b / 2) * 600}`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
  <rect width="100%" height="100%" fill="#fff"/>
  <g font-family="DejaVu Sans, sans-serif" font-size="28" fill="#222">
  <text x="${w / 2}" y="70" text-anchor="middle" font-size="40">Bytes against the sample, per setting</text>${grid}${rects}
  <polyline points="${line}" fill="none" stroke="#111" stroke-width="4"/>
  <line x1="${x0}" y1="${y0}" x2="${w - 80}" y2="${y0}" stroke="#111" stroke-width="3"/><line x1="${x0}" y1="${y0}" x2="${x0}" y2="140" stroke="#111" stroke-width="3"/>
  </g></svg>`;
}

function ui() {
  const rows = Array.from({ length: 9 }, (_, i) => `<rect x="420" y="${220 + i * 80}" width="1060" height="64" rx="8" fill="${i % 2 ? '#ffffff' : '#f3f5f9'}"/>
    <circle cx="460" cy="${252 + i * 80}" r="18" fill="hsl(${i * 40},70%,55%)"/>
    <text x="500" y="${262 + i * 80}">photo-${1000 + i * 37}.jpg</text><text x="1080" y="${262 + i * 80}" fill="#666">${(i * 173) % 900 + 120} KB</text>
    <rect x="1300" y="${232 + i * 80}" width="150" height="40" rx="20" fill="#2f6fdf"/><text x="1375" y="${260 + i * 80}" fill="#fff" text-anchor="middle" font-size="22">Open</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1d2b64"/><stop offset="1" stop-color="#f8cdda"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="#e9ecf2"/>
  <rect width="360" height="1000" fill="url(#g)"/>
  <g font-family="DejaVu Sans, sans-serif" font-size="26" fill="#fff">${['Library', 'Albums', 'Shared', 'Trash', 'Settings'].map((t, i) => `<text x="60" y="${200 + i * 70}">${t}</text>`).join('')}</g>
  <rect x="360" y="0" width="1240" height="120" fill="#fff"/>
  <g font-family="DejaVu Sans, sans-serif" font-size="26" fill="#222"><text x="420" y="75" font-size="38">Recent uploads</text>${rows}</g>
  </svg>`;
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'high-iso') {
  await highIso(args[0], args[1], Number(args[2]));
} else if (cmd === 'drawn') {
  for (const [name, svg] of Object.entries({ 'drawn-text-page': textPage(), 'drawn-diagram': diagram(), 'drawn-chart': chart(), 'drawn-ui': ui() })) {
    const file = join(args[0], `${name}.png`);
    writeFileSync(file, await sharp(Buffer.from(svg), { density: 72 }).png({ compressionLevel: 9, palette: false }).toBuffer());
    console.log(file);
  }
} else {
  console.error('usage: node corpus.mjs drawn DIR | high-iso IN OUT SEED');
  process.exit(2);
}
