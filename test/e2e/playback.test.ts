/**
 * Playback and A/B listening in headless Chromium (a real AudioContext, no speakers): the state
 * the transport publishes and the play cursor are checked, not the sound.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { screenshot } from './helpers/artifacts';
import { launchOnSample, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';

const transport = (app: App) => app.page.getByTestId('transport');
const attr = async (app: App, name: string) => (await transport(app).getAttribute(`data-${name}`)) ?? '';
const position = async (app: App) => Number(await attr(app, 'position'));

describe('playback', () => {
  let app: App | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  it('Space plays the WAV from the play position: the cursor moves across every pane, the readout shows the time; Space pauses', async () => {
    app = await launchOnSample(inject('baseUrl'));
    const { page } = app;
    expect(await attr(app, 'playing')).toBe('false');
    await page.keyboard.press('Space');
    await expect.poll(() => attr(app!, 'playing')).toBe('true');
    expect(await attr(app, 'clip')).toMatch(/^wav\//);
    await expect.poll(() => position(app!)).toBeGreaterThan(0.3);
    // One cursor per pane (clean, smoothed, output, residual), all at the same frame.
    const frames = await page
      .locator('.playhead')
      .evaluateAll((lines) => lines.map((l) => l.dataset['frame']));
    expect(frames).toHaveLength(4);
    expect(new Set(frames).size).toBe(1);
    expect(Number(frames[0])).toBeGreaterThan(0);
    expect(await page.getByTestId('readout-playing').textContent()).toMatch(/▶ 0:0\d\.\d\d \/ 0:06\.5\d/);
    await screenshot(page, '20-playing');
    await page.keyboard.press('Space');
    await expect.poll(() => attr(app!, 'playing')).toBe('false');
    const paused = await position(app);
    await page.waitForTimeout(300);
    expect(await position(app)).toBe(paused);
    expect(await page.getByTestId('readout-playing').count()).toBe(0);
    // Home rewinds to the start; End goes to the end.
    await page.keyboard.press('Home');
    await expect.poll(() => position(app!)).toBe(0);
    await page.keyboard.press('End');
    await expect.poll(() => position(app!)).toBeGreaterThan(6.5);
  });

  it('the view follows the play cursor when it leaves the screen', async () => {
    app = await launchOnSample(inject('baseUrl'));
    const { page } = app;
    for (let i = 0; i < 4; i++) await page.keyboard.press('+'); // about 1.3 s shown
    await page.keyboard.press('Space');
    await expect.poll(() => position(app!), { timeout: 30_000 }).toBeGreaterThan(2.5);
    // Still on screen in every pane: the view paged after it.
    expect(await page.locator('.playhead').count()).toBe(4);
    await page.keyboard.press('Space');
  });

  it('S plays only the visible range and Shift+L loops it: the position stays inside the view', async () => {
    app = await launchOnSample(inject('baseUrl'));
    const { page } = app;
    for (let i = 0; i < 5; i++) await page.keyboard.press('+'); // about 0.9 s shown, around the middle
    await page.keyboard.press('s');
    await page.keyboard.press('Shift+L');
    expect(await attr(app, 'visible-only')).toBe('true');
    expect(await attr(app, 'loop')).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(() => attr(app!, 'playing')).toBe('true');
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) {
      seen.push(await position(app));
      await page.waitForTimeout(200);
    }
    expect(Math.max(...seen) - Math.min(...seen)).toBeLessThan(1.0);
    expect(Math.min(...seen)).toBeGreaterThan(1.5); // inside the view, not from the start
    // It wrapped around: a later position is earlier than one before it.
    expect(seen.some((p, i) => i > 0 && p < seen[i - 1]!)).toBe(true);
    expect(await attr(app, 'playing')).toBe('true');
    await page.keyboard.press('Space');
  });

  it('A/B: switching to the output through Griffin-Lim while playing keeps playing at the same place; back to the WAV at once', async () => {
    app = await launchOnSample(inject('baseUrl'));
    const { page } = app;
    await page.getByTestId('gl-iterations').fill('32');
    await page.getByTestId('gl-iterations').blur(); // the keys go to the window again, not the field
    await page.keyboard.press('Shift+L'); // looping: the WAV plays on however long Griffin-Lim takes
    await page.keyboard.press('Space');
    await expect.poll(() => attr(app!, 'playing')).toBe('true');
    await page.getByTestId('hear-output').click();
    expect(await attr(app, 'source')).toBe('output');
    // The Griffin-Lim job shows in the status bar with its progress and Cancel.
    await expect.poll(() => attr(app!, 'clip'), { timeout: 60_000 }).toMatch(/^gl\/.*\/output\/.*\/32$/);
    expect(await attr(app, 'playing')).toBe('true');
    const atSwitch = await position(app);
    await expect.poll(() => position(app!)).toBeGreaterThan(atSwitch);
    await page.keyboard.press('1');
    await expect.poll(() => attr(app!, 'clip')).toMatch(/^wav\//);
    expect(await attr(app, 'source')).toBe('wav');
    expect(await attr(app, 'playing')).toBe('true');
    // The smoothed mel (the post-net's input), through Griffin-Lim, is key 3 in the demo.
    await page.keyboard.press('3');
    await expect.poll(() => attr(app!, 'clip'), { timeout: 60_000 }).toMatch(/^gl\/.*\/input\/32$/);
    expect(await attr(app, 'source')).toBe('input');
    await page.keyboard.press('Space');
    await waitIdle(page);
    await screenshot(page, '21-ab-listening');
  });

  it('Cancel stops a Griffin-Lim job; the source stays playable', async () => {
    app = await launchOnSample(inject('baseUrl'));
    const { page } = app;
    await page.getByTestId('gl-iterations').fill('100');
    await page.getByTestId('hear-clean').click();
    const job = page.getByTestId('job');
    await job.waitFor({ timeout: 30_000 });
    expect(await job.textContent()).toMatch(/Griffin-Lim/);
    await job.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => job.count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator('.status-bar').textContent()).toContain('cancelled');
    expect(await attr(app, 'clip')).toBe('');
    await page.keyboard.press('Space');
    await expect.poll(() => attr(app!, 'clip'), { timeout: 60_000 }).toMatch(/^gl\/.*\/input\/100$/);
    await expect.poll(() => attr(app!, 'playing')).toBe('true');
    await page.keyboard.press('Space');
  });
});
