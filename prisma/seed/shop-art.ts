// Flat illustrations for the demo shops, drawn as SVG and rendered to PNG with sharp (the
// seed then hands the PNG to savePhoto, like an upload). Shapes only, no text: nothing
// depends on the fonts installed where the demo runs.
//
//   - productTile(art, palette): a 480×480 rounded tile with one product drawn on it;
//   - shopFront(front): a 960×640 shop front (facade, sign, awning, window display, door).
import sharp from "sharp";

export type TPalette = { bg: string; disc: string };

/** What each product looks like. */
export type TArt =
  | { kind: "apples"; body: string; shade: string; speckle?: string }
  | { kind: "pears" }
  | { kind: "clementines" }
  | { kind: "squash" }
  | { kind: "butternut" }
  | { kind: "leeks" }
  | { kind: "carrots" }
  | { kind: "mushrooms" }
  | { kind: "lettuce" }
  | { kind: "shallots" }
  | { kind: "potatoes" }
  | { kind: "walnuts" }
  | { kind: "parsley" }
  | { kind: "grapes" }
  | { kind: "bottles"; count: 4 | 6 | 24; tint: string; cap: string; label: string; band: string; glass?: boolean; sparkling?: boolean; litres?: number }
  | { kind: "jug" }
  | { kind: "glassBottle" }
  | { kind: "baguettes"; count: 1 | 2; dusted?: boolean }
  | { kind: "boule" }
  | { kind: "cereal" }
  | { kind: "croissant" }
  | { kind: "painChocolat" }
  | { kind: "painRaisins" }
  | { kind: "chausson" }
  | { kind: "briochePraline" }
  | { kind: "tartePraline" }
  | { kind: "bugnes" }
  | { kind: "flan" };

export type TFront = { facade: string; trim: string; accent: string; sign: "apple" | "drop" | "wheat"; display: "produce" | "water" | "bakery" };

const n = (x: number) => Math.round(x * 10) / 10;
const svg = (w: number, h: number, body: string, defs = "") =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><defs>${defs}</defs>${body}</svg>`;

/** Renders an SVG document to PNG. */
export const renderPng = (doc: string) => sharp(Buffer.from(doc)).png({ compressionLevel: 3 }).toBuffer();

// ─── Produce ───────────────────────────────────────────────────────────────

function leaf(x: number, y: number, len: number, angle: number, fill = "#4E8F3A") {
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${angle})"><path d="M0,0 C${n(len * 0.3)},${n(-len * 0.35)} ${n(len * 0.75)},${n(-len * 0.3)} ${n(len)},0 C${n(len * 0.75)},${n(len * 0.3)} ${n(len * 0.3)},${n(len * 0.35)} 0,0 Z" fill="${fill}"/><path d="M0,0 L${n(len * 0.85)},0" stroke="#2F5E24" stroke-width="2" opacity=".5"/></g>`;
}

function apple(x: number, y: number, r: number, body: string, shade: string, speckle?: string) {
  const p = (a: number, b: number) => `${n(a * r)},${n(b * r)}`;
  const dots = speckle
    ? [[-0.4, 0.1], [0.3, 0.35], [0.5, -0.2], [-0.1, 0.55], [-0.55, -0.25], [0.1, -0.1], [0.6, 0.25]].map(([a, b]) => `<circle cx="${n(a! * r)}" cy="${n(b! * r)}" r="${n(r * 0.035)}" fill="${speckle}"/>`).join("")
    : "";
  return `<g transform="translate(${n(x)} ${n(y)})">
<path d="M${p(0, -0.72)} C${p(0.5, -1.05)} ${p(1.05, -0.7)} ${p(0.98, 0)} C${p(0.92, 0.72)} ${p(0.45, 1.02)} ${p(0, 0.86)} C${p(-0.45, 1.02)} ${p(-0.92, 0.72)} ${p(-0.98, 0)} C${p(-1.05, -0.7)} ${p(-0.5, -1.05)} ${p(0, -0.72)} Z" fill="${body}"/>
<path d="M${p(0.98, 0)} C${p(0.92, 0.72)} ${p(0.45, 1.02)} ${p(0, 0.86)} C${p(0.35, 0.7)} ${p(0.75, 0.45)} ${p(0.98, 0)} Z" fill="${shade}" opacity=".55"/>
<ellipse cx="${n(-0.45 * r)}" cy="${n(-0.3 * r)}" rx="${n(0.16 * r)}" ry="${n(0.26 * r)}" fill="#fff" opacity=".35" transform="rotate(20 ${n(-0.45 * r)} ${n(-0.3 * r)})"/>
${dots}
<path d="M0,${n(-0.7 * r)} C${n(0.03 * r)},${n(-0.9 * r)} ${n(0.1 * r)},${n(-1.0 * r)} ${n(0.16 * r)},${n(-1.08 * r)}" stroke="#6B4A2B" stroke-width="${n(r * 0.07)}" fill="none" stroke-linecap="round"/>
${leaf(0.14 * r, -0.95 * r, r * 0.55, -25)}
</g>`;
}

function pear(x: number, y: number, r: number, angle: number) {
  const p = (a: number, b: number) => `${n(a * r)},${n(b * r)}`;
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${angle})">
<path d="M${p(0, -1.25)} C${p(0.35, -1.25)} ${p(0.45, -0.8)} ${p(0.5, -0.45)} C${p(0.6, -0.1)} ${p(1.0, 0.1)} ${p(0.95, 0.55)} C${p(0.9, 1.0)} ${p(0.45, 1.1)} ${p(0, 1.1)} C${p(-0.45, 1.1)} ${p(-0.9, 1.0)} ${p(-0.95, 0.55)} C${p(-1.0, 0.1)} ${p(-0.6, -0.1)} ${p(-0.5, -0.45)} C${p(-0.45, -0.8)} ${p(-0.35, -1.25)} ${p(0, -1.25)} Z" fill="#B9C14E"/>
<path d="M${p(0.95, 0.55)} C${p(0.9, 1.0)} ${p(0.45, 1.1)} ${p(0, 1.1)} C${p(0.5, 0.8)} ${p(0.8, 0.5)} ${p(0.72, 0.0)} C${p(0.9, 0.2)} ${p(0.97, 0.4)} ${p(0.95, 0.55)} Z" fill="#8E9A34" opacity=".6"/>
<ellipse cx="${n(0)}" cy="${n(-0.85 * r)}" rx="${n(0.32 * r)}" ry="${n(0.3 * r)}" fill="#A47A3C" opacity=".45"/>
<ellipse cx="${n(-0.45 * r)}" cy="${n(0.25 * r)}" rx="${n(0.14 * r)}" ry="${n(0.3 * r)}" fill="#fff" opacity=".3"/>
<path d="M0,${n(-1.22 * r)} C${n(0.02 * r)},${n(-1.4 * r)} ${n(0.1 * r)},${n(-1.5 * r)} ${n(0.18 * r)},${n(-1.55 * r)}" stroke="#6B4A2B" stroke-width="${n(r * 0.07)}" fill="none" stroke-linecap="round"/>
</g>`;
}

function clementine(x: number, y: number, r: number, withLeaves: boolean) {
  const dimples = Array.from({ length: 14 }, (_, i) => {
    const a = i * 2.4;
    const d = r * (0.25 + ((i * 37) % 10) / 16);
    return `<circle cx="${n(Math.cos(a) * d)}" cy="${n(Math.sin(a) * d)}" r="${n(r * 0.03)}" fill="#D66F12" opacity=".6"/>`;
  }).join("");
  return `<g transform="translate(${n(x)} ${n(y)})">
