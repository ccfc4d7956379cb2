import { useEffect, useRef } from 'react';
import type { CanvasTheme } from '../render/draw';
import { drawTimeAxis } from '../render/draw';
import type { FrameClock } from '../render/mel-axis';
import { FREQ_AXIS_WIDTH, TIME_AXIS_HEIGHT, plotWidthFor } from '../render/pane-layout';
import type { Navigation } from '../state/navigation';
import type { TinyStore } from '../state/tiny-store';

interface Props {
  navigation: TinyStore<Navigation>;
  clock: FrameClock;
  width: number;
  pixelRatio: number;
  theme: CanvasTheme;
}

/** Seconds under the panes, redrawn once per animation frame while the view moves. */
export function TimeAxis({ navigation, clock, width, pixelRatio, theme }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || width < 1) return undefined;
    let pending = 0;
    const widthDevice = Math.round(width * pixelRatio);
    const heightDevice = Math.round(TIME_AXIS_HEIGHT * pixelRatio);
    const draw = () => {
      pending = 0;
      // Setting the size reallocates the canvas: only when it changed, not every pan frame.
      if (canvas.width !== widthDevice) canvas.width = widthDevice;
      if (canvas.height !== heightDevice) canvas.height = heightDevice;
      context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
      context.clearRect(0, 0, width, TIME_AXIS_HEIGHT);
      const rect = { x: FREQ_AXIS_WIDTH, y: 0, width: plotWidthFor(width), height: TIME_AXIS_HEIGHT };
      drawTimeAxis(context, rect, navigation.get().view, clock, theme);
    };
    const schedule = () => {
      if (!pending) pending = requestAnimationFrame(draw);
    };
    schedule();
    const unsubscribe = navigation.subscribe(schedule);
    return () => {
      unsubscribe();
      if (pending) cancelAnimationFrame(pending);
    };
  }, [navigation, clock, width, pixelRatio, theme]);
  return <canvas ref={ref} className="time-axis" style={{ width, height: TIME_AXIS_HEIGHT }} />;
}
