import { describe, expect, it } from 'vitest';
import type { AudioClip } from '../../../shared/api/contract';
import type { PlaySpan } from '../../../renderer/src/app/playback-math';
import { createPlayer, type AudioOutput } from '../../../renderer/src/playback/player';

interface Started {
  clip: AudioClip;
  fromS: number;
  span: PlaySpan;
  loop: boolean;
  stopped: boolean;
  end: () => void;
}

/** An output whose clock the test moves, recording every sound it was asked to start. */
function fakeOutput() {
  let nowS = 0;
  const started: Started[] = [];
  const frames: (() => void)[] = [];
  const output: AudioOutput = {
    now: () => nowS,
    start(clip, fromS, span, loop, onEnded) {
      const sound: Started = { clip, fromS, span, loop, stopped: false, end: onEnded };
      started.push(sound);
      return { stop: () => void (sound.stopped = true) };
    },
  };
  return {
    output,
    started,
    /** Moves the clock and runs the pending animation frame. */
    advance(seconds: number) {
      nowS += seconds;
      const pending = frames.splice(0);
      for (const frame of pending) frame();
    },
    onFrame: (callback: () => void) => {
      frames.push(callback);
      return () => {
        const at = frames.indexOf(callback);
        if (at >= 0) frames.splice(at, 1);
      };
    },
  };
}

const clip = (seconds: number, rate = 100): AudioClip => ({
  sampleRateHz: rate,
  samples: new Float32Array(Math.round(seconds * rate)),
});

function setup() {
  const fake = fakeOutput();
  const player = createPlayer({ output: fake.output, onFrame: fake.onFrame });
  return { fake, player };
}

describe('player', () => {
  it('a seek before any clip keeps the position (a click on a pane before playing); the clip clamps it', () => {
    const { fake, player } = setup();
    player.seek(1.5);
    expect(player.state.get().positionS).toBe(1.5);
    player.seek(-2);
    expect(player.state.get().positionS).toBe(0);
    player.seek(9);
    player.setClip('wav/a', clip(3));
    expect(player.state.get().positionS).toBe(3);
    player.seek(1.25);
    player.play(null);
    expect(fake.started[0]!.fromS).toBe(1.25);
  });

  it('plays from the play position and advances once per animation frame; pause keeps the position', () => {
    const { fake, player } = setup();
    player.setClip('a', clip(10));
    player.seek(2);
    player.play(null);
    expect(fake.started[0]).toMatchObject({ fromS: 2, span: { startS: 0, endS: 10 }, loop: false });
    fake.advance(1.5);
    expect(player.state.get()).toMatchObject({ playing: true, positionS: 3.5 });
    player.pause();
    expect(fake.started[0]!.stopped).toBe(true);
    fake.advance(5);
    expect(player.state.get()).toMatchObject({ playing: false, positionS: 3.5, span: null });
  });

  it('stops at the end; Play again starts from the start', () => {
    const { fake, player } = setup();
    player.setClip('a', clip(2));
    player.play(null);
    fake.advance(2.5);
    expect(player.state.get()).toMatchObject({ playing: false, positionS: 2 });
    player.play(null);
    expect(fake.started[1]!.fromS).toBe(0);
  });

  it('the visible range confines playback; looping wraps inside it', () => {
    const { fake, player } = setup();
    player.setClip('a', clip(10));
    player.setLoop(true);
    player.play({ startS: 4, endS: 6 });
    expect(fake.started[0]).toMatchObject({ fromS: 4, span: { startS: 4, endS: 6 }, loop: true });
    fake.advance(2.5);
    expect(player.state.get().positionS).toBeCloseTo(4.5, 9);
    expect(player.state.get().playing).toBe(true);
  });

  it('A/B: a new clip while playing starts at the same position, stopping the old sound', () => {
    const { fake, player } = setup();
    player.setClip('wav', clip(10));
    player.play(null);
    fake.advance(3);
    player.setClip('gl', clip(10));
    expect(fake.started[0]!.stopped).toBe(true);
    expect(fake.started[1]).toMatchObject({ fromS: 3 });
    expect(player.state.get()).toMatchObject({ playing: true, clipKey: 'gl', positionS: 3 });
  });

  it('a new clip shorter than the position stops at its end instead of starting', () => {
    const { fake, player } = setup();
    player.setClip('long', clip(10));
    player.play(null);
    fake.advance(5);
    player.setClip('short', clip(4));
    expect(fake.started).toHaveLength(1);
    expect(player.state.get()).toMatchObject({ playing: false, positionS: 4, durationS: 4 });
  });

  it('seek while playing restarts there; loop toggled while playing restarts with the new setting', () => {
    const { fake, player } = setup();
    player.setClip('a', clip(10));
    player.play(null);
    player.seek(7);
    expect(fake.started[1]).toMatchObject({ fromS: 7, loop: false });
    fake.advance(1);
    player.setLoop(true);
    expect(fake.started[2]).toMatchObject({ fromS: 8, loop: true });
  });

  it("an ended sound's callback after it was replaced changes nothing", () => {
    const { fake, player } = setup();
    player.setClip('a', clip(10));
    player.play(null);
    player.setClip('b', clip(10));
    fake.started[0]!.end();
    expect(player.state.get().playing).toBe(true);
    fake.started[1]!.end();
    expect(player.state.get()).toMatchObject({ playing: false, positionS: 10 });
  });

  it('clear forgets the clip: Play does nothing until a clip is set', () => {
    const { fake, player } = setup();
    player.setClip('a', clip(10));
    player.play(null);
    player.clear(1.5);
    expect(player.state.get()).toMatchObject({ playing: false, clipKey: null, positionS: 1.5 });
    player.play(null);
    expect(fake.started).toHaveLength(1);
  });
});