<circle r="${r}" fill="#F4962A"/>
<path d="M${n(r)},0 A${r},${r} 0 0 1 ${n(-r * 0.5)},${n(r * 0.866)} A${n(r * 1.1)},${n(r * 1.1)} 0 0 0 ${n(r)},0 Z" fill="#DB7414" opacity=".5"/>
<ellipse cx="${n(-r * 0.38)}" cy="${n(-r * 0.38)}" rx="${n(r * 0.22)}" ry="${n(r * 0.14)}" fill="#fff" opacity=".4" transform="rotate(-40 ${n(-r * 0.38)} ${n(-r * 0.38)})"/>
${dimples}
<circle cx="0" cy="${n(-r * 0.9)}" r="${n(r * 0.08)}" fill="#5B7F2A"/>
${withLeaves ? leaf(0, -r * 0.92, r * 0.9, -35, "#2F7A3A") + leaf(0, -r * 0.92, r * 0.75, -150, "#3E8E45") : ""}
</g>`;
}

function squash(x: number, y: number, r: number) {
  const lobes = [
    { k: -0.72, c: "#D9621F" },
    { k: 0.72, c: "#D9621F" },
    { k: -0.38, c: "#E8742C" },
    { k: 0.38, c: "#E8742C" },
    { k: 0, c: "#F0843A" },
  ]
    .map(({ k, c }) => `<ellipse cx="${n(k * r)}" cy="0" rx="${n(r * (0.62 - Math.abs(k) * 0.2))}" ry="${n(r * (0.9 - Math.abs(k) * 0.12))}" fill="${c}"/>`)
    .join("");
  return `<g transform="translate(${n(x)} ${n(y)})">
${lobes}
<ellipse cx="${n(-r * 0.1)}" cy="${n(-r * 0.4)}" rx="${n(r * 0.14)}" ry="${n(r * 0.3)}" fill="#fff" opacity=".25"/>
<path d="M${n(-r * 0.08)},${n(-r * 0.8)} L${n(-r * 0.04)},${n(-r * 1.15)} Q${n(r * 0.1)},${n(-r * 1.3)} ${n(r * 0.25)},${n(-r * 1.2)} L${n(r * 0.12)},${n(-r * 0.8)} Z" fill="#5E6B2E"/>
</g>`;
}

function butternut(x: number, y: number, r: number, angle: number) {
  const p = (a: number, b: number) => `${n(a * r)},${n(b * r)}`;
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${angle})">
<path d="M${p(-0.3, -1.6)} C${p(-0.35, -0.8)} ${p(-0.9, -0.3)} ${p(-0.9, 0.4)} C${p(-0.9, 1.1)} ${p(-0.4, 1.3)} ${p(0, 1.3)} C${p(0.4, 1.3)} ${p(0.9, 1.1)} ${p(0.9, 0.4)} C${p(0.9, -0.3)} ${p(0.35, -0.8)} ${p(0.3, -1.6)} Q${p(0, -1.75)} ${p(-0.3, -1.6)} Z" fill="#EBB86E"/>
<path d="M${p(0.9, 0.4)} C${p(0.9, 1.1)} ${p(0.4, 1.3)} ${p(0, 1.3)} C${p(0.5, 1.0)} ${p(0.7, 0.6)} ${p(0.6, 0.0)} Z" fill="#C99449" opacity=".6"/>
<ellipse cx="${n(-0.05 * r)}" cy="${n(0.55 * r)}" rx="${n(0.12 * r)}" ry="${n(0.1 * r)}" fill="#B3823D" opacity=".5"/>
<ellipse cx="${n(-0.4 * r)}" cy="${n(0.2 * r)}" rx="${n(0.12 * r)}" ry="${n(0.3 * r)}" fill="#fff" opacity=".3"/>
<rect x="${n(-0.1 * r)}" y="${n(-1.95 * r)}" width="${n(0.2 * r)}" height="${n(0.35 * r)}" rx="4" fill="#7A6A3A"/>
</g>`;
}

function leek(x: number, y: number, len: number, angle: number) {
  const w = len * 0.11;
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${angle})">
<path d="M${n(len * 0.15)},${n(-w / 2)} L${n(len * 0.5)},${n(-w * 1.6)} L${n(len * 0.55)},${n(-w * 0.4)} Z" fill="#3F7F34"/>
<path d="M${n(len * 0.15)},${n(w / 2)} L${n(len * 0.52)},${n(w * 1.5)} L${n(len * 0.56)},${n(w * 0.3)} Z" fill="#4F9140"/>
<path d="M${n(len * 0.1)},0 L${n(len * 0.58)},${n(-w * 0.5)} L${n(len * 0.58)},${n(w * 0.5)} Z" fill="#5FA64A"/>
<rect x="${n(-len * 0.45)}" y="${n(-w / 2)}" width="${n(len * 0.62)}" height="${n(w)}" rx="${n(w / 2)}" fill="url(#leek)"/>
<g stroke="#CDBB93" stroke-width="2.5" stroke-linecap="round">${[-0.4, -0.15, 0.1, 0.35].map((k) => `<path d="M${n(-len * 0.45)},${n(k * w)} l${n(-len * 0.05)},${n(k * w * 0.6)}"/>`).join("")}</g>
</g>`;
}

function carrot(x: number, y: number, len: number, angle: number) {
  const w = len * 0.2;
  const ridges = [0.3, 0.45, 0.6, 0.75].map((k) => `<path d="M${n(len * k)},${n(-w * (1 - k) * 0.5)} q3,${n(w * (1 - k) * 0.35)} 0,${n(w * (1 - k) * 0.5)}" stroke="#C95E12" stroke-width="3" fill="none"/>`).join("");
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${angle})">
${leaf(-len * 0.02, 0, len * 0.45, 200, "#4E9A3C")}${leaf(-len * 0.02, 0, len * 0.5, 170, "#5FAE45")}${leaf(-len * 0.02, 0, len * 0.4, 150, "#3F8A35")}
<path d="M0,${n(-w / 2)} Q${n(len * 0.5)},${n(-w * 0.45)} ${n(len)},0 Q${n(len * 0.5)},${n(w * 0.45)} 0,${n(w / 2)} Q${n(-w * 0.2)},0 0,${n(-w / 2)} Z" fill="#F07E24"/>
${ridges}
</g>`;
}

