/** Escapes text for SVG/XML. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : "";
}

const FONT = 'font-family="sans-serif" font-size="11"';

/**
 * A horizontal bar chart of values in [0, 1] (accuracies), hand-written SVG.
 * @example barChart("Accuracy by subset", [{ label: "chat", value: 0.9 }])
 */
export function barChart(title: string, bars: { label: string; value: number }[]): string {
  const rowH = 22;
  const left = 180;
  const width = 560;
  const plotW = width - left - 50;
  const height = 40 + rowH * bars.length + 20;
  const rows = bars
    .map((b, i) => {
      const y = 34 + i * rowH;
      const v = Number.isFinite(b.value) ? Math.max(0, Math.min(1, b.value)) : 0;
      return (
        `<text x="${left - 6}" y="${y + 14}" text-anchor="end" ${FONT}>${esc(b.label.slice(0, 32))}</text>` +
        `<rect x="${left}" y="${y + 3}" width="${(v * plotW).toFixed(1)}" height="${rowH - 6}" fill="#4878a8"/>` +
        `<text x="${left + v * plotW + 4}" y="${y + 14}" ${FONT}>${fmt(b.value)}</text>`
      );
    })
    .join("");
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => {
      const x = left + t * plotW;
      return `<line x1="${x}" y1="30" x2="${x}" y2="${height - 18}" stroke="#ddd"/><text x="${x}" y="${height - 4}" text-anchor="middle" ${FONT}>${t}</text>`;
    })
    .join("");
  return svgDoc(
    width,
    height,
    `<text x="${width / 2}" y="18" text-anchor="middle" ${FONT} font-weight="bold">${esc(title)}</text>${grid}${rows}`,
  );
}

/**
 * A reliability diagram: per-bin accuracy against mean confidence, with the diagonal of perfect calibration.
 * @example reliabilityDiagram(bins, ece)
 */
export function reliabilityDiagram(
  bins: { lo: number; hi: number; n: number; confidence: number; accuracy: number }[],
  ece: number,
): string {
  const size = 320;
  const m = 40;
  const p = size - 2 * m;
  const lo = bins[0]?.lo ?? 0.5;
  const X = (v: number) => m + ((v - lo) / (1 - lo)) * p;
  const Y = (v: number) => size - m - v * p;
  let body = `<rect x="${m}" y="${m}" width="${p}" height="${p}" fill="none" stroke="#888"/>`;
  body += `<line x1="${X(lo)}" y1="${Y(lo)}" x2="${X(1)}" y2="${Y(1)}" stroke="#aaa" stroke-dasharray="4 3"/>`;
  for (const b of bins) {
    if (!b.n) continue;
    const x0 = X(b.lo);
    const w = X(b.hi) - x0;
    body += `<rect x="${x0.toFixed(1)}" y="${Y(b.accuracy).toFixed(1)}" width="${(w - 1).toFixed(1)}" height="${(Y(0) - Y(b.accuracy)).toFixed(1)}" fill="#4878a8" fill-opacity="0.7"/>`;
    body += `<circle cx="${X(b.confidence).toFixed(1)}" cy="${Y(b.confidence).toFixed(1)}" r="2" fill="#c44"/>`;
  }
  for (const t of [lo, (lo + 1) / 2, 1]) {
    body += `<text x="${X(t)}" y="${size - m + 14}" text-anchor="middle" ${FONT}>${fmt(t)}</text>`;
  }
  for (const t of [0, 0.5, 1])
    body += `<text x="${m - 4}" y="${Y(t) + 4}" text-anchor="end" ${FONT}>${t}</text>`;
  body += `<text x="${size / 2}" y="18" text-anchor="middle" ${FONT} font-weight="bold">Reliability (ECE ${fmt(ece * 100)}%)</text>`;
  body += `<text x="${size / 2}" y="${size - 6}" text-anchor="middle" ${FONT}>confidence</text>`;
  body += `<text x="12" y="${size / 2}" transform="rotate(-90 12 ${size / 2})" text-anchor="middle" ${FONT}>accuracy</text>`;
  return svgDoc(size, size, body);
}

/**
 * A scatter plot (at most `maxPoints`, evenly subsampled so the picture is deterministic).
 * @example scatter("Reward vs length", "length", "reward", xs, ys)
 */
export function scatter(
  title: string,
  xLabel: string,
  yLabel: string,
  xs: number[],
  ys: number[],
  maxPoints = 2000,
): string {
  const w = 420;
  const h = 320;
  const m = 44;
  const n = Math.min(xs.length, ys.length);
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const idx: number[] = [];
  for (let i = 0; i < n; i += step) if (Number.isFinite(xs[i]!) && Number.isFinite(ys[i]!)) idx.push(i);
  const [x0, x1] = range(idx.map((i) => xs[i]!));
  const [y0, y1] = range(idx.map((i) => ys[i]!));
  const X = (v: number) => m + ((v - x0) / (x1 - x0 || 1)) * (w - 2 * m);
  const Y = (v: number) => h - m - ((v - y0) / (y1 - y0 || 1)) * (h - 2 * m);
  let body = `<rect x="${m}" y="${m}" width="${w - 2 * m}" height="${h - 2 * m}" fill="none" stroke="#888"/>`;
  for (const i of idx)
    body += `<circle cx="${X(xs[i]!).toFixed(1)}" cy="${Y(ys[i]!).toFixed(1)}" r="1.6" fill="#4878a8" fill-opacity="0.5"/>`;
  body += `<text x="${w / 2}" y="18" text-anchor="middle" ${FONT} font-weight="bold">${esc(title)}</text>`;
  body += `<text x="${w / 2}" y="${h - 8}" text-anchor="middle" ${FONT}>${esc(xLabel)} (${fmt(x0)}–${fmt(x1)})</text>`;
  body += `<text x="12" y="${h / 2}" transform="rotate(-90 12 ${h / 2})" text-anchor="middle" ${FONT}>${esc(yLabel)} (${fmt(y0)}–${fmt(y1)})</text>`;
  return svgDoc(w, h, body);
}

function range(v: number[]): [number, number] {
  if (!v.length) return [0, 1];
  let lo = v[0]!;
  let hi = v[0]!;
  for (const x of v) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

function svgDoc(w: number, h: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect width="100%" height="100%" fill="white"/>${body}</svg>\n`;
}
