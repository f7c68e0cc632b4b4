import { deflateSync } from "node:zlib";

/** One plotted series: a mean line with a lower/upper band. */
export interface CurveSeries {
  label: string;
  x: number[];
  mean: number[];
  lo: number[];
  hi: number[];
}

/** Colour-blind-safe palette (Okabe–Ito), cycled. */
export const PALETTE = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#F0E442",
  "#000000",
];

const W = 720;
const H = 420;
const M = { left: 60, right: 170, top: 36, bottom: 46 };

function bounds(series: readonly CurveSeries[]) {
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    for (const x of s.x) [x0, x1] = [Math.min(x0, x), Math.max(x1, x)];
    for (const y of [...s.lo, ...s.hi, ...s.mean])
      if (Number.isFinite(y)) [y0, y1] = [Math.min(y0, y), Math.max(y1, y)];
  }
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > y0)) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const pad = (y1 - y0) * 0.05;
  return { x0, x1, y0: y0 - pad, y1: y1 + pad };
}

function ticks(lo: number, hi: number, n = 5): number[] {
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-12; v += step) out.push(Math.round(v / step) * step);
  return out;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Learning curves with 95% confidence bands as SVG: one line and shaded band per series, axes with ticks and a
 * legend. Deterministic text for the same input.
 * @example curvesSvg("Chain MDP", "episode", "return", [series])
 */
export function curvesSvg(
  title: string,
  xLabel: string,
  yLabel: string,
  series: readonly CurveSeries[],
): string {
  const b = bounds(series);
  const px = (x: number) => M.left + ((x - b.x0) / (b.x1 - b.x0)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - ((y - b.y0) / (b.y1 - b.y0)) * (H - M.top - M.bottom);
  const f = (v: number) => (Math.round(v * 10) / 10).toString();
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2 - M.right / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>`,
  ];
  for (const t of ticks(b.y0, b.y1)) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${f(py(t))}" y2="${f(py(t))}" stroke="#eee"/>`);
    parts.push(`<text x="${M.left - 6}" y="${f(py(t) + 4)}" text-anchor="end">${+t.toPrecision(4)}</text>`);
  }
  for (const t of ticks(b.x0, b.x1))
    parts.push(
      `<text x="${f(px(t))}" y="${H - M.bottom + 16}" text-anchor="middle">${+t.toPrecision(6)}</text>`,
    );
  parts.push(
    `<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>`,
  );
  parts.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>`);
  parts.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 10}" text-anchor="middle">${esc(xLabel)}</text>`,
  );
  parts.push(
    `<text x="16" y="${H / 2}" text-anchor="middle" transform="rotate(-90 16 ${H / 2})">${esc(yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const c = PALETTE[i % PALETTE.length]!;
    const band = [
      ...s.x.map((x, k) => `${f(px(x))},${f(py(s.hi[k]!))}`),
      ...s.x.map((x, k) => `${f(px(x))},${f(py(s.lo[k]!))}`).reverse(),
    ];
    parts.push(`<polygon points="${band.join(" ")}" fill="${c}" fill-opacity="0.18" stroke="none"/>`);
    parts.push(
      `<polyline points="${s.x.map((x, k) => `${f(px(x))},${f(py(s.mean[k]!))}`).join(" ")}" fill="none" stroke="${c}" stroke-width="2"/>`,
    );
    const ly = M.top + 10 + i * 18;
    parts.push(`<rect x="${W - M.right + 12}" y="${ly - 8}" width="14" height="10" fill="${c}"/>`);
    parts.push(`<text x="${W - M.right + 32}" y="${ly + 1}">${esc(s.label)}</text>`);
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Encodes an RGBA image as PNG (8-bit, filter 0, zlib). (PNG specification, ISO/IEC 15948) */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * The same learning curves rasterised to PNG (bands, lines, axes, grid and legend swatches in the SVG's
 * colours and order; the labels are in the SVG and the report, since the raster carries no font).
 * @example writeFileSync("curves.png", curvesPng([series]))
 */
export function curvesPng(series: readonly CurveSeries[]): Buffer {
  const img = new Uint8Array(W * H * 4).fill(255);
  const blend = (x: number, y: number, hex: string, a: number) => {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const i = (y * W + x) * 4;
    for (let k = 0; k < 3; k++) {
      const c = Number.parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16);
      img[i + k] = Math.round(img[i + k]! * (1 - a) + c * a);
    }
  };
  const line = (x0: number, y0: number, x1: number, y1: number, hex: string, width = 1) => {
    const n = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) * 2));
    for (let k = 0; k <= n; k++) {
      const x = x0 + ((x1 - x0) * k) / n;
      const y = y0 + ((y1 - y0) * k) / n;
      for (let dx = 0; dx < width; dx++)
        for (let dy = 0; dy < width; dy++) blend(x + dx - (width >> 1), y + dy - (width >> 1), hex, 1);
    }
  };
  const b = bounds(series);
  const px = (x: number) => M.left + ((x - b.x0) / (b.x1 - b.x0)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - ((y - b.y0) / (b.y1 - b.y0)) * (H - M.top - M.bottom);
  for (const t of ticks(b.y0, b.y1)) line(M.left, py(t), W - M.right, py(t), "#eeeeee");
  series.forEach((s, i) => {
    const c = PALETTE[i % PALETTE.length]!;
    // Band: fill each pixel column between the interpolated lower and upper bounds.
    for (let k = 0; k + 1 < s.x.length; k++) {
      const xa = px(s.x[k]!);
      const xb = px(s.x[k + 1]!);
      for (let x = Math.ceil(xa); x < xb; x++) {
        const u = (x - xa) / (xb - xa || 1);
        const top = py(s.hi[k]! + u * (s.hi[k + 1]! - s.hi[k]!));
        const bot = py(s.lo[k]! + u * (s.lo[k + 1]! - s.lo[k]!));
        for (let y = Math.ceil(top); y <= bot; y++) blend(x, y, c, 0.18);
      }
    }
  });
  series.forEach((s, i) => {
    const c = PALETTE[i % PALETTE.length]!;
    for (let k = 0; k + 1 < s.x.length; k++)
      line(px(s.x[k]!), py(s.mean[k]!), px(s.x[k + 1]!), py(s.mean[k + 1]!), c, 2);
    const ly = M.top + 10 + i * 18;
    for (let y = ly - 8; y < ly + 2; y++)
      for (let x = W - M.right + 12; x < W - M.right + 26; x++) blend(x, y, c, 1);
  });
  line(M.left, H - M.bottom, W - M.right, H - M.bottom, "#333333");
  line(M.left, M.top, M.left, H - M.bottom, "#333333");
  return encodePng(W, H, img);
}
