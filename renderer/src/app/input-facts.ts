/**
 * The facts about the open input that the side panel lists: audio, mel settings, orientation, and
 * a check on the values when they look scaled wrong (audio ÷ 32768 twice, a log10 or dB .npy).
 */
import type { InputDocument } from '../../../shared/api/contract';
import { assertNever, formatShape } from '../../../shared/errors';
import { sidecarNameFor } from '../../../shared/pipeline/npy-settings';
import { spectrogramValueWarnings } from '../../../shared/pipeline/value-checks';

export interface Fact {
  label: string;
  value: string;
  /** Shown as a warning: something about the input the user should look at. */
  warning?: boolean;
}

export function inputFacts(input: InputDocument): Fact[] {
  const { mel, audio } = input;
  const c = mel.config;
  const facts: Fact[] = [];
  if (audio) {
    const resampled = audio.sampleRateHz !== c.sampleRateHz ? ` → resampled to ${c.sampleRateHz} Hz` : '';
    facts.push(
      {
        label: 'audio',
        value: `${audio.encoding}, ${audio.nChannels === 1 ? 'mono' : `${audio.nChannels} channels → mono`}`,
      },
      { label: 'rate', value: `${audio.sampleRateHz} Hz${resampled}` },
      {
        label: 'length',
        value: `${audio.nSamples.toLocaleString('en-US')} samples · ${audio.durationS.toFixed(3)} s`,
      },
    );
  } else {
    facts.push({ label: 'source', value: `${mel.source.name} (.npy spectrogram)` }, npySettingsFact(input));
  }
  // One line each at the side panel's width (the preset is in the selector beside the title).
  facts.push(
    { label: 'mel', value: `n_fft ${c.nFft}, win ${c.winLength}, hop ${c.hopLength}` },
    { label: 'bands', value: `${c.nMels} Slaney, ${c.fMinHz}–${c.fMaxHz} Hz` },
    { label: 'values', value: `ln(max(x, ${c.logFloor}))` },
    {
      label: 'frames',
      value:
        c.padding === 'center' ? 'centred, reflect (T = N // hop + 1)' : 'HiFi-GAN padding (T = N // hop)',
    },
    { label: 'array', value: `${formatShape([mel.nMels, mel.nFrames])} float32, channels first` },
  );
  for (const value of input.warnings) facts.push({ label: 'warning', value, warning: true });
  for (const value of spectrogramValueWarnings(mel)) facts.push({ label: 'check', value, warning: true });
  return facts;
}

/**
 * Where an `.npy`'s mel settings came from: `assumed: tacotron2 preset` (a warning: the array
 * carries none, so its time axis may be wrong), `from mel.npy.json`, or `set here`.
 */
export function npySettingsFact(input: Pick<InputDocument, 'mel'>): Fact {
  const { config, source } = input.mel;
  const settings = source.settings ?? { from: 'assumed' };
  switch (settings.from) {
    case 'assumed': {
      const what = config.preset === 'custom' ? 'custom settings' : `${config.preset} preset`;
      return { label: 'settings', value: `assumed: ${what}`, warning: true };
    }
    case 'sidecar':
      return { label: 'settings', value: `from ${settings.file}` };
    case 'given':
      return { label: 'settings', value: 'set here (Mel settings…)' };
    default:
      return assertNever(settings, 'npy settings origin');
  }
}

/** Under an `.npy` whose settings are assumed: what to do about it; null otherwise. */
export function npySettingsHint(input: Pick<InputDocument, 'audio' | 'mel'>): string | null {
  if (input.audio !== null || (input.mel.source.settings?.from ?? 'assumed') !== 'assumed') return null;
  return (
    'An .npy carries no mel settings: set its sample rate and hop in Mel settings… so the time axis is ' +
    `right (its numbers stay), or drop it with the ${sidecarNameFor(input.mel.source.name)} sidecar our exports write.`
  );
}
