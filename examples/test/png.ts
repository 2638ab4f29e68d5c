/**
 * Checks on a screenshot: that it is a real PNG of the expected size (signature and IHDR read
 * here), and that it is not blank (its pixels, decoded by the browser, vary).
 */
import type { Browser } from 'playwright-core';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The width and height in a PNG's IHDR chunk; throws when `png` is not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** What the pixels of an image look like: grey-level standard deviation and distinct colours (sampled). */
export interface PixelStats {
  stdDev: number;
  colors: number;
}

/** Decodes `png` in a blank browser page and measures its pixels. */
export async function pixelStats(browser: Browser, png: Buffer): Promise<PixelStats> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      let sum = 0;
      let sq = 0;
      let n = 0;
      const colors = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 7) {
        const grey = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
        sum += grey;
        sq += grey * grey;
        n++;
        colors.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      }
      const mean = sum / n;
      return { stdDev: Math.sqrt(Math.max(0, sq / n - mean * mean)), colors: colors.size };
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}
