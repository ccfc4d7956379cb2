/** Catching the browser host's export downloads (the file and its JSON sidecar). */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { artifactPath } from './artifacts';

export interface Downloaded {
  name: string;
  bytes: Buffer;
}

async function save(download: Download): Promise<Downloaded> {
  const path = artifactPath(`download-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

/**
 * Runs `trigger` and returns the `count` downloads it caused: each file before its JSON sidecar
 * (`X.png` before `X.png.json`), whichever the browser finished first.
 */
export async function captureDownloads(
  page: Page,
  count: number,
  trigger: () => Promise<unknown>,
): Promise<Downloaded[]> {
  const downloads: Download[] = [];
  const done = new Promise<void>((resolve) => {
    const onDownload = (download: Download) => {
      downloads.push(download);
      if (downloads.length === count) {
        page.off('download', onDownload);
        resolve();
      }
    };
    page.on('download', onDownload);
  });
  await trigger();
  await done;
  const saved = await Promise.all(downloads.map(save));
  const isSidecar = (file: Downloaded) => saved.some((other) => file.name === `${other.name}.json`);
  return [...saved.filter((file) => !isSidecar(file)), ...saved.filter(isSidecar)];
}