function mushroom(x: number, y: number, r: number, angle: number) {
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${angle})">
<path d="M${n(-r * 0.32)},${n(-r * 0.1)} L${n(-r * 0.38)},${n(r * 0.75)} Q0,${n(r * 0.9)} ${n(r * 0.38)},${n(r * 0.75)} L${n(r * 0.32)},${n(-r * 0.1)} Z" fill="#EFE6D3"/>
<path d="M${n(-r)},0 C${n(-r)},${n(-r * 0.9)} ${n(r)},${n(-r * 0.9)} ${n(r)},0 Q0,${n(r * 0.3)} ${n(-r)},0 Z" fill="#F3EBDD"/>
<path d="M${n(-r)},0 Q0,${n(r * 0.3)} ${n(r)},0 Q0,${n(r * 0.12)} ${n(-r)},0 Z" fill="#C9B48F"/>
<path d="M${n(r * 0.2)},${n(-r * 0.62)} C${n(r * 0.7)},${n(-r * 0.5)} ${n(r * 0.95)},${n(-r * 0.2)} ${n(r)},0 Q${n(r * 0.6)},${n(r * 0.1)} ${n(r * 0.5)},${n(r * 0.08)} C${n(r * 0.7)},${n(-r * 0.2)} ${n(r * 0.55)},${n(-r * 0.45)} ${n(r * 0.2)},${n(-r * 0.62)} Z" fill="#D8C6A6" opacity=".7"/>
</g>`;
}

function shallot(x: number, y: number, r: number, angle: number) {
  const p = (a: number, b: number) => `${n(a * r)},${n(b * r)}`;
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${angle})">
<path d="M${p(0, -1.5)} C${p(0.2, -0.9)} ${p(0.85, -0.5)} ${p(0.8, 0.25)} C${p(0.75, 0.85)} ${p(0.35, 1)} ${p(0, 1)} C${p(-0.35, 1)} ${p(-0.75, 0.85)} ${p(-0.8, 0.25)} C${p(-0.85, -0.5)} ${p(-0.2, -0.9)} ${p(0, -1.5)} Z" fill="#C8785C"/>
<path d="M${p(0, -1.4)} C${p(0.1, -0.6)} ${p(0.35, 0)} ${p(0.3, 0.95)}" stroke="#A65A42" stroke-width="3" fill="none" opacity=".7"/>
<path d="M${p(0, -1.4)} C${p(-0.1, -0.6)} ${p(-0.4, 0)} ${p(-0.3, 0.95)}" stroke="#A65A42" stroke-width="3" fill="none" opacity=".7"/>
<ellipse cx="${n(-0.35 * r)}" cy="${n(-0.05 * r)}" rx="${n(0.1 * r)}" ry="${n(0.35 * r)}" fill="#fff" opacity=".3"/>
<path d="M${p(0, -1.5)} L${p(0.05, -1.8)}" stroke="#B39A6E" stroke-width="4" stroke-linecap="round"/>
<g stroke="#D9C8A0" stroke-width="2.5" stroke-linecap="round"><path d="M${p(0, 1)} l-6,10"/><path d="M${p(0, 1)} l0,12"/><path d="M${p(0, 1)} l6,10"/></g>
</g>`;
}

function potato(x: number, y: number, rx: number, ry: number, angle: number) {
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${angle})">
<ellipse rx="${rx}" ry="${ry}" fill="#E0C07F"/>
<ellipse cx="${n(rx * 0.2)}" cy="${n(ry * 0.3)}" rx="${n(rx * 0.8)}" ry="${n(ry * 0.6)}" fill="#C9A463" opacity=".45"/>
<ellipse cx="${n(-rx * 0.4)}" cy="${n(-ry * 0.4)}" rx="${n(rx * 0.25)}" ry="${n(ry * 0.18)}" fill="#fff" opacity=".35"/>
${[[-0.3, 0.2], [0.35, -0.3], [0.5, 0.35], [-0.1, -0.5]].map(([a, b]) => `<circle cx="${n(a! * rx)}" cy="${n(b! * ry)}" r="3" fill="#9A7740"/>`).join("")}
</g>`;
}

function walnut(x: number, y: number, r: number, angle: number) {
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${angle})">
<ellipse rx="${r}" ry="${n(r * 0.9)}" fill="#B98C57"/>
<path d="M0,${n(-r * 0.9)} C${n(r * 0.15)},${n(-r * 0.4)} ${n(-r * 0.15)},${n(r * 0.2)} 0,${n(r * 0.9)}" stroke="#8A6236" stroke-width="4" fill="none"/>
<g stroke="#9C7443" stroke-width="3" fill="none" stroke-linecap="round" opacity=".8">
<path d="M${n(-r * 0.6)},${n(-r * 0.4)} q${n(r * 0.2)},${n(r * 0.15)} 0,${n(r * 0.35)}"/><path d="M${n(-r * 0.45)},${n(r * 0.2)} q${n(r * 0.15)},${n(r * 0.15)} ${n(-r * 0.05)},${n(r * 0.35)}"/>
<path d="M${n(r * 0.55)},${n(-r * 0.45)} q${n(-r * 0.2)},${n(r * 0.15)} 0,${n(r * 0.35)}"/><path d="M${n(r * 0.45)},${n(r * 0.15)} q${n(-r * 0.15)},${n(r * 0.2)} ${n(r * 0.05)},${n(r * 0.4)}"/>
</g>
<ellipse cx="${n(-r * 0.35)}" cy="${n(-r * 0.45)}" rx="${n(r * 0.18)}" ry="${n(r * 0.1)}" fill="#fff" opacity=".3"/>
</g>`;
}

function grapes(x: number, y: number, r: number) {
  const rows = [5, 4, 4, 3, 2, 1];
  let berries = "";
  rows.forEach((count, i) => {
    for (let j = 0; j < count; j++) {
      const cx = (j - (count - 1) / 2) * r * 1.7;
      const cy = i * r * 1.45;
      berries += `<circle cx="${n(cx)}" cy="${n(cy)}" r="${r}" fill="${(i + j) % 3 === 0 ? "#5D2F63" : "#6E3C74"}"/><circle cx="${n(cx - r * 0.35)}" cy="${n(cy - r * 0.35)}" r="${n(r * 0.22)}" fill="#fff" opacity=".35"/>`;
    }
  });
  return `<g transform="translate(${n(x)} ${n(y)})"><path d="M0,${n(-r)} C0,${n(-r * 2)} ${n(r * 0.5)},${n(-r * 2.6)} ${n(r)},${n(-r * 2.9)}" stroke="#6B4A2B" stroke-width="6" fill="none" stroke-linecap="round"/>${leaf(r * 0.4, -r * 2.3, r * 3, -20, "#5E8F3A")}${berries}</g>`;
}

