import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { colorIcon, outlineIcon, RIBBON_ICONS } from './icons.ts';

function pixels(png: PNG): [number, number, number, number][] {
  const all: [number, number, number, number][] = [];
  for (let i = 0; i < png.data.length; i += 4) all.push([png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!]);
  return all;
}

describe('the icons', () => {
  it('draws the colour icon 192×192, opaque, with a white page on the accent colour', () => {
    const png = PNG.sync.read(colorIcon());
    expect([png.width, png.height]).toEqual([192, 192]);
    const all = pixels(png);
    expect(all.every(([, , , a]) => a === 255)).toBe(true);
    expect(all.some(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
    expect(all[0]).toEqual([0x1b, 0x4f, 0x72, 255]);
  });

  it('draws the outline icon 32×32, every pixel white or transparent', () => {
    const png = PNG.sync.read(outlineIcon());
    expect([png.width, png.height]).toEqual([32, 32]);
    const all = pixels(png);
    const white = all.filter(([r, g, b, a]) => r === 255 && g === 255 && b === 255 && a === 255);
    const transparent = all.filter(([, , , a]) => a === 0);
    expect(white.length + transparent.length).toBe(32 * 32);
    // Something is drawn, and most of it is left empty.
    expect(white.length).toBeGreaterThan(50);
    expect(transparent.length).toBeGreaterThan(white.length);
  });
});

describe("the Outlook add-in's button icons", () => {
  it('are drawn at the sizes the manifest names, 16, 32 and 80 pixels', () => {
    for (const [name, draw] of Object.entries(RIBBON_ICONS)) {
      const png = PNG.sync.read(draw());
      const size = Number(/icon-(\d+)\.png/u.exec(name)![1]);
      expect([png.width, png.height]).toEqual([size, size]);
    }
  });
});
