// Rasterises build/icon.svg with headless Chromium (playwright-core) and writes what packaging
// needs: build/icons/NxN.png (Linux), build/icon.png (1024), build/icon.ico (Windows, PNG entries
// 16–256) and build/icon.icns (macOS, PNG entries 16–1024). The outputs are committed; run this
// after changing the SVG:  node scripts/make-icons.mjs   (CHROMIUM_PATH=… for another Chromium)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const BUILD = resolve(import.meta.dirname, '..', 'build');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types holding PNG data, by pixel size. */
const ICNS_TYPES = {
  16: 'icp4',
  32: 'icp5',
  64: 'icp6',
  128: 'ic07',
  256: 'ic08',
  512: 'ic09',
  1024: 'ic10',
};

/** PNG bytes of the SVG at `size` × `size`, transparent outside the shape. */
async function rasterise(page, svg, size) {
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}"></body></html>`,
  );
  await page.waitForFunction('document.images[0] && document.images[0].complete');
  return page.screenshot({ clip: { x: 0, y: 0, width: size, height: size }, omitBackground: true });
}

/** A Windows .ico whose entries are PNG images (Vista and later). */
export function icoOf(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

/** A macOS .icns of PNG elements. */
export function icnsOf(images) {
  const elements = images.map(({ size, png }) => {
    const head = Buffer.alloc(8);
    head.write(ICNS_TYPES[size], 0, 'ascii');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + elements.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}

async function main() {
  const svg = readFileSync(join(BUILD, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...Object.keys(ICNS_TYPES).map(Number)])].sort(
    (a, b) => a - b,
  );
  const png = new Map();
  for (const size of sizes) png.set(size, await rasterise(page, svg, size));
  await browser.close();
  mkdirSync(join(BUILD, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) writeFileSync(join(BUILD, 'icons', `${size}x${size}.png`), png.get(size));
  writeFileSync(join(BUILD, 'icon.png'), png.get(1024));
  writeFileSync(join(BUILD, 'icon.ico'), icoOf(ICO_SIZES.map((size) => ({ size, png: png.get(size) }))));
  const icnsSizes = Object.keys(ICNS_TYPES).map(Number);
  writeFileSync(join(BUILD, 'icon.icns'), icnsOf(icnsSizes.map((size) => ({ size, png: png.get(size) }))));
  console.log(
    `wrote build/icons/*.png, build/icon.png, build/icon.ico, build/icon.icns (${sizes.join(', ')} px)`,
  );
}

if (process.argv[1] === import.meta.filename) await main();
