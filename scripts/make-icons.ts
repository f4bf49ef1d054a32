/**
 * Draws the Teams app icons with nothing but node:zlib (via src/teams-app/png.ts):
 *   appPackage/color.png    192×192, white page with a deep-blue pilcrow (¶) on deep blue #1F4E79
 *   appPackage/outline.png   32×32, white pilcrow on a transparent background
 * Run: npx tsx scripts/make-icons.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodePng, type Rgba } from '../src/teams-app/png';

type Shape = (x: number, y: number) => boolean;
type Color = readonly [r: number, g: number, b: number, a: number];

const DEEP_BLUE: Color = [0x1f, 0x4e, 0x79, 255];
const WHITE: Color = [255, 255, 255, 255];
const FOLD: Color = [0xbd, 0xd7, 0xee, 255];

const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1;
const disk = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const union = (...s: Shape[]): Shape => (x, y) => s.some((f) => f(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);
/** Points on the left of the directed line p→q (y down), i.e. inside a clockwise polygon's edge. */
const halfPlane = (px: number, py: number, qx: number, qy: number): Shape => (x, y) => (qx - px) * (y - py) - (qy - py) * (x - px) >= 0;
const triangle = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape => {
  const e = [halfPlane(ax, ay, bx, by), halfPlane(bx, by, cx, cy), halfPlane(cx, cy, ax, ay)];
  return (x, y) => e.every((f) => f(x, y));
};

/**
 * A pilcrow (¶) with its top-left at (x, y): a round bowl of radius r, two stems of width `stem` and
 * height h with `gap` between them, and a top bar. Integer sizes keep the small icon on the pixel grid.
 */
function pilcrow(x: number, y: number, p: { h: number; r: number; stem: number; gap: number }): Shape {
  const leftStem = x + 2 * p.r;
  const rightStem = leftStem + p.stem + p.gap;
  return union(
    disk(x + p.r, y + p.r, p.r),
    rect(x + p.r, y, leftStem, y + 2 * p.r),
    rect(leftStem, y, leftStem + p.stem, y + p.h),
    rect(rightStem, y, rightStem + p.stem, y + p.h),
    rect(x + p.r, y, rightStem + p.stem, y + p.stem),
  );
}

const pilcrowWidth = (p: { r: number; stem: number; gap: number }): number => 2 * p.r + 2 * p.stem + p.gap;

function canvas(size: number, background?: Color): Rgba {
  const data = new Uint8Array(size * size * 4);
  if (background) for (let i = 0; i < data.length; i += 4) data.set(background, i);
  return { width: size, height: size, data };
}

/** Paints `shape` in `color` over the image, 4×4 supersampled for smooth edges. */
function paint(img: Rgba, shape: Shape, color: Color, samples = 4): void {
  for (let py = 0; py < img.height; py++) {
    for (let px = 0; px < img.width; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) if (shape(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples)) hits++;
      }
      if (hits === 0) continue;
      const a = (hits / (samples * samples)) * (color[3] / 255);
      const i = (py * img.width + px) * 4;
      const da = img.data[i + 3]! / 255;
      const outA = a + da * (1 - a);
      for (let c = 0; c < 3; c++) {
        img.data[i + c] = Math.round((color[c]! * a + img.data[i + c]! * da * (1 - a)) / outA);
      }
      img.data[i + 3] = Math.round(outA * 255);
    }
  }
}

export function colorIcon(): Rgba {
  const img = canvas(192, DEEP_BLUE);
  // A page 88×116 with its top-right corner folded over.
  const [x0, y0, x1, y1, fold] = [52, 38, 140, 154, 26];
  const cut = halfPlane(x1 - fold, y0, x1, y0 + fold); // right of the fold line is cut away
  const page = minus(rect(x0, y0, x1, y1), (x, y) => !cut(x, y) && x > x1 - fold && y < y0 + fold);
  paint(img, page, WHITE);
  paint(img, triangle(x1 - fold, y0, x1, y0 + fold, x1 - fold, y0 + fold), FOLD);
  const glyph = { h: 62, r: 16, stem: 9, gap: 8 };
  paint(img, pilcrow(Math.round(96 - pilcrowWidth(glyph) / 2), 68, glyph), DEEP_BLUE);
  return img;
}

export function outlineIcon(): Rgba {
  const img = canvas(32); // fully transparent
  const glyph = { h: 24, r: 6, stem: 3, gap: 3 };
  paint(img, pilcrow(6, 4, glyph), WHITE);
  return img;
}

function main(): void {
  const dir = path.resolve(__dirname, '..', 'appPackage');
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, img] of [['color.png', colorIcon()], ['outline.png', outlineIcon()]] as const) {
    const png = encodePng(img);
    fs.writeFileSync(path.join(dir, file), png);
    console.log(`wrote ${path.relative(process.cwd(), path.join(dir, file))} (${img.width}×${img.height}, ${png.length} bytes)`);
  }
}

if (require.main === module) main();
