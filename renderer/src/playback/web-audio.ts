/**
 * The page's AudioOutput: Web Audio. One AudioContext, made on first use (a key press or click
 * is what starts playback, so the autoplay policy lets it run); each clip becomes one mono
 * AudioBuffer at its own rate (the context resamples), made once per clip. A sound is an
 * AudioBufferSourceNode through a gain that fades in and out over a few milliseconds, so
 * switching the source while playing does not click.
 */
import type { AudioClip } from '../../../shared/api/contract';
import type { PlaySpan } from '../app/playback-math';
import type { AudioOutput, PlayingSound } from './player';

const FADE_S = 0.008;

export function webAudioOutput(): AudioOutput {
  let context: AudioContext | null = null;
  const buffers = new WeakMap<Float32Array, AudioBuffer>();

  function contextNow(): AudioContext {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    return context;
  }

  function bufferFor(audio: AudioContext, clip: AudioClip): AudioBuffer {
    let buffer = buffers.get(clip.samples);
    if (!buffer) {
      buffer = audio.createBuffer(1, Math.max(1, clip.samples.length), clip.sampleRateHz);
      buffer.copyToChannel(clip.samples as Float32Array<ArrayBuffer>, 0);
      buffers.set(clip.samples, buffer);
    }
    return buffer;
  }

  return {
    now: () => context?.currentTime ?? 0,
    start(clip: AudioClip, fromS: number, span: PlaySpan, loop: boolean, onEnded: () => void): PlayingSound {
      const audio = contextNow();
      const source = audio.createBufferSource();
      source.buffer = bufferFor(audio, clip);
      const gain = audio.createGain();
      const t = audio.currentTime;
      gain.gain.setValueAtTime(0, t);
      gain.gain.linearRampToValueAtTime(1, t + FADE_S);
      source.connect(gain).connect(audio.destination);
      if (loop) {
        source.loop = true;
        source.loopStart = span.startS;
        source.loopEnd = span.endS;
        source.start(t, fromS);
      } else {
        source.start(t, fromS, Math.max(0, span.endS - fromS));
        source.onended = () => onEnded();
      }
      return {
        stop() {
          source.onended = null;
          const at = audio.currentTime;
          gain.gain.cancelScheduledValues(at);
          gain.gain.setValueAtTime(gain.gain.value, at);
          gain.gain.linearRampToValueAtTime(0, at + FADE_S);
          source.stop(at + FADE_S);
        },
      };
    },
  };
}
