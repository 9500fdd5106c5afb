import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { MANIFEST_DIR } from '../src/paths.js';

/**
 * Draws the app icons Teams requires: color.png (192×192, full color) and outline.png (32×32,
 * white on transparent). The glyph is a person in front of a shield: an admin guarding the
 * account. Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed.
 */
type Shape = (x: number, y: number) => boolean;

const ACCENT = [0x1f, 0x4e, 0x8c];

/** A person (head and shoulders) beside a shield, in a unit square [0,1]². */
const glyph: Shape = (x, y) => {
  const head = (x - 0.38) ** 2 + (y - 0.33) ** 2 < 0.125 ** 2;
  const shoulders = y > 0.5 && y < 0.8 && (x - 0.38) ** 2 / 0.24 ** 2 + (y - 0.8) ** 2 / 0.3 ** 2 < 1;
  const shieldTop = 0.42;
  const shieldInside =
    x > 0.56 && x < 0.86 && y > shieldTop && y < 0.84 && (y < 0.64 || Math.abs(x - 0.71) < (0.84 - y) * 0.75);
  const shieldBorder =
    x > 0.53 && x < 0.89 && y > shieldTop - 0.03 && y < 0.88 && (y < 0.64 || Math.abs(x - 0.71) < (0.88 - y) * 0.75);
  const shieldRing = shieldBorder && !shieldInside;
  return (
    head ||
    (shoulders && !shieldBorder) ||
    shieldRing ||
    (shieldInside && Math.abs(x - 0.71) < 0.03 && y > 0.5 && y < 0.74)
  );
};

function draw(size: number, background: number[] | null, file: string): void {
  const png = new PNG({ width: size, height: size });
  const samples = 4; // supersampling for smooth edges
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          if (glyph((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits += 1;
        }
      }
      const coverage = hits / (samples * samples);
      const index = (py * size + px) * 4;
      if (background) {
        for (let channel = 0; channel < 3; channel += 1) {
          png.data[index + channel] = Math.round(background[channel]! * (1 - coverage) + 255 * coverage);
        }
        png.data[index + 3] = 255;
      } else {
        png.data[index] = png.data[index + 1] = png.data[index + 2] = 255;
        png.data[index + 3] = Math.round(255 * coverage);
      }
    }
  }
  writeFileSync(path.join(MANIFEST_DIR, file), PNG.sync.write(png));
}

draw(192, ACCENT, 'color.png');
draw(32, null, 'outline.png');
