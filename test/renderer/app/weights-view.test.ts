import { describe, expect, it } from 'vitest';
import type { WeightsSummary } from '../../../shared/api/contract';
import {
  encoderNote,
  filesView,
  layoutText,
  misfitNote,
  panelWarnings,
  runsOverMel,
  stackChoices,
} from '../../../renderer/src/app/weights-view';
import { fileWarnings } from '../../../shared/weights/file-facts';
import { TACOTRON2_STACKS, syntheticEncoder, syntheticInput, syntheticWeights } from '../fakes';

/** NVIDIA train.py's `checkpoint_1000`: the state_dict under 'state_dict', three entries beside it. */
const trainerFile: WeightsSummary['files'][number] = {
  name: 'checkpoint_1000',
  format: 'torch-zip',
  metadata: null,
  stateDictPath: ['state_dict'],
  ignored: [
    { key: 'iteration', description: '1000' },
    { key: 'optimizer', description: 'dict of 2 entries' },
    { key: 'learning_rate', description: '0.001' },
  ],
};

const full = (): WeightsSummary => {
  const files = [trainerFile];
  return {
    ...syntheticWeights('full', 'checkpoint_1000'),
    files,
    stacks: TACOTRON2_STACKS,
    warnings: [
      ...fileWarnings(files),
      "unused tensor 'embedding.weight' [148, 512]: not part of the Tacotron 2 post-net",
    ],
  };
};

describe('weights panel: the files', () => {
  it('a trainer checkpoint: its format, the layout, where the state_dict is, its other entries', () => {
    expect(filesView(full())).toEqual({
      format: 'PyTorch torch.save (zip)',
      layout: "Tacotron 2 post-net, keys 'postnet.convolutions.*'",
      files: [
        {
          name: 'checkpoint_1000',
          format: 'PyTorch torch.save (zip)',
          stateDictAt: "'state_dict'",
          metadata: [],
          ignored: ["'iteration' = 1000", "'optimizer' (dict of 2 entries)", "'learning_rate' = 0.001"],
        },
      ],
    });
  });

  it('the ignored entries are shown once, as facts: the warnings keep only the rest', () => {
    expect(panelWarnings(full())).toEqual([
      "unused tensor 'embedding.weight' [148, 512]: not part of the Tacotron 2 post-net",
    ]);
  });

  it('a safetensors file: its __metadata__ in the file’s order', () => {
    const file = {
      ...trainerFile,
      name: 'postnet.safetensors',
      format: 'safetensors' as const,
      stateDictPath: [],
      ignored: [],
    };
    const view = filesView({ ...full(), files: [{ ...file, metadata: { format: 'pt', epoch: '12' } }] });
    expect(view.format).toBe('.safetensors');
    expect(view.files[0]!.metadata).toEqual([
      ['format', 'pt'],
      ['epoch', '12'],
    ]);
    expect(view.files[0]!.stateDictAt).toBeNull();
  });

  it('several files: one format line, and only the files with more to say', () => {
    const plain = { name: 'a.npy', format: 'npy' as const, metadata: null, stateDictPath: [], ignored: [] };
    const view = filesView({ ...full(), files: [plain, { ...plain, name: 'b.npy' }, trainerFile] });
    expect(view.format).toBe('3 files: .npy, PyTorch torch.save (zip)');
    expect(view.files.map((file) => file.name)).toEqual(['checkpoint_1000']);
  });

  it('the built-in weights have no files to describe', () => {
    expect(filesView(syntheticWeights('default'))).toEqual({ format: null, layout: null, files: [] });
  });
});

describe('weights panel: the layout recognised', () => {
  const built = (prefix: string, kind = 'ESPnet Tacotron 2 post-net') => ({
    stacks: [{ ...TACOTRON2_STACKS[0]!, kind, prefix }],
    built: 'postnet' as const,
  });

  it('says which prefix was stripped before the toolkit’s own names', () => {
    expect(layoutText(built('tts.dec.postnet.postnet.'))).toBe(
      "ESPnet Tacotron 2 post-net, keys 'tts.dec.postnet.postnet.*' (prefix 'tts.dec.' stripped)",
    );
    expect(layoutText(built('module.postnet.convolutions.', 'Tacotron 2 post-net'))).toBe(
      "Tacotron 2 post-net, keys 'module.postnet.convolutions.*' (prefix 'module.' stripped)",
    );
  });

  it('no prefix to strip: the keys as they are (ESPnet1, a bare convolutions.*)', () => {
    expect(layoutText(built('postnet.postnet.'))).toBe(
      "ESPnet Tacotron 2 post-net, keys 'postnet.postnet.*'",
    );
    expect(layoutText(built('convolutions.', 'Tacotron 2 post-net'))).toBe(
      "Tacotron 2 post-net, keys 'convolutions.*'",
    );
  });

  it('an explicit architecture has no layout', () => {
    expect(layoutText({ stacks: [], built: null })).toBe('explicit architecture (layer JSON)');
  });
});

describe('weights panel: the stack choice', () => {
  it('a full Tacotron 2 offers its post-net (built) and its encoder', () => {
    expect(stackChoices(full())).toEqual([
      {
        role: 'postnet',
        label: 'post-net',
        detail: "'postnet.convolutions.*' · Tacotron 2 post-net · 5 layers",
        chosen: true,
      },
      {
        role: 'encoder',
        label: 'encoder',
        detail: "'encoder.convolutions.*' · Tacotron 2 encoder convolutions · 3 layers",
        chosen: false,
      },
    ]);
  });

  it('one stack: no choice to offer', () => {
    expect(stackChoices({ stacks: [TACOTRON2_STACKS[0]!], built: 'postnet' })).toEqual([]);
    expect(stackChoices({ stacks: [], built: null })).toEqual([]);
  });

  it('the encoder runs over characters, not over the mel, and the note says where its input comes from', () => {
    const encoder = syntheticEncoder('e');
    expect(runsOverMel(encoder)).toBe(false);
    expect(runsOverMel(full())).toBe(true);
    expect(runsOverMel(null)).toBe(true);
    expect(encoderNote(encoder)).toMatch(
      /^The encoder convolutions run over characters: text → symbol ids → embedding \(embedding\.weight \[148, 512\]\) → \[512, n_chars\]/,
    );
    expect(encoderNote({ ...encoder, embedding: null })).toMatch(/no embedding\.weight in the file/);
  });
});

describe('weights panel: weights that do not fit the input', () => {
  it('says the weights do not fit the current mel settings, with both counts', () => {
    expect(misfitNote(syntheticWeights('w'), syntheticInput('speech', 10, 64))).toBe(
      'These weights take 80 channels, but the input has 64 mel bands: they do not fit the current mel settings ' +
        '(set n_mels to 80 in Mel settings…, or load weights made for 64 bands)',
    );
  });

  it('nothing to say when they fit, when nothing is open, or for the encoder', () => {
    expect(misfitNote(syntheticWeights('w'), syntheticInput('speech', 10))).toBeNull();
    expect(misfitNote(syntheticWeights('w'), null)).toBeNull();
    expect(misfitNote(syntheticEncoder('e'), syntheticInput('speech', 10, 64))).toBeNull();
  });
});
