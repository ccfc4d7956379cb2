/**
 * Sonic Visualiser's viewer habits in the window: the overview strip (click, drag, keys), the
 * frequency zoom on a mel pane's band axis, the decimation choice, and a click on a pane moving
 * the play position.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './helpers/artifacts';
import { dropFiles, launchOnSample, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';
import { encodeWavPcm16, testSignal } from './helpers/wav';

async function shownRange(page: Page): Promise<{ first: number; count: number }> {
  const box = page.getByTestId('overview-box');
  return {
    first: Number(await box.getAttribute('data-first')),
    count: Number(await box.getAttribute('data-count')),
  };
}

async function bandWindow(page: Page, kind = 'input'): Promise<{ first: number; count: number }> {
  const axis = page.locator(`.pane[data-kind="${kind}"] [data-testid="band-axis"]`);
  return {
    first: Number(await axis.getAttribute('data-first')),
    count: Number(await axis.getAttribute('data-count')),
  };
}

async function rect(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return box;
}

/** Mean luminance (0…255) of a pane's plot canvas. */
async function meanLuminance(page: Page, kind: string): Promise<number> {
  return page.evaluate((kind) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`canvas.pane-plot[data-kind="${kind}"]`);
    const context = canvas?.getContext('2d');
    if (!canvas || !context) throw new Error(`no plot canvas for ${kind}`);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    for (let i = 0; i < data.length; i += 4)
      sum += 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
    return sum / (data.length / 4);
  }, kind);
}

