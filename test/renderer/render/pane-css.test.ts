import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AXIS_CAPTION_RIGHT,
  COLOR_BAR_GUTTER,
  FREQ_AXIS_WIDTH,
  PANE_CSS_VARIABLES,
  PANE_HEADER_HEIGHT,
} from '../../../renderer/src/render/pane-layout';

const CSS = readFileSync(resolve(import.meta.dirname, '../../../renderer/src/styles/app.css'), 'utf8');

/** The declarations of the first rule whose selector is exactly `selector`. */
function rule(selector: string): string {
  const at = CSS.indexOf(`\n${selector} {`);
  if (at < 0) throw new Error(`app.css has no rule ${selector}`);
  return CSS.slice(at, CSS.indexOf('}', at));
}

describe('pane geometry in the stylesheet', () => {
  it('the CSS variables carry the layout constants in px', () => {
    expect(PANE_CSS_VARIABLES).toEqual({
      '--pane-header-height': `${PANE_HEADER_HEIGHT}px`,
      '--freq-axis-width': `${FREQ_AXIS_WIDTH}px`,
      '--color-bar-gutter': `${COLOR_BAR_GUTTER}px`,
      '--axis-caption-right': `${AXIS_CAPTION_RIGHT}px`,
    });
  });

  it('the header, caption and close button read them instead of their own numbers', () => {
    expect(rule('.pane-header')).toMatch(/height: var\(--pane-header-height\)/);
    expect(rule('.pane-header')).toMatch(/padding-left: var\(--freq-axis-width\)/);
    expect(rule('.axis-caption')).toMatch(/width: var\(--axis-caption-right\)/);
    expect(rule('.pane-close')).toMatch(/right: var\(--color-bar-gutter\)/);
  });

  it('fails clearly when the stylesheet uses a variable the pane stack does not set', () => {
    const used = new Set([...CSS.matchAll(/var\((--[a-z-]+)\)/g)].map((match) => match[1]!));
    const defined = new Set([...CSS.matchAll(/(--[a-z-]+):/g)].map((match) => match[1]!));
    const unset = [...used].filter((name) => !defined.has(name) && !(name in PANE_CSS_VARIABLES));
    expect(unset).toEqual([]);
  });
});
