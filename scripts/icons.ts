// `node --import tsx scripts/icons.ts`: renders public/icon.svg into the PNG icons the web
// app manifest and phones ask for (run again after changing the SVG; the PNGs are committed).
import sharp from "sharp";

const svg = "public/icon.svg";
const sizes: [string, number, number][] = [
  ["public/icon-192.png", 192, 0],
  ["public/icon-512.png", 512, 0],
  ["public/apple-touch-icon.png", 180, 0],
  // Maskable: the launcher may crop to a circle, so the mark keeps a 10 % safe margin.
  ["public/icon-maskable-512.png", 512, 52],
  ["public/favicon-32.png", 32, 0],
];
for (const [file, size, pad] of sizes) {
  const inner = await sharp(svg, { density: 300 }).resize(size - 2 * pad, size - 2 * pad).png().toBuffer();
  await sharp({ create: { width: size, height: size, channels: 4, background: pad ? "#0f766e" : { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: inner, left: pad, top: pad }])
    .png()
    .toFile(file);
  console.log(file);
}