const nextFrame = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Runs in the page before the app: notes whether "nothing open" or the empty state ever showed. */
function watchForNothingOpen() {
  const seen = { nothingOpen: false, emptyState: false, opening: false };
  (window as unknown as { __seen: typeof seen }).__seen = seen;
  new MutationObserver(() => {
    const body = document.body;
    if (!body) return;
    if (body.textContent?.includes('nothing open')) seen.nothingOpen = true;
    if (body.textContent?.includes('opening the bundled sample')) seen.opening = true;
    if (body.querySelector('[data-testid="empty-state"]')) seen.emptyState = true;
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

describe('viewer habits', () => {
  let app: App | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  it('on first run nothing says "nothing open" before the sample is drawn; the hint says WAVs and weights drop anywhere', async () => {
    app = await launchOnSample(inject('baseUrl'), {
      beforeLoad: (page) => page.addInitScript(watchForNothingOpen),
    });
    const { page } = app;
    const seen = await page.evaluate(() => (window as unknown as { __seen: unknown }).__seen);
    // The watcher saw the panes while the sample opened (so it was looking), never "nothing open".
    expect(seen).toEqual({ nothingOpen: false, emptyState: false, opening: true });
    expect(await page.locator('.readout-hint').textContent()).toContain('drop WAVs or weights anywhere');
  });

  it('the overview strip shows the visible range; a click centres the view there, a drag moves it, the keys move it', async () => {
    app = await launchOnSample(inject('baseUrl'), { viewport: { width: 1440, height: 900 } });
    const { page } = app;
    const all = await shownRange(page);
    expect(all.first).toBe(0);
    const strip = await rect(page, '[data-testid="overview"]');
    const fitBox = await rect(page, '[data-testid="overview-box"]');
    expect(fitBox.width).toBeGreaterThan(strip.width - 3);
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    const zoomed = await shownRange(page);
    expect(zoomed.count).toBeLessThan(all.count / 4);
    // A click at 80 % of the strip centres the view on 80 % of the file.
    await page.mouse.click(strip.x + strip.width * 0.8, strip.y + strip.height / 2);
    const clicked = await shownRange(page);
    expect(clicked.count).toBeCloseTo(zoomed.count, 1);
    expect(clicked.first + clicked.count / 2).toBeCloseTo(all.count * 0.8, -1);
    const box = await rect(page, '[data-testid="overview-box"]');
    expect(box.x + box.width / 2).toBeCloseTo(strip.x + strip.width * 0.8, -1);
    await screenshot(page, '30-overview-zoomed');
    // Grabbing the box and dragging it 200 px left moves the view by 200 px of the strip.
    const grabX = box.x + box.width / 2;
    await page.mouse.move(grabX, strip.y + strip.height / 2);
    await page.mouse.down();
    await page.mouse.move(grabX - 100, strip.y + strip.height / 2, { steps: 4 });
    await page.mouse.move(grabX - 200, strip.y + strip.height / 2, { steps: 4 });
    await page.mouse.up();
    const dragged = await shownRange(page);
    expect(dragged.first - clicked.first).toBeCloseTo((-200 / strip.width) * all.count, -1);
    // From the keyboard: the strip is a tab stop; Home and End go to the ends, → steps.
    await page.getByTestId('overview').focus();
    await page.keyboard.press('Home');
    expect((await shownRange(page)).first).toBe(0);
    await page.keyboard.press('ArrowRight');
    expect((await shownRange(page)).first).toBeCloseTo(zoomed.count / 8, 1);
    await page.keyboard.press('End');
    const end = await shownRange(page);
    expect(end.first + end.count).toBeCloseTo(all.count, 1);
    // The strip's End moved the view, not the play position.
    expect(Number(await page.getByTestId('transport').getAttribute('data-position'))).toBe(0);
  });

  it('the wheel over a mel pane’s band axis zooms the bands of every mel pane; the labels and readout follow; Alt+0 shows all', async () => {
    app = await launchOnSample(inject('baseUrl'), { viewport: { width: 1440, height: 900 } });
    const { page } = app;
    expect(await bandWindow(page)).toEqual({ first: 0, count: 80 });
    const axis = await rect(page, '.pane[data-kind="input"] [data-testid="band-axis"]');
    await page.mouse.move(axis.x + axis.width / 2, axis.y + axis.height / 2);
    await page.mouse.wheel(0, -400);
    const zoomed = await bandWindow(page);
    expect(zoomed.count).toBeLessThan(60);
    expect(zoomed.first).toBeGreaterThan(0);
    // Every mel pane shows the same bands; the readout names the band under the cursor from them.
    expect(await bandWindow(page, 'output')).toEqual(zoomed);
    const plot = await rect(page, '.pane[data-kind="input"] .pane-hit');
    await page.mouse.move(plot.x + plot.width / 2, plot.y + 1);
    expect(Number(await page.locator('.readout').getAttribute('data-band'))).toBe(
      zoomed.first + zoomed.count - 1,
    );
    await page.mouse.move(plot.x + plot.width / 2, plot.y + plot.height - 1);
    expect(Number(await page.locator('.readout').getAttribute('data-band'))).toBe(zoomed.first);
    await nextFrame(page);
    await screenshot(page, '31-band-zoom');
    // Keys: Alt+↑ zooms further, Alt+↓ back out, Alt+0 shows every band.
    await page.keyboard.press('Alt+ArrowUp');
    expect((await bandWindow(page)).count).toBeLessThan(zoomed.count);
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Alt+ArrowDown');
    expect((await bandWindow(page)).count).toBeGreaterThan(zoomed.count);
    await page.keyboard.press('Alt+0');
    expect(await bandWindow(page)).toEqual({ first: 0, count: 80 });
    // Double-click on the axis resets too.
    await page.mouse.move(axis.x + axis.width / 2, axis.y + axis.height / 2);
    await page.mouse.wheel(0, -400);
    expect((await bandWindow(page)).count).toBeLessThan(80);
    await page.mouse.dblclick(axis.x + axis.width / 2, axis.y + axis.height / 2);
    expect(await bandWindow(page)).toEqual({ first: 0, count: 80 });
    expect(app.errors).toEqual([]);
  });

  it('the columns choice decides what a pixel of many frames shows: max is brighter than the mean, min darker', async () => {
    app = await launchOnSample(inject('baseUrl'));
    const { page } = app;
    await page.getByTestId('demo-toggle').uncheck();
    await waitIdle(page);
    // 30 s: about 2,600 frames, several per pixel at fit.
    await dropFiles(page, [{ name: 'long.wav', bytes: encodeWavPcm16(testSignal(30), 22050) }]);
    await expect
      .poll(() => page.locator('.pane[data-kind="input"] .pane-title').textContent())
      .toContain('long.wav');
    await waitIdle(page);
    const decimation = page.getByLabel('Decimation');
    expect(await decimation.inputValue()).toBe('mean');
    const mean = await meanLuminance(page, 'input');
    await decimation.selectOption('max');
    await nextFrame(page);
    const max = await meanLuminance(page, 'input');
    await decimation.selectOption('min');
    await nextFrame(page);
    const min = await meanLuminance(page, 'input');
    expect(max).toBeGreaterThan(mean + 2);
    expect(min).toBeLessThan(mean - 2);
    await decimation.selectOption('mean');
    await nextFrame(page);
    expect(await meanLuminance(page, 'input')).toBeCloseTo(mean, 5);
  });

  it('a click on a pane (no drag) moves the play position there; a drag pans and leaves it', async () => {
    app = await launchOnSample(inject('baseUrl'), { viewport: { width: 1440, height: 900 } });
    const { page } = app;
    const position = async () => Number(await page.getByTestId('transport').getAttribute('data-position'));
    expect(await position()).toBe(0);
    const plot = await rect(page, '.pane[data-kind="output"] .pane-hit');
    const { count } = await shownRange(page);
    await page.mouse.click(plot.x + plot.width * 0.5, plot.y + plot.height / 2);
    await expect.poll(position).toBeGreaterThan(0);
    // At fit the middle of the plot is the middle frame; the line (one per pane) is drawn there.
    const line = Number(await page.locator('.pane[data-kind="output"] .playhead').getAttribute('data-frame'));
    expect(Math.abs(line - count * 0.5)).toBeLessThan(2);
    // Every pane's line is at that frame (the microscope may add a pane for the pinned cell).
    const lines = await page.locator('.playhead').evaluateAll((all) => all.map((l) => l.dataset['frame']));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(new Set(lines).size).toBe(1);
    // 22,050 Hz, hop 256: the time is the frame's, within a frame.
    expect(Math.abs((await position()) - (count * 0.5 * 256) / 22050)).toBeLessThan(0.02);
    // Zoomed in, a drag pans the view and leaves the play position where it was.
    for (let i = 0; i < 3; i++) await page.keyboard.press('+');
    const before = await position();
    const startBefore = (await shownRange(page)).first;
    await page.mouse.move(plot.x + plot.width * 0.6, plot.y + 20);
    await page.mouse.down();
    await page.mouse.move(plot.x + plot.width * 0.4, plot.y + 20, { steps: 5 });
    await page.mouse.up();
    expect((await shownRange(page)).first).toBeGreaterThan(startBefore);
    expect(await position()).toBe(before);
    expect(app.errors).toEqual([]);
  });
});
