import { describe, expect, it } from 'vitest';
import type { SynthesisRequest } from '../../../shared/api/contract';
import { createClipCache } from '../../../renderer/src/app/clip-cache';
import type { ListenContext } from '../../../renderer/src/app/listen';
import { createListener } from '../../../renderer/src/app/listen-controller';
import { createPlayer, type AudioOutput } from '../../../renderer/src/playback/player';
import { createNavigationStores, withBounds } from '../../../renderer/src/state/navigation';
import { syntheticInput, syntheticWeights } from '../fakes';

const RATE = 100;
const clip = (seconds: number) => ({ sampleRateHz: RATE, samples: new Float32Array(seconds * RATE) });
/** 10 ms frames, frame 0 centred on 0 s. */
const clock = { secondsPerFrame: 0.01, originS: -0.005 };

function setup(context: ListenContext) {
  let nowS = 0;
  const frames: (() => void)[] = [];
  const starts: { fromS: number; length: number }[] = [];
  const output: AudioOutput = {
    now: () => nowS,
    start: (played, fromS) => {
      starts.push({ fromS, length: played.samples.length });
      return { stop: () => undefined };
    },
  };
  const player = createPlayer({
    output,
    onFrame: (callback) => {
      frames.push(callback);
      return () => void frames.splice(frames.indexOf(callback) >>> 0, 1);
    },
  });
  const stores = createNavigationStores();
  stores.navigation.set(withBounds(stores.navigation.get(), { nFrames: 1000, widthPx: 100 }, true));
  const fetched: string[] = [];
  const tasks: string[] = [];
  let current = context;
  const listener = createListener({
    api: {
      inputAudio: async (inputId) => {
        fetched.push(`wav ${inputId}`);
        return { inputId, inputRevision: 1, ...clip(10) };
      },
      synthesize: async (request: SynthesisRequest) => {
        fetched.push(`gl ${request.inputId} ${request.mel} ${request.iterations}`);
        return {
          ...request,
          weightsId: request.weightsId ?? null,
          inputRevision: 1,
          elapsedMs: 1,
          ...clip(9),
        };
      },
    },
    player,
    clips: createClipCache(),
    stores,
    context: () => current,
    clock: () => clock,
    runTask: async (label, work) => {
      tasks.push(label);
      await work();
    },
  });
  const stop = listener.follow();
  listener.sync();
  return {
    listener,
    player,
    stores,
    fetched,
    tasks,
    starts,
    setContext: (next: ListenContext) => void (current = next),
    /** Moves the output's clock and runs the animation frame. */
    advance(seconds: number) {
      nowS += seconds;
      for (const frame of frames.splice(0)) frame();
    },
    stop,
  };
}

const input = syntheticInput('speech', 1000);
const weights = syntheticWeights('w1');
const onScreen: ListenContext = { input, clean: null, weights, hasOutput: true };

describe('listener', () => {
  it('Play fetches the WAV once through the job queue and plays it; the line and the view follow', async () => {
    const t = setup(onScreen);
    t.stores.navigation.set({ ...t.stores.navigation.get(), view: { startFrame: 0, framesPerPixel: 1 } });
    await t.listener.command('play-pause');
    expect(t.fetched).toEqual(['wav speech']);
    expect(t.tasks).toEqual(['Decoding speech.wav for playback']);
    expect(t.player.state.get()).toMatchObject({ playing: true, clipKey: `wav/speech@${input.revision}` });
    t.advance(1.5); // 150 frames: past the 100 frames shown
    expect(t.stores.playhead.get()).toBeCloseTo(150.5, 6);
    expect(t.stores.navigation.get().view.startFrame).toBeCloseTo(150.5, 6);
    await t.listener.command('play-pause');
    await t.listener.command('play-pause');
    expect(t.fetched).toEqual(['wav speech']); // cached
  });

  it('A/B: choosing the output while playing synthesises it and switches at the same position', async () => {
    const t = setup(onScreen);
    await t.listener.command('play-pause');
    t.advance(2);
    await t.listener.choose('output');
    expect(t.fetched).toEqual(['wav speech', 'gl speech output 60']);
    expect(t.player.state.get()).toMatchObject({
      playing: true,
      clipKey: `gl/speech@${input.revision}/output/w1/60`,
    });
    expect(t.starts.at(-1)).toEqual({ fromS: 2, length: 900 });
    await t.listener.chooseNumber(1);
    expect(t.player.state.get().clipKey).toBe(`wav/speech@${input.revision}`);
    expect(t.fetched).toHaveLength(2);
  });

  it('new iterations while a mel plays synthesise it again; the WAV ignores them', async () => {
    const t = setup(onScreen);
    await t.listener.choose('input');
    await t.listener.command('play-pause');
    t.listener.setIterations(40);
    await Promise.resolve();
    await Promise.resolve();
    expect(t.fetched).toEqual(['gl speech input 60', 'gl speech input 40']);
    t.listener.setIterations(1000);
    expect(t.listener.status.get().iterations).toBe(100);
  });

  it('an output not there yet cannot be chosen', async () => {
    const t = setup({ ...onScreen, hasOutput: false });
    await t.listener.choose('output');
    expect(t.listener.status.get().source).toBe('wav');
    expect(t.fetched).toEqual([]);
  });

  it('the visible range: Play stays inside the view', async () => {
    const t = setup(onScreen);
    t.stores.navigation.set({ ...t.stores.navigation.get(), view: { startFrame: 300, framesPerPixel: 1 } });
    await t.listener.command('play-visible');
    await t.listener.command('play-pause');
    expect(t.player.state.get().span?.startS).toBeCloseTo(2.995, 9);
    expect(t.player.state.get().span?.endS).toBeCloseTo(3.995, 9);
  });

  it('another file lets the clip go and starts at 0; a source that file lacks falls back to the WAV', async () => {
    const t = setup(onScreen);
    await t.listener.choose('output');
    await t.listener.command('play-pause');
    const other = syntheticInput('other', 500);
    t.setContext({ input: other, clean: null, weights, hasOutput: false });
    t.listener.sync();
    expect(t.player.state.get()).toMatchObject({ playing: false, clipKey: null, positionS: 0 });
    expect(t.listener.status.get().source).toBe('wav');
  });

  it('Rewind to Start and Fast Forward to End move the play position', async () => {
    const t = setup(onScreen);
    await t.listener.command('play-pause');
    await t.listener.command('play-pause');
    await t.listener.command('ffwd-end');
    expect(t.player.state.get().positionS).toBe(10);
    await t.listener.command('rewind-start');
    expect(t.player.state.get().positionS).toBe(0);
    t.stop();
  });
});
