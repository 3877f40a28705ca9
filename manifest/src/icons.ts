import { PNG } from 'pngjs';
import { ACCENT_COLOR, RIBBON_ICON_SIZES } from './build-manifest.ts';

/**
 * The app's icons, drawn by the build so that no image is kept in the repository: a register
 * page (a sheet with its lines) in white, on Diarium's colour (the 192×192 colour icon) or on
 * nothing (the 32×32 outline icon, which Teams wants white on transparent).
 */

type Rgba = readonly [number, number, number, number];

/** [x, y, width, height] on a 32×32 grid. Whole numbers, so every pixel is on or off. */
type Rect = readonly [number, number, number, number];

const PAGE: readonly Rect[] = [
  // The sheet's edges.
  [8, 4, 16, 2],
  [8, 26, 16, 2],
  [8, 4, 2, 24],
  [22, 4, 2, 24],
  // Its lines: entries in the register.
  [12, 10, 8, 2],
  [12, 15, 8, 2],
  [12, 20, 5, 2],
];

const WHITE: Rgba = [255, 255, 255, 255];
const TRANSPARENT: Rgba = [0, 0, 0, 0];

function rgba(hex: string): Rgba {
  const value = Number.parseInt(hex.replace(/^#/u, ''), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff, 255];
}

function fill(png: PNG, x0: number, y0: number, width: number, height: number, color: Rgba) {
  // Sizes off the 32-grid (16, 80) land between pixels: each edge goes to the nearest one.
  const [left, top, right, bottom] = [Math.round(x0), Math.round(y0), Math.round(x0 + width), Math.round(y0 + height)];
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      png.data.set(color, (y * png.width + x) * 4);
    }
  }
}

/** A square icon: `background` everywhere, the page in white, its 32-grid scaled to `scale` pixels a cell and centred. */
function draw(size: number, scale: number, background: Rgba): Buffer {
  const png = new PNG({ width: size, height: size });
  fill(png, 0, 0, size, size, background);
  const offset = (size - 32 * scale) / 2;
  for (const [x, y, w, h] of PAGE) fill(png, offset + x * scale, offset + y * scale, w * scale, h * scale, WHITE);
  return PNG.sync.write(png, { colorType: 6 });
}

/** The colour icon, 192×192: the white page on Diarium's colour, inside Teams' safe area. */
export function colorIcon(): Buffer {
  return draw(192, 4, rgba(ACCENT_COLOR));
}

/** The outline icon, 32×32: the page in white on transparent, nothing else. */
export function outlineIcon(): Buffer {
  return draw(32, 1, TRANSPARENT);
}

/** The Outlook add-in's button icons (16, 32 and 80 pixels): the colour icon's look, the size Outlook asks for. */
export function ribbonIcon(size: (typeof RIBBON_ICON_SIZES)[number]): Buffer {
  return draw(size, size / 32, rgba(ACCENT_COLOR));
}

/** The ribbon icons by the file names the manifest gives them, served with the add-in at /addin/. */
export const RIBBON_ICONS: Record<string, () => Buffer> = Object.fromEntries(RIBBON_ICON_SIZES.map((size) => [`icon-${size}.png`, () => ribbonIcon(size)]));