function parsley(x: number, y: number, s: number) {
  const stems = [-0.35, -0.15, 0, 0.2, 0.38].map((k, i) => {
    const tx = k * s * 1.1;
    const ty = -s * (0.75 + (i % 2) * 0.15);
    const tufts = [0, 1.3, 2.6, 3.9, 5.2].map((a) => `<circle cx="${n(tx + Math.cos(a) * s * 0.12)}" cy="${n(ty + Math.sin(a) * s * 0.1)}" r="${n(s * 0.11)}" fill="${i % 2 ? "#2F7A35" : "#3C8C3F"}"/>`).join("");
    return `<path d="M${n(k * s * 0.15)},${n(s * 0.6)} Q${n(k * s * 0.4)},0 ${n(tx)},${n(ty)}" stroke="#5E9C45" stroke-width="6" fill="none"/>${tufts}<circle cx="${n(tx - s * 0.04)}" cy="${n(ty - s * 0.05)}" r="${n(s * 0.05)}" fill="#6DB154"/>`;
  });
  return `<g transform="translate(${n(x)} ${n(y)})">${stems.join("")}<rect x="${n(-s * 0.12)}" y="${n(s * 0.25)}" width="${n(s * 0.24)}" height="${n(s * 0.08)}" rx="4" fill="#C2884A"/></g>`;
}

function lettuce(x: number, y: number, r: number) {
  const outer = Array.from({ length: 9 }, (_, i) => {
    const a = (i / 9) * Math.PI * 2;
    return `<circle cx="${n(Math.cos(a) * r * 0.62)}" cy="${n(Math.sin(a) * r * 0.5)}" r="${n(r * 0.48)}" fill="${i % 2 ? "#6DAF3E" : "#5D9F34"}"/>`;
  }).join("");
  const inner = Array.from({ length: 6 }, (_, i) => {
    const a = (i / 6) * Math.PI * 2 + 0.4;
    return `<circle cx="${n(Math.cos(a) * r * 0.3)}" cy="${n(Math.sin(a) * r * 0.25 - r * 0.08)}" r="${n(r * 0.36)}" fill="${i % 2 ? "#9ACD5A" : "#A9D86A"}"/>`;
  }).join("");
  const veins = [-0.5, -0.2, 0.15, 0.45].map((k) => `<path d="M${n(k * r * 0.4)},${n(r * 0.1)} L${n(k * r * 1.3)},${n(r * 0.7)}" stroke="#D6EDB0" stroke-width="4" opacity=".6"/>`).join("");
  return `<g transform="translate(${n(x)} ${n(y)})">${outer}${veins}${inner}<circle cx="0" cy="${n(-r * 0.1)}" r="${n(r * 0.25)}" fill="#CBE79A"/></g>`;
}

// ─── Water ─────────────────────────────────────────────────────────────────

type TBottle = { tint: string; cap: string; label: string; band: string; glass?: boolean; sparkling?: boolean };

/** A bottle standing on (x, y), h tall. */
function bottle(x: number, y: number, h: number, b: TBottle) {
  const w = h * 0.36;
  const hw = w / 2;
  const body = b.glass
    ? `M${n(-hw)},${n(-h * 0.05)} Q${n(-hw)},0 ${n(-hw + h * 0.05)},0 L${n(hw - h * 0.05)},0 Q${n(hw)},0 ${n(hw)},${n(-h * 0.05)} L${n(hw)},${n(-h * 0.58)} C${n(hw)},${n(-h * 0.7)} ${n(w * 0.14)},${n(-h * 0.74)} ${n(w * 0.14)},${n(-h * 0.86)} L${n(w * 0.14)},${n(-h * 0.93)} L${n(-w * 0.14)},${n(-h * 0.93)} L${n(-w * 0.14)},${n(-h * 0.86)} C${n(-w * 0.14)},${n(-h * 0.74)} ${n(-hw)},${n(-h * 0.7)} ${n(-hw)},${n(-h * 0.58)} Z`
    : `M${n(-hw)},${n(-h * 0.06)} Q${n(-hw)},0 ${n(-hw + h * 0.06)},0 L${n(hw - h * 0.06)},0 Q${n(hw)},0 ${n(hw)},${n(-h * 0.06)} L${n(hw)},${n(-h * 0.62)} C${n(hw)},${n(-h * 0.78)} ${n(w * 0.18)},${n(-h * 0.8)} ${n(w * 0.16)},${n(-h * 0.88)} L${n(w * 0.16)},${n(-h * 0.92)} L${n(-w * 0.16)},${n(-h * 0.92)} L${n(-w * 0.16)},${n(-h * 0.88)} C${n(-w * 0.18)},${n(-h * 0.8)} ${n(-hw)},${n(-h * 0.78)} ${n(-hw)},${n(-h * 0.62)} Z`;
  const ridges = b.glass
    ? ""
    : [0.12, 0.2, 0.28].map((k) => `<path d="M${n(-hw)},${n(-h * k)} Q0,${n(-h * k + 5)} ${n(hw)},${n(-h * k)}" stroke="#fff" stroke-width="2" fill="none" opacity=".55"/>`).join("");
  const bubbles = b.sparkling
    ? [[-0.25, 0.15], [0.2, 0.22], [-0.05, 0.3], [0.28, 0.38], [-0.3, 0.6], [0.1, 0.64], [-0.12, 0.7]].map(([a, k], i) => `<circle cx="${n(a! * w)}" cy="${n(-h * k!)}" r="${2 + (i % 3)}" fill="#fff" opacity=".7"/>`).join("")
    : "";
  return `<g transform="translate(${n(x)} ${n(y)})">
<path d="${body}" fill="${b.tint}" stroke="${b.glass ? "#00000022" : "#9CC3DD"}" stroke-width="2"/>
${ridges}${bubbles}
<rect x="${n(-hw)}" y="${n(-h * 0.5)}" width="${n(w)}" height="${n(h * 0.2)}" fill="${b.label}"/>
<rect x="${n(-hw)}" y="${n(-h * 0.43)}" width="${n(w)}" height="${n(h * 0.05)}" fill="${b.band}"/>
<rect x="${n(-hw * 0.7)}" y="${n(-h * 0.6)}" width="${n(w * 0.12)}" height="${n(h * 0.5)}" rx="${n(w * 0.06)}" fill="#fff" opacity=".35"/>
<rect x="${n(-w * 0.19)}" y="${n(-h)}" width="${n(w * 0.38)}" height="${n(h * 0.09)}" rx="3" fill="${b.cap}"/>
<rect x="${n(-w * 0.21)}" y="${n(-h * 0.925)}" width="${n(w * 0.42)}" height="${n(h * 0.02)}" fill="${b.cap}"/>
</g>`;
}

