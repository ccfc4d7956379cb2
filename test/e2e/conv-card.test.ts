/**
 * The Conv1d card at the size the app is designed for (1280×800): with a layer selected and the
 * cursor on a pane, the card's heading and its filled-in formula must be on screen without
 * scrolling the side panel (its facts and diagram follow below), and selecting layers or moving
 * the cursor must not move the card or what is in it (no layout jumps).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { screenshot } from './helpers/artifacts';
import { launchOnSampleWithoutDemo, waitIdle } from './helpers/browser';
import type { App } from './helpers/browser';

async function hoverPane(page: Page, kind: string, fx: number, fy: number): Promise<void> {
  const box = (await page.locator(`.pane[data-kind="${kind}"] .pane-hit`).boundingBox())!;
  await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
  await expect.poll(() => page.locator('.conv-at-cursor').count()).toBe(1);
}

/** Where an element is on screen, and whether all of it is visible in the window and its scroll box. */
async function placement(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    if (!element) throw new Error(`no ${selector}`);
    const box = element.getBoundingClientRect();
    const panel = document.querySelector('.weights-panel')!.getBoundingClientRect();
    return {
      top: Math.round(box.top),
      bottom: Math.round(box.bottom),
      inWindow: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
      inPanel: box.top >= panel.top && box.bottom <= panel.bottom,
      panelScrollTop: document.querySelector('.weights-panel')!.scrollTop,
    };
  }, selector);
}

describe('the Conv1d card at 1280×800', () => {
  let app: App;

  beforeAll(async () => {
    app = await launchOnSampleWithoutDemo(inject('baseUrl'), { viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('with a layer selected, the filled-in formula is on screen without scrolling the side panel', async () => {
    const { page } = app;
    await page.locator('button.layer[data-layer="1"]').click();
    await waitIdle(page);
    await hoverPane(page, 'layer', 0.4, 0.3);
    const formula = await placement(page, '.conv-at-cursor');
    await screenshot(page, 'conv-card-1280x800');
    expect(formula.panelScrollTop).toBe(0);
    expect(formula, 'the filled-in formula is below the fold').toMatchObject({
      inWindow: true,
      inPanel: true,
    });
    const heading = await placement(page, '.conv-repr');
    expect(heading, 'the card’s Conv1d(…) heading').toMatchObject({ inWindow: true, inPanel: true });
    expect(await page.locator('.conv-at-cursor').textContent()).toMatch(/^out\[\d+, \d+\] = bias\[\d+\] \+ /);
  });

  it('fails clearly if anything in the card moves: other layers, other panes, hovering or not', async () => {
    const { page } = app;
    const tops = async () => ({
      card: (await placement(page, '.conv-card')).top,
      facts: (await placement(page, '.conv-facts')).top,
      diagram: (await placement(page, '.conv-diagram')).top,
    });
    const before = await tops(); // hovering the conv 1 pane: formula, window and value
    await page.mouse.move(5, 5); // off the panes: the generic formula and the hint
    await expect.poll(() => page.locator('.conv-at-cursor').count()).toBe(0);
    expect(await tops(), 'off the panes').toEqual(before);
    await hoverPane(page, 'input', 0.5, 0.5); // no value line: the layer pane is not under the cursor
    expect(await tops(), 'on the input pane').toEqual(before);
    for (const layer of [0, 4]) {
      await page.locator(`button.layer[data-layer="${layer}"]`).click();
      await waitIdle(page);
      await hoverPane(page, 'layer', 0.4, 0.3);
      expect(await tops(), `conv ${layer}`).toEqual(before);
    }
    await screenshot(page, 'conv-card-1280x800-conv4');
    expect(app.errors).toEqual([]);
  });
});
