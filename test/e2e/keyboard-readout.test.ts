/**
 * Keyboard only: a student who does not use a mouse tabs to the panes and reads values with the
 * arrow keys. The readout must show the same numbers as the pipeline computes in Node, and the
 * window's own arrow-key panning must still work when the panes are not focused.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TACOTRON2_MEL } from '../../shared/mel/config';
import { analyzeWav } from '../../shared/pipeline/analyze';
import { processSpectrogram } from '../../shared/pipeline/process';
import { defaultWeights } from '../../shared/weights/load';
import { expectClose } from '../helpers/close';
import { screenshot } from './helpers/artifacts';
import { launchOnSampleWithoutDemo, waitIdle } from './helpers/browser';
import { paneCanvasHash } from './helpers/pixels';
import type { App } from './helpers/browser';

const SAMPLE = resolve(import.meta.dirname, '..', '..', 'renderer', 'public', 'samples', 'sample.wav');

describe('reading values from the keyboard', () => {
  let app: App;
  const readout = () => app.page.locator('.readout');
  const focused = () => app.page.evaluate(() => document.activeElement?.className ?? '');

  beforeAll(async () => {
    app = await launchOnSampleWithoutDemo(inject('baseUrl'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('Tab reaches the panes; the crosshair appears mid-view and the arrows move it by frame and band', async () => {
    const { page } = app;
    for (let i = 0; i < 40 && (await focused()) !== 'pane-stack'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('pane-stack');
    await expect.poll(() => readout().getAttribute('data-frame')).toBe('281');
    expect(await readout().getAttribute('data-band')).toBe('40');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => readout().getAttribute('data-frame')).toBe('292');
    expect(await readout().getAttribute('data-band')).toBe('42');
    await screenshot(page, 'keyboard-readout');

    const { mel } = analyzeWav(new Uint8Array(await readFile(SAMPLE)), 'sample.wav', TACOTRON2_MEL);
    const processed = await processSpectrogram(defaultWeights().stack, mel);
    const index = 42 * mel.nFrames + 292;
    const shown = await Promise.all(
      ['input', 'output', 'residual'].map(async (kind) =>
        Number(await page.locator(`.readout-value[data-kind="${kind}"]`).getAttribute('data-value')),
      ),
    );
    expectClose(shown, [mel.data[index]!, processed.output[index]!, processed.residual[index]!], {
      atol: 1e-5,
      label: 'input, output, residual at frame 292, band 42',
    });
    const card = (await page.locator('.conv-card').textContent()) ?? '';
    expect(card).toContain('x[c, 290 + k]');
  });

  it('End goes to the last frame and scrolls a zoomed view to show it', async () => {
    const { page } = app;
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    await waitIdle(page);
    const before = await paneCanvasHash(page, 'input');
    await page.keyboard.press('End');
    await expect.poll(() => readout().getAttribute('data-frame')).toBe('561');
    await waitIdle(page);
    expect(await paneCanvasHash(page, 'input')).not.toBe(before);
    const left = await page.locator('.pane[data-kind="input"] .crosshair-x').evaluate((line) => {
      const plot = line.parentElement!.getBoundingClientRect();
      return line.getBoundingClientRect().left - plot.left;
    });
    const width = (await page.locator('.pane[data-kind="input"] .pane-hit').boundingBox())!.width;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(width);
    await page.keyboard.press('0');
  });

  it('fails clearly when focus leaves the panes: the crosshair goes, and ← pans again', async () => {
    const { page } = app;
    await page.keyboard.press('+');
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).not.toBe('pane-stack');
    await expect.poll(() => readout().getAttribute('data-frame')).toBeNull();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const before = await paneCanvasHash(page, 'input');
    await page.keyboard.press('ArrowLeft');
    await waitIdle(page);
    expect(await paneCanvasHash(page, 'input')).not.toBe(before);
  });

  it('fails clearly when the panes were focused by a click: → steps the pinned cell, and once it is let go pans the view', async () => {
    const { page } = app;
    const box = (await page.locator('.pane[data-kind="output"] .pane-hit').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5);
    expect(await focused()).toBe('pane-stack');
    // The click pinned the cell in the microscope: → moves it a frame, not the crosshair.
    const pinned = page.locator('section.microscope[data-frame]');
    const pinnedFrame = Number(await pinned.getAttribute('data-frame'));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => pinned.getAttribute('data-frame')).toBe(String(pinnedFrame + 1));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('section.microscope[data-frame]').count()).toBe(0);
    const frame = await readout().getAttribute('data-frame');
    const before = await paneCanvasHash(page, 'input');
    await page.keyboard.press('ArrowRight');
    await waitIdle(page);
    expect(await paneCanvasHash(page, 'input'), 'the view panned').not.toBe(before);
    expect(await readout().getAttribute('data-frame'), 'the crosshair is the mouse’s').not.toBe(
      String(Number(frame) + 1),
    );
    expect(app.errors).toEqual([]);
  });
});