function bottlePack(count: 4 | 6 | 24, b: TBottle) {
  if (count === 24) {
    // A carton of small bottles: three rows seen from the front, the carton open at the top.
    let rows = "";
    for (let r = 0; r < 3; r++) for (let i = 0; i < 6; i++) rows += bottle(118 + i * 49 + r * 8, 255 + r * 26, 120, b);
    return `<rect x="92" y="240" width="300" height="150" rx="8" fill="#D7B98A"/>${rows}<rect x="88" y="300" width="308" height="100" rx="10" fill="#C9A673"/><rect x="88" y="300" width="308" height="14" fill="#B8935F"/><rect x="215" y="330" width="54" height="34" rx="6" fill="#F5EEDD"/><rect x="225" y="341" width="34" height="4" fill="${b.cap}"/><rect x="225" y="350" width="24" height="4" fill="${b.cap}"/>`;
  }
  const cols = count === 6 ? 3 : 2;
  const h = count === 6 ? 220 : 230;
  const step = h * 0.4;
  const x0 = 240 - ((cols - 1) * step) / 2;
  let back = "";
  let front = "";
  for (let i = 0; i < cols; i++) {
    back += bottle(x0 + i * step + step * 0.45, 352, h * 0.97, b);
    front += bottle(x0 + i * step - step * 0.1, 372, h, b);
  }
  const left = x0 - step * 0.1 - h * 0.2;
  const right = x0 + (cols - 1) * step + step * 0.45 + h * 0.2;
  // Shrink film with a carrying handle.
  return `<g opacity=".55">${back}</g>${front}
<rect x="${n(left - 6)}" y="${n(372 - h * 0.3)}" width="${n(right - left + 12)}" height="${n(h * 0.3 + 6)}" rx="14" fill="#fff" opacity=".22"/>
<path d="M${n(240 - step * 0.6)},${n(372 - h * 0.9)} C${n(240 - step * 0.6)},${n(372 - h * 1.2)} ${n(240 + step * 0.8)},${n(372 - h * 1.2)} ${n(240 + step * 0.8)},${n(372 - h * 0.9)}" stroke="#ffffff" stroke-width="16" fill="none" opacity=".8" stroke-linecap="round"/>
<path d="M${n(240 - step * 0.6)},${n(372 - h * 0.9)} C${n(240 - step * 0.6)},${n(372 - h * 1.2)} ${n(240 + step * 0.8)},${n(372 - h * 1.2)} ${n(240 + step * 0.8)},${n(372 - h * 0.9)}" stroke="#9CC3DD" stroke-width="3" fill="none"/>`;
}

function jug() {
  return `<g transform="translate(240 380)">
<path d="M-95,-10 Q-95,0 -85,0 L85,0 Q95,0 95,-10 L95,-200 Q95,-225 70,-232 L30,-240 L30,-262 L-30,-262 L-30,-240 L-70,-232 Q-95,-225 -95,-200 Z" fill="#D6EAF7" stroke="#9CC3DD" stroke-width="3"/>
<path d="M35,-238 L72,-230 Q92,-225 92,-200 L92,-150 L60,-150 L60,-205 L35,-210 Z" fill="#fff" opacity=".55"/>
<rect x="60" y="-205" width="20" height="55" rx="8" fill="#D6EAF7" stroke="#9CC3DD" stroke-width="2"/>
${[-40, -70, -100].map((yy) => `<path d="M-95,${yy} L95,${yy}" stroke="#fff" stroke-width="3" opacity=".6"/>`).join("")}
<rect x="-95" y="-175" width="190" height="60" fill="#2E7CC4"/><rect x="-95" y="-155" width="190" height="10" fill="#8CC2EC"/>
<rect x="-34" y="-284" width="68" height="26" rx="5" fill="#1F5FAD"/>
<rect x="-80" y="-215" width="14" height="190" rx="7" fill="#fff" opacity=".35"/>
</g>`;
}

function glassBottle() {
  return `<g transform="translate(240 385)">
<path d="M-58,-8 Q-58,0 -50,0 L50,0 Q58,0 58,-8 L58,-190 C58,-225 18,-240 16,-262 L16,-300 L-16,-300 L-16,-262 C-18,-240 -58,-225 -58,-190 Z" fill="#CFE3EC" stroke="#8FB3C4" stroke-width="3"/>
<rect x="-58" y="-150" width="116" height="80" fill="#F3EFE4"/><rect x="-58" y="-140" width="116" height="8" fill="#1E4E8C"/><rect x="-58" y="-88" width="116" height="8" fill="#1E4E8C"/>
<circle cx="0" cy="-110" r="12" fill="#C9A227"/>
<rect x="-19" y="-320" width="38" height="24" rx="4" fill="#C9A227"/>
${[[-25, -40], [15, -30], [-5, -175], [25, -200], [-30, -205]].map(([a, b], i) => `<circle cx="${a}" cy="${b}" r="${2 + (i % 2)}" fill="#fff" opacity=".8"/>`).join("")}
<rect x="-45" y="-185" width="10" height="170" rx="5" fill="#fff" opacity=".4"/>
</g>`;
}

// ─── Bakery ────────────────────────────────────────────────────────────────

function baguette(x: number, y: number, len: number, th: number, angle: number, dusted: boolean) {
  const L = len / 2;
  const cuts = [-0.6, -0.3, 0, 0.3, 0.6].map((k) => `<ellipse cx="${n(k * L)}" cy="${n(-th * 0.15)}" rx="${n(L * 0.13)}" ry="${n(th * 0.28)}" fill="#F3D08F" transform="rotate(-22 ${n(k * L)} ${n(-th * 0.15)})"/>`).join("");
  const flour = dusted ? [-0.7, -0.45, -0.1, 0.2, 0.5, 0.75].map((k, i) => `<circle cx="${n(k * L)}" cy="${n(((i % 3) - 1) * th * 0.45)}" r="${n(th * 0.12)}" fill="#fff" opacity=".45"/>`).join("") : "";
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${angle})">
<path d="M${n(-L)},0 Q${n(-L + th * 0.3)},${n(-th)} ${n(-L + th * 1.6)},${n(-th)} L${n(L - th * 1.6)},${n(-th)} Q${n(L - th * 0.3)},${n(-th)} ${n(L)},0 Q${n(L - th * 0.3)},${n(th)} ${n(L - th * 1.6)},${n(th)} L${n(-L + th * 1.6)},${n(th)} Q${n(-L + th * 0.3)},${n(th)} ${n(-L)},0 Z" fill="url(#crust)"/>
${cuts}${flour}
</g>`;
}

function croissant(x: number, y: number, s: number, angle: number) {
  // Five overlapping rolls along an arch, the middle one largest, tips curling down.
  const segs = [
    { a: -78, w: 0.2, h: 0.34 },
    { a: 78, w: 0.2, h: 0.34 },
    { a: -42, w: 0.3, h: 0.5 },
    { a: 42, w: 0.3, h: 0.5 },
    { a: 0, w: 0.36, h: 0.62 },
  ];
  const parts = segs
    .map(({ a, w, h }, i) => {
      const rad = (a * Math.PI) / 180;
      const cx = Math.sin(rad) * s * 0.78;
      const cy = -Math.cos(rad) * s * 0.5 + s * 0.15;
      return `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(s * w)}" ry="${n(s * h)}" fill="${i >= 4 ? "#E6A447" : i >= 2 ? "#DE9A3E" : "#D38A33"}" stroke="#B8702A" stroke-width="${n(Math.max(1.5, s * 0.02))}" transform="rotate(${a} ${n(cx)} ${n(cy)})"/>`;
    })
    .join("");
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${angle})">${parts}<ellipse cx="${n(-s * 0.08)}" cy="${n(-s * 0.45)}" rx="${n(s * 0.1)}" ry="${n(s * 0.2)}" fill="#fff" opacity=".28"/></g>`;
}

