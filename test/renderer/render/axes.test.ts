import { describe, expect, it } from 'vitest';
import { TACOTRON2_MEL } from '../../../shared/mel/config';
import {
  bandTicks,
  channelTicks,
  colorBarTicks,
  shortHz,
  timeTicks,
} from '../../../renderer/src/render/axes';
import { bandCentresHz, frameClock } from '../../../renderer/src/render/mel-axis';
import { paneLayout, rowAtFraction, yAtRow } from '../../../renderer/src/render/pane-layout';

describe('axes', () => {
  it('time ticks sit where their seconds are under the view', () => {
    const clock = frameClock(TACOTRON2_MEL);
    const view = { startFrame: 0, framesPerPixel: 562 / 800 };
    const ticks = timeTicks(view, 800, clock);
    expect(ticks.map((t) => t.label)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    const one = ticks[1]!;
    // 1 s is at frame coordinate 1 / (256 / 22050) + 0.5 (frame t's centre is t + 0.5).
    expect(one.position).toBeCloseTo((22050 / 256 + 0.5) / (562 / 800), 6);
  });

  it('band ticks label index and centre Hz, bottom band at the bottom', () => {
    const ticks = bandTicks(bandCentresHz(TACOTRON2_MEL), 200);
    expect(ticks[0]!.label).toBe('0  37');
    expect(ticks[0]!.position).toBeCloseTo(200 - 1.25, 9);
    expect(ticks[1]!.label).toBe('10  410');
    expect(shortHz(5423)).toBe('5.4k');
  });

  it('colour bar ticks run from hi at the top to lo at the bottom, with a real minus sign', () => {
    const ticks = colorBarTicks({ lo: -11.5, hi: 2 }, 270);
    expect(ticks[0]!.label).toBe('−10');
    expect(ticks.at(-1)!.label).toBe('2');
    expect(ticks.at(-1)!.position).toBeCloseTo(0, 9);
  });

  it('the row at a height and the height of a row agree', () => {
    for (let band = 0; band < 80; band++) expect(rowAtFraction(yAtRow(band, 190, 80) / 190, 80)).toBe(band);
  });

  it('fails clearly when the height is outside the plot: the nearest edge row, never a row out of range', () => {
    expect(rowAtFraction(-0.5, 80)).toBe(79);
    expect(rowAtFraction(1.5, 80)).toBe(0);
  });

  it('the plot leaves room for the frequency axis and the colour bar', () => {
    const layout = paneLayout(1000, 200);
    expect(layout.plot.x).toBe(92);
    expect(layout.plot.x + layout.plot.width).toBeLessThan(layout.colorBar.x);
    expect(layout.colorBar.x + 60).toBeLessThanOrEqual(1000 + 10);
  });
});

describe('channel axis of a layer output', () => {
  it('512 channels in a 130 px plot: ticks every 100 channels, channel 0 at the bottom', () => {
    const ticks = channelTicks(512, 130);
    expect(ticks.map((t) => t.label)).toEqual(['0', '100', '200', '300', '400', '500']);
    expect(ticks[0]!.position).toBeCloseTo(130 - (0.5 * 130) / 512, 9);
    expect(ticks[1]!.position).toBeCloseTo(((511 - 100 + 0.5) / 512) * 130, 9);
  });

  it('80 channels in a tall plot step by 5, in a short one by 20; at least 18 px apart', () => {
    expect(
      channelTicks(80, 400)
        .map((t) => t.label)
        .slice(0, 3),
    ).toEqual(['0', '5', '10']);
    expect(channelTicks(80, 90).map((t) => t.label)).toEqual(['0', '20', '40', '60']);
    const ticks = channelTicks(512, 130);
    for (let i = 1; i < ticks.length; i++)
      expect(ticks[i - 1]!.position - ticks[i]!.position).toBeGreaterThanOrEqual(18);
  });

  it('one crosshair height maps to each pane’s own rows: 80 bands and 512 channels agree', () => {
    expect(rowAtFraction(0, 512)).toBe(511);
    expect(rowAtFraction(0.999, 512)).toBe(0);
    expect(rowAtFraction(0.5, 80)).toBe(39);
    expect(rowAtFraction(0.5, 512)).toBe(255);
    expect(rowAtFraction(0.3, 512)).toBe(511 - Math.floor(0.3 * 512));
  });

  it('fails clearly outside the plot: rows clamp to the first and last, an empty layer has no ticks', () => {
    expect(rowAtFraction(-0.2, 512)).toBe(511);
    expect(rowAtFraction(1.5, 512)).toBe(0);
    expect(channelTicks(0, 130)).toEqual([]);
  });
});