function painChocolat(x: number, y: number, w: number, h: number, angle: number) {
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${angle})">
<rect x="${n(-w / 2)}" y="${n(-h / 2)}" width="${w}" height="${h}" rx="${n(h * 0.35)}" fill="#DC953A"/>
<rect x="${n(-w / 2)}" y="${n(-h / 2)}" width="${w}" height="${n(h * 0.5)}" rx="${n(h * 0.3)}" fill="#E8AE55"/>
${[-0.25, 0, 0.25].map((k) => `<path d="M${n(-w * 0.45)},${n(k * h)} L${n(w * 0.45)},${n(k * h)}" stroke="#B8702A" stroke-width="2.5" opacity=".6"/>`).join("")}
<rect x="${n(-w / 2 - 4)}" y="${n(-h * 0.12)}" width="14" height="${n(h * 0.16)}" rx="3" fill="#4E2C1A"/><rect x="${n(-w / 2 - 4)}" y="${n(h * 0.14)}" width="14" height="${n(h * 0.14)}" rx="3" fill="#4E2C1A"/>
<rect x="${n(w / 2 - 10)}" y="${n(-h * 0.12)}" width="14" height="${n(h * 0.16)}" rx="3" fill="#4E2C1A"/><rect x="${n(w / 2 - 10)}" y="${n(h * 0.14)}" width="14" height="${n(h * 0.14)}" rx="3" fill="#4E2C1A"/>
</g>`;
}

function painRaisins(x: number, y: number, r: number) {
  let spiral = "";
  for (let t = 0; t <= 4 * Math.PI; t += 0.25) {
    const rr = (r * 0.12) + (r * 0.85 * t) / (4 * Math.PI);
    spiral += `${t === 0 ? "M" : "L"}${n(Math.cos(t) * rr)},${n(Math.sin(t) * rr * 0.92)} `;
  }
  const raisins = [[0.2, -0.1], [-0.35, 0.25], [0.5, 0.35], [-0.55, -0.4], [0.1, 0.62], [0.62, -0.45], [-0.2, -0.6], [-0.7, 0.2]].map(([a, b]) => `<ellipse cx="${n(a! * r)}" cy="${n(b! * r)}" rx="${n(r * 0.07)}" ry="${n(r * 0.05)}" fill="#5A2E22"/>`).join("");
  return `<g transform="translate(${n(x)} ${n(y)})"><circle r="${n(r * 1.02)}" fill="#E3A64E"/><path d="${spiral}" stroke="#B8702A" stroke-width="${n(r * 0.07)}" fill="none" stroke-linecap="round"/>${raisins}<ellipse cx="${n(-r * 0.4)}" cy="${n(-r * 0.45)}" rx="${n(r * 0.25)}" ry="${n(r * 0.12)}" fill="#fff" opacity=".3" transform="rotate(-35 ${n(-r * 0.4)} ${n(-r * 0.45)})"/></g>`;
}

// ─── Tiles ─────────────────────────────────────────────────────────────────

const DEFS = `
<linearGradient id="crust" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#E6A54D"/><stop offset="1" stop-color="#BF7A2E"/></linearGradient>
<linearGradient id="leek" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#F6F3E6"/><stop offset=".7" stop-color="#E4EFC8"/><stop offset="1" stop-color="#A9CF78"/></linearGradient>
<radialGradient id="boule" cx=".4" cy=".35" r=".75"><stop offset="0" stop-color="#D9A05A"/><stop offset="1" stop-color="#A8672C"/></radialGradient>`;

function drawing(art: TArt): string {
  switch (art.kind) {
    case "apples":
      return apple(165, 245, 78, art.body, art.shade, art.speckle) + apple(318, 240, 74, art.body, art.shade, art.speckle) + apple(240, 300, 88, art.body, art.shade, art.speckle);
    case "pears":
      return pear(180, 270, 78, -10) + pear(300, 280, 82, 8);
    case "clementines":
      return clementine(170, 290, 72, false) + clementine(310, 295, 70, false) + clementine(240, 225, 80, true);
    case "squash":
      return squash(240, 285, 120);
    case "butternut":
      return butternut(240, 265, 80, -25);
    case "leeks":
      return leek(250, 320, 330, -28) + leek(240, 270, 330, -32) + leek(235, 220, 320, -36);
    case "carrots":
      return carrot(175, 185, 250, 30) + carrot(180, 245, 260, 18) + carrot(175, 305, 240, 6);
    case "mushrooms":
      return mushroom(160, 260, 78, -12) + mushroom(320, 255, 72, 14) + mushroom(240, 305, 92, 0);
    case "lettuce":
      return lettuce(240, 265, 165);
    case "shallots":
      return shallot(170, 290, 62, -18) + shallot(310, 290, 60, 16) + shallot(240, 270, 70, 0);
    case "potatoes":
      return potato(170, 300, 80, 56, -15) + potato(315, 305, 72, 52, 20) + potato(240, 240, 84, 58, 5) + potato(245, 330, 60, 42, -5);
    case "walnuts":
      return walnut(160, 300, 58, -20) + walnut(320, 305, 56, 25) + walnut(240, 325, 60, 5) + walnut(200, 225, 56, 10) + walnut(290, 230, 58, -15);
    case "parsley":
      return parsley(240, 275, 200);
    case "grapes":
      return grapes(240, 175, 26);
    case "bottles":
      return bottlePack(art.count, art);
    case "jug":
      return jug();
    case "glassBottle":
      return glassBottle();
    case "baguettes":
      return art.count === 2
        ? baguette(240, 215, 370, 32, -24, !!art.dusted) + baguette(240, 285, 370, 32, -12, !!art.dusted)
        : baguette(240, 250, 380, 30, -28, !!art.dusted);
    case "boule":
      return `<g transform="translate(240 265)"><ellipse rx="150" ry="125" fill="url(#boule)"/><path d="M-85,-55 Q0,-5 85,55 M-85,55 Q0,5 85,-55" stroke="#EBCB8F" stroke-width="16" stroke-linecap="round" fill="none"/>${[[-90, -30], [60, -70], [90, 40], [-40, 80], [20, -90]].map(([a, b]) => `<ellipse cx="${a}" cy="${b}" rx="22" ry="12" fill="#fff" opacity=".35"/>`).join("")}</g>`;
    case "cereal":
      return `<g transform="translate(240 270)"><rect x="-165" y="-95" width="330" height="190" rx="95" fill="#A96E36"/><rect x="-165" y="-95" width="330" height="110" rx="80" fill="#BF8444"/>${Array.from({ length: 34 }, (_, i) => `<ellipse cx="${n(-140 + ((i * 53) % 280))}" cy="${n(-70 + ((i * 29) % 120))}" rx="6" ry="3.5" fill="${["#F1E3B8", "#3A2A1E", "#E2C98A"][i % 3]}" transform="rotate(${(i * 47) % 180} ${n(-140 + ((i * 53) % 280))} ${n(-70 + ((i * 29) % 120))})"/>`).join("")}</g>`;
    case "croissant":
      return croissant(240, 300, 150, 0);
    case "painChocolat":
      return painChocolat(225, 230, 230, 110, -8) + painChocolat(255, 320, 230, 110, 6);
    case "painRaisins":
      return painRaisins(240, 265, 150);
    case "chausson":
      return `<g transform="translate(240 320)"><path d="M-170,0 A170,150 0 0 1 170,0 Q0,30 -170,0 Z" fill="#D8923A"/><path d="M-150,-10 A150,125 0 0 1 150,-10 Q0,10 -150,-10 Z" fill="#E9AE55"/>${[-70, 0, 70].map((dx) => `<path d="M${dx - 25},-30 Q${dx},-110 ${dx + 25},-30" stroke="#B8702A" stroke-width="6" fill="none" stroke-linecap="round"/>`).join("")}<ellipse cx="-60" cy="-95" rx="40" ry="14" fill="#fff" opacity=".3" transform="rotate(-20 -60 -95)"/></g>`;
    case "briochePraline": {
      const chunks = Array.from({ length: 22 }, (_, i) => {
        const a = i * 2.39;
        const d = 20 + ((i * 41) % 115);
        return `<rect x="${n(Math.cos(a) * d - 7)}" y="${n(Math.sin(a) * d * 0.7 - 5)}" width="14" height="10" rx="3" fill="${i % 2 ? "#E2457A" : "#C92F62"}" transform="rotate(${(i * 31) % 90} ${n(Math.cos(a) * d)} ${n(Math.sin(a) * d * 0.7)})"/>`;
      }).join("");
      return `<g transform="translate(240 285)"><ellipse rx="165" ry="110" fill="#B8702A"/><ellipse cy="-20" rx="160" ry="95" fill="#D9953E"/><ellipse cx="-50" cy="-60" rx="55" ry="22" fill="#fff" opacity=".2"/>${chunks}</g>`;
    }
    case "tartePraline": {
      const slices = Array.from({ length: 6 }, (_, i) => {
        const a = (i / 6) * Math.PI * 2;
        return `<path d="M0,0 L${n(Math.cos(a) * 130)},${n(Math.sin(a) * 110)}" stroke="#9E1B3D" stroke-width="4"/>`;
      }).join("");
      return `<g transform="translate(240 265)"><ellipse cy="14" rx="175" ry="140" fill="#B77A35"/><ellipse rx="175" ry="140" fill="#E0AE62"/>${Array.from({ length: 24 }, (_, i) => {
        const a = (i / 24) * Math.PI * 2;
        return `<circle cx="${n(Math.cos(a) * 160)}" cy="${n(Math.sin(a) * 127)}" r="10" fill="#D39A4E"/>`;
      }).join("")}<ellipse rx="140" ry="110" fill="#C8264F"/>${slices}<ellipse cx="-55" cy="-45" rx="50" ry="20" fill="#fff" opacity=".25" transform="rotate(-20 -55 -45)"/></g>`;
    }
    case "bugnes":
      return [
        [170, 220, -20],
        [310, 230, 25],
        [190, 320, 15],
        [305, 320, -15],
        [245, 275, 0],
      ]
        .map(
          ([x, y, a]) =>
            `<g transform="translate(${x} ${y}) rotate(${a})"><path d="M-70,-38 Q0,-50 70,-38 Q82,0 70,38 Q0,50 -70,38 Q-82,0 -70,-38 Z" fill="#E2A24A" stroke="#C07F30" stroke-width="3"/><rect x="-28" y="-7" width="56" height="14" rx="7" fill="#A6642A"/>${[[-48, -22], [-30, 20], [5, -28], [30, 22], [50, -15], [-55, 8], [15, 28]].map(([a2, b2]) => `<circle cx="${a2}" cy="${b2}" r="5" fill="#fff" opacity=".85"/>`).join("")}</g>`,
        )
        .join("");
    case "flan":
      return `<g transform="translate(240 290)"><path d="M-150,60 L-110,-60 L150,-60 L170,60 Z" fill="#F4D46C"/><path d="M-110,-60 L150,-60 L155,-80 L-100,-80 Z" fill="#7A4A22"/><path d="M-160,60 L175,60 L175,80 L-160,80 Z" fill="#D59A4C"/>${[[-40, 0], [40, 20], [90, -20], [-90, 30]].map(([a, b]) => `<circle cx="${a}" cy="${b}" r="4" fill="#D9B24A"/>`).join("")}</g>`;
  }
}

export function productTile(art: TArt, palette: TPalette) {
  return svg(
    480,
    480,
    `<rect width="480" height="480" rx="56" fill="${palette.bg}"/><circle cx="240" cy="240" r="185" fill="${palette.disc}"/><ellipse cx="240" cy="395" rx="150" ry="18" fill="#000" opacity=".08"/>${drawing(art)}`,
    DEFS,
  );
}

// ─── Shop fronts ───────────────────────────────────────────────────────────

function signIcon(kind: TFront["sign"], color: string) {
  switch (kind) {
    case "apple":
      return `<g transform="translate(480 190)"><path d="M0,-18 C14,-30 32,-20 30,0 C28,20 12,28 0,23 C-12,28 -28,20 -30,0 C-32,-20 -14,-30 0,-18 Z" fill="${color}"/><path d="M0,-18 Q2,-28 8,-34" stroke="${color}" stroke-width="4" fill="none"/><path d="M6,-28 C14,-38 26,-36 28,-32 C22,-26 12,-24 6,-28 Z" fill="${color}"/></g>`;
    case "drop":
      return `<g transform="translate(480 190)"><path d="M0,-36 C10,-20 26,-4 26,10 A26,26 0 0 1 -26,10 C-26,-4 -10,-20 0,-36 Z" fill="${color}"/><path d="M-12,8 A14,14 0 0 0 2,22" stroke="#fff" stroke-width="4" fill="none" opacity=".6"/></g>`;
    case "wheat": {
      const grains = [0, 1, 2, 3].map((i) => `<ellipse cx="-8" cy="${-22 + i * 11}" rx="5" ry="9" fill="${color}" transform="rotate(-30 -8 ${-22 + i * 11})"/><ellipse cx="8" cy="${-22 + i * 11}" rx="5" ry="9" fill="${color}" transform="rotate(30 8 ${-22 + i * 11})"/>`).join("");
      return `<g transform="translate(480 190)"><ellipse cx="0" cy="-32" rx="5" ry="9" fill="${color}"/>${grains}<path d="M0,-20 L0,36" stroke="${color}" stroke-width="4"/></g>`;
    }
  }
}

function display(kind: TFront["display"]) {
  switch (kind) {
    case "produce": {
      // Three shelves of crates.
      const fruit = ["#E9C84A", "#F4962A", "#D94A3A", "#6DAF3E", "#B9C14E", "#E8742C"];
      let crates = "";
      for (let row = 0; row < 2; row++)
        for (let c = 0; c < 3; c++) {
          const x = 180 + c * 130;
          const y = 410 + row * 95;
          const f = fruit[(row * 3 + c) % fruit.length]!;
          crates += `${[0, 1, 2, 3].map((i) => `<circle cx="${x + 20 + i * 26}" cy="${y - 8 + (i % 2) * 4}" r="15" fill="${f}"/>`).join("")}<rect x="${x}" y="${y}" width="120" height="40" rx="4" fill="#B98A55"/><path d="M${x},${y + 14} h120 M${x},${y + 27} h120" stroke="#9C7043" stroke-width="3"/>`;
        }
      return crates;
    }
    case "water": {
      let packs = "";
      const caps = ["#E8477A", "#D6262F", "#1F5FAD", "#1E7A4A"];
      for (let row = 0; row < 2; row++)
        for (let c = 0; c < 4; c++) {
          const x = 180 + c * 98;
          const y = 475 + row * 100;
          for (let i = 0; i < 3; i++)
            packs += `<path d="M${x + i * 28},${y} v-52 q0,-12 8,-16 v-10 h8 v10 q8,4 8,16 v52 Z" fill="#D6EAF7" stroke="#9CC3DD" stroke-width="1.5"/><rect x="${x + i * 28 + 7}" y="${y - 82}" width="10" height="7" rx="2" fill="${caps[(row + c) % 4]}"/><rect x="${x + i * 28}" y="${y - 34}" width="24" height="10" fill="${caps[(row + c) % 4]}" opacity=".8"/>`;
        }
      return packs;
    }
    case "bakery": {
      const shelf = (y: number) => `<rect x="165" y="${y}" width="410" height="8" fill="#8A5A32"/>`;
      // Baguettes standing in a basket, loaves beside it; croissants on the shelf below.
      const baguettes = [0, 1, 2, 3, 4].map((i) => `<rect x="${182 + i * 22}" y="${330 + (i % 2) * 10}" width="18" height="110" rx="9" fill="${i % 2 ? "#D38A33" : "#DE9A3E"}" transform="rotate(${(i - 2) * 5} ${191 + i * 22} 440)"/>`).join("");
      const basket = `<path d="M172,400 h126 l-10,44 h-106 Z" fill="#B8894F"/><path d="M176,414 h118 M180,428 h110" stroke="#9A6F3C" stroke-width="3"/>`;
      const loaves = [0, 1, 2].map((i) => `<ellipse cx="${360 + i * 85}" cy="420" rx="38" ry="24" fill="#C98434"/><path d="M${342 + i * 85},412 l36,10 M${342 + i * 85},426 l36,-10" stroke="#EBCB8F" stroke-width="5" stroke-linecap="round"/>`).join("");
      const croissants = [0, 1, 2, 3, 4].map((i) => croissant(205 + i * 82, 530, 44, 0)).join("");
      return `${baguettes}${basket}${shelf(444)}${loaves}${shelf(552)}${croissants}`;
    }
  }
}

export function shopFront(f: TFront) {
  const upperWindows = [110, 330, 550, 770]
    .map((x) => `<rect x="${x - 30}" y="40" width="22" height="110" fill="#5D7B6F"/><rect x="${x + 82}" y="40" width="22" height="110" fill="#5D7B6F"/><rect x="${x - 6}" y="40" width="86" height="110" fill="#C9DCE6"/><path d="M${x + 37},40 v110 M${x - 6},85 h86" stroke="#F4EFE6" stroke-width="5"/><rect x="${x - 12}" y="150" width="98" height="8" fill="#D8CDBB"/>`)
    .join("");
  const awning = Array.from({ length: 12 }, (_, i) => `<path d="M${80 + i * 67},250 h67 l-4,60 q-30,14 -59,0 Z" fill="${i % 2 ? "#F6EFE2" : f.accent}"/>`).join("");
  return svg(
    960,
    640,
    `<rect width="960" height="640" fill="${f.facade}"/>
${upperWindows}
<rect x="0" y="170" width="960" height="12" fill="#00000014"/>
<rect x="60" y="182" width="840" height="458" fill="${f.trim}"/>
<rect x="80" y="150" width="800" height="84" rx="6" fill="${f.trim}"/>
<rect x="92" y="160" width="776" height="64" rx="4" fill="none" stroke="#E9C46A" stroke-width="3"/>
<path d="M200,192 h200 M560,192 h200" stroke="#E9C46A" stroke-width="4" stroke-linecap="round" opacity=".7"/>
${signIcon(f.sign, "#E9C46A")}
${awning}
<rect x="78" y="246" width="808" height="10" fill="#00000022"/>
<rect x="140" y="320" width="460" height="290" fill="#DDEBF0"/>
<rect x="140" y="320" width="460" height="290" fill="url(#glass)"/>
${display(f.display)}
<path d="M160,330 L260,330 L180,420 Z" fill="#fff" opacity=".25"/>
<rect x="140" y="320" width="460" height="290" fill="none" stroke="#00000033" stroke-width="6"/>
<rect x="650" y="320" width="170" height="290" fill="#F2E6D2"/>
<rect x="668" y="338" width="134" height="150" fill="#CFE0E8"/>
<rect x="668" y="500" width="134" height="96" fill="${f.trim}" stroke="#00000022" stroke-width="4"/>
<circle cx="790" cy="470" r="8" fill="#E9C46A"/>
<rect x="0" y="610" width="960" height="30" fill="#B9B4AA"/>
<rect x="0" y="610" width="960" height="6" fill="#8F8A80"/>
<g transform="translate(880 600)"><rect x="-30" y="-60" width="60" height="60" rx="6" fill="#A46A3E"/><circle cx="-12" cy="-78" r="26" fill="#4E8F3A"/><circle cx="14" cy="-86" r="24" fill="#5FA64A"/><circle cx="0" cy="-104" r="22" fill="#3F7F34"/></g>`,
    `<linearGradient id="glass" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff" stop-opacity=".35"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></linearGradient>`,
  );
}
