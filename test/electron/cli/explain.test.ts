import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { beforeAll } from 'vitest';
import { explainCell } from '../../../shared/explain/cell';
import { encodeNpyFloat32, parseNpy } from '../../../shared/formats/npy';
import { encodeNpz } from '../../../shared/formats/npz';
import { bundledDemoWeights } from '../../../electron/cli/default-weights';
import { DEMO_WEIGHTS_NAME } from '../../../shared/demo/weights';
import { defaultPostnetTensors } from '../../../shared/model/defaults';
import { toFloat32 } from '../../../shared/tensor';
import { runCli, useScratchFolder } from '../../helpers/cli';
import { expectClose } from '../../helpers/close';
import { fixturePath, readFixture } from '../../helpers/fixtures';
import { floatsOf, readNpzFixture } from '../../shared/backend/fixtures';

const scratch = useScratchFolder('explain-cli');
const SPEECH_NPY = fixturePath('mel', 'speech_pcm16.tacotron2.npy');
const SPEECH_WAV = fixturePath('audio', 'speech_pcm16.wav');
const TACOTRON2 = fixturePath('explain', 'tacotron2_small.npz');
const TEXT = '{HH AH0 L OW1} there, {W ER1 L D}.';
const speech = JSON.parse(readFileSync(fixturePath('explain', 'default_speech.json'), 'utf8')) as {
  frames: number;
  cells: { layer: number; channel: number; frame: number; conv: number; bn: number; act: number }[];
};
const encoder = readNpzFixture('explain', 'encoder_text.npz');
/** The seed-1234 Tacotron 2 post-net of default_speech.json, as a file (whatever the default weights become). */
let SEEDED = '';
/** The small post-net (8 mels, 16 channels) and an 8-band input [8, 23], for the error cases. */
const SMALL = fixturePath('explain', 'postnet_small_weights.npz');
let SMALL_NPY = '';
beforeAll(() => {
  SEEDED = scratch.file('seeded_postnet.npz', encodeNpz(defaultPostnetTensors()));
  const x = floatsOf(readNpzFixture('explain', 'postnet_small.npz'), 'x');
  SMALL_NPY = scratch.file('small.npy', encodeNpyFloat32(x, [8, x.length / 8]));
});

const KEYS = [
  'layer',
  'channel',
  'frame',
  'window',
  'filter',
  'bias',
  'sum',
  'batch_norm',
  'activation',
  'value',
  'receptive_field',
];
const TEXT_KEYS = ['layer', 'channel', 'char', 'symbols', ...KEYS.slice(3)];

interface Json {
  [key: string]: unknown;
  window: { shape: number[]; frames: number[]; values: number[] };
  filter: { shape: number[]; values: number[] };
  bias: number | null;
  sum: number;
  batch_norm: Record<string, number> | null;
  value: number;
  symbols?: number[];
  receptive_field: { first: number; last: number };
}

async function explainJson(...argv: string[]): Promise<Json> {
  const run = await runCli('explain', ...argv, '--json');
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout.endsWith('}\n')).toBe(true);
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(run.stdout) as Json;
}

describe('postnet-studio explain over a spectrogram', () => {
  it.each(speech.cells.filter((c) => c.channel === 7))(
    '--json out[$channel, $frame] of layer $layer of the Tacotron 2 post-net equals PyTorch',
    async (cell) => {
      const json = await explainJson(
        SPEECH_NPY,
        '--weights',
        SEEDED,
        '--layer',
        `${cell.layer}`,
        '--channel',
        '7',
        '--frame',
        `${cell.frame}`,
      );
      expect(Object.keys(json)).toEqual(KEYS);
      expect(json).toMatchObject({
        layer: cell.layer,
        channel: 7,
        frame: cell.frame,
        activation: cell.layer < 4 ? 'tanh' : 'identity',
      });
      const inChannels = cell.layer === 0 ? 80 : 512;
      expect(json.window.shape).toEqual([inChannels, 5]);
      expect(json.filter.shape).toEqual([inChannels, 5]);
      expect(json.window.values).toHaveLength(inChannels * 5);
      expect(json.filter.values).toHaveLength(inChannels * 5);
      expect(json.window.frames).toEqual([cell.frame - 2, cell.frame + 2]);
      const half = 2 * (cell.layer + 1);
      expect(json.receptive_field).toEqual({ first: cell.frame - half, last: cell.frame + half });
      expect(Object.keys(json.batch_norm!)).toEqual([
        'weight',
        'bias',
        'running_mean',
        'running_var',
        'eps',
        'value',
      ]);
      expectClose([json.sum, json.batch_norm!.value!, json.value], [cell.conv, cell.bn, cell.act], {
        rtol: 1e-5,
        atol: 1e-5,
      });
      expect(typeof json.bias).toBe('number');
    },
  );

  it('pads the window with zeros at the start: frame 0 reads frames −2…2', async () => {
    const json = await explainJson(
      SPEECH_NPY,
      '--weights',
      SEEDED,
      '--layer',
      '0',
      '--channel',
      '0',
      '--frame',
      '0',
    );
    const { values } = json.window;
    for (let band = 0; band < 80; band++) expect(values.slice(band * 5, band * 5 + 2)).toEqual([0, 0]);
    expect(json.window.frames).toEqual([-2, 2]);
  });

  it('the readable block fills the formula in', async () => {
    const run = await runCli(
      'explain',
      SPEECH_WAV,
      '--weights',
      SEEDED,
      '--layer',
      '2',
      '--channel',
      '153',
      '--frame',
      '60',
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^out\[153, 60\] of layer 2 = -?\d\.\d+ +\(channel 153, frame 60\)$/);
    expect(run.stdout).toContain(
      'layer 2 (postnet.convolutions.2): Conv1d(512, 512, kernel_size=(5,), stride=(1,), padding=(2,)) → BatchNorm1d(512) → tanh',
    );
    expect(run.stdout).toContain(
      '[1, 512, 123] → [1, 512, 123]: 512 filters of [512, 5] = 1,310,720 weights + 512 biases',
    );
    expect(run.stdout).toContain("window x[0…511, frames 58…62] of layer 1's output: [512, 5], no padding");
    expect(run.stdout).toMatch(/\nsum = Σ products \+ bias\[153\] = \S+ [+-] \S+ = \S+\n/);
    expect(run.stdout).toMatch(/\nbatch norm = \(\S+ [+-] \S+\) \/ sqrt\(\S+ \+ 1e-5\) \* \S+ [+-] \S+ = /);
    expect(run.stdout).toMatch(/\nvalue = tanh\(\S+\) = \S+\n/);
    expect(run.stdout).toContain('receptive field: input frames 54…66 (13 frames, unclipped)');
    expect(run.stdout.length).toBeLessThan(3000);
  });

  it('takes a WAV, the mel options and --weights', async () => {
    const json = await explainJson(
      SPEECH_WAV,
      '--weights',
      fixturePath('explain', 'postnet_small_weights.npz'),
      '--n-mels',
      '8',
      '--layer',
      '4',
      '--channel',
      '7',
      '--frame',
      '3',
    );
    expect(json.window.shape).toEqual([16, 5]);
  });

  it('accepts --backend auto and js, and --stack postnet', async () => {
    const a = await explainJson(
      SPEECH_NPY,
      '--layer',
      '3',
      '--channel',
      '1',
      '--frame',
      '9',
      '--backend',
      'auto',
    );
    const b = await explainJson(
      SPEECH_NPY,
      '--layer',
      '3',
      '--channel',
      '1',
      '--frame',
      '9',
      '--backend',
      'js',
      '--stack',
      'postnet',
    );
    expect(b.value).toBe(a.value);
  });

  it('without --weights explains the bundled demo post-net, with a note', async () => {
    const run = await runCli(
      'explain',
      SPEECH_NPY,
      '--layer',
      '4',
      '--channel',
      '3',
      '--frame',
      '50',
      '--json',
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'note: speech_pcm16.tacotron2.npy carries no mel settings: assumed the tacotron2 preset (22050 Hz, ' +
        'n_fft 1024, hop 256, 80 bands, 0–8000 Hz); give them with the mel options, or keep the ' +
        'speech_pcm16.tacotron2.npy.json sidecar Postnet Studio writes beside its exports\n' +
        `note: no --weights given; using the ${DEMO_WEIGHTS_NAME}; --weights untrained for the untrained Tacotron 2 post-net\n`,
    );
    const mel = toFloat32(parseNpy(readFixture('mel', 'speech_pcm16.tacotron2.npy')));
    const input = { nChannels: 80, nFrames: mel.length / 80, data: mel };
    const { stack } = await bundledDemoWeights();
    const cell = await explainCell(stack, input, { layer: 4, channel: 3, frame: 50 });
    expectClose((JSON.parse(run.stdout) as Json).value, cell.value, { atol: 1e-6, rtol: 1e-6 });
  });

  it('a negative index is out of range, given as --layer -1 or --layer=-1', async () => {
    for (const args of [['--layer', '-1'], ['--layer=-1']]) {
      const run = await runCli(
        'explain',
        SMALL_NPY,
        '--weights',
        SMALL,
        '--n-mels',
        '8',
        ...args,
        '--channel',
        '0',
        '--frame',
        '0',
      );
      expect(run).toEqual({
        status: 1,
        stdout: '',
        stderr: 'error: layer -1 does not exist: the Tacotron 2 post-net has 5 layers (0…4)\n',
      });
    }
  });
});

describe('postnet-studio explain --text', () => {
  it("--json gives NVIDIA's symbol ids and the encoder cell PyTorch computes", async () => {
    const ids = Array.from(encoder.get('ids')!.data, Number);
    for (const layer of [0, 2]) {
      for (const char of [0, 5, ids.length - 1]) {
        const json = await explainJson(
          '--text',
          TEXT,
          '--weights',
          TACOTRON2,
          '--layer',
          `${layer}`,
          '--channel',
          '4',
          '--char',
          `${char}`,
        );
        expect(Object.keys(json)).toEqual(TEXT_KEYS);
        expect(json.symbols).toEqual(ids);
        expect(json).toMatchObject({ layer, channel: 4, char, activation: 'relu' });
        expect(json.window.shape).toEqual([16, 5]);
        const at = (key: string) => floatsOf(encoder, `L${layer}.${key}`)[4 * ids.length + char]!;
        expectClose([json.sum, json.batch_norm!.value!, json.value], [at('conv'), at('bn'), at('act')], {
          rtol: 1e-5,
          atol: 1e-5,
        });
      }
    }
  });

  it('--cleaners basic keeps digits out (no number expansion) and the block shows the characters', async () => {
    const run = await runCli(
      'explain',
      '--text',
      'Dr. Who, 42!',
      '--cleaners',
      'basic',
      '--weights',
      TACOTRON2,
      '--layer',
      '0',
      '--channel',
      '0',
      '--char',
      '2',
    );
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      'text: "Dr. Who, 42!" → 10 symbols (basic_cleaners): "dr. who, !"',
    );
    expect(run.stdout).toContain(
      'window x[0…15, chars 0…4 "dr. w"] of the embedded text [16, 10] (embedding.weight): [16, 5], no padding',
    );
    expect(run.stderr).toBe("warning: not in the Tacotron 2 symbol table, dropped: '4', '2'\n");
  });

  it('warns about what english_cleaners cannot transliterate', async () => {
    const run = await runCli(
      'explain',
      '--text',
      'да yes',
      '--weights',
      TACOTRON2,
      '--layer',
      '0',
      '--channel',
      '0',
      '--char',
      '0',
      '--json',
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      "warning: english_cleaners: no ASCII form here for 'д', 'а' (NVIDIA's unidecode may transliterate them); dropped\n",
    );
  });

  it('uses an untrained seeded embedding, with a note, when the weights have none', async () => {
    const sd = readNpzFixture('explain', 'tacotron2_small.npz');
    const encoderOnly = new Map([...sd].filter(([key]) => key.startsWith('encoder.convolutions.')));
    const path = scratch.file('encoder_only.npz', encodeNpz(encoderOnly));
    const run = await runCli(
      'explain',
      '--text',
      'hi',
      '--weights',
      path,
      '--layer',
      '0',
      '--channel',
      '0',
      '--char',
      '1',
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'note: the weights have no embedding.weight; using an untrained embedding (seeded default)\n',
    );
    expect(run.stdout).toContain('of the embedded text [16, 2] (untrained embedding (seeded default))');
  });
});

/** Resolved in the test: the scratch files exist only once beforeAll has run. */
const mel = ['@SMALL_NPY', '--weights', '@SMALL', '--n-mels', '8'];
const resolve = (argv: string[]) =>
  argv.map((arg) => ({ '@SMALL_NPY': SMALL_NPY, '@SMALL': SMALL })[arg] ?? arg);
const text = ['--text', 'hello', '--weights', TACOTRON2];
const cell = ['--layer', '0', '--channel', '0'];

describe('postnet-studio explain fails clearly', () => {
  const failures: [string, string[], string][] = [
    [
      'layer past the last',
      [...mel, '--layer', '5', '--channel', '0', '--frame', '0'],
      'layer 5 does not exist: the Tacotron 2 post-net has 5 layers (0…4)',
    ],
    [
      'channel past the last',
      [...mel, '--layer', '0', '--channel', '16', '--frame', '0'],
      'channel 16 is out of range: layer 0 (postnet.convolutions.0) has 16 output channels (0…15)',
    ],
    [
      'channel of the 8-channel last layer',
      [...mel, '--layer', '4', '--channel', '8', '--frame', '0'],
      'channel 8 is out of range: layer 4 (postnet.convolutions.4) has 8 output channels (0…7)',
    ],
    [
      'frame past the last',
      [...mel, ...cell, '--frame', '23'],
      "frame 23 is out of range: layer 0's output has 23 frames (0…22)",
    ],
    [
      'negative frame',
      [...mel, ...cell, '--frame=-3'],
      "frame -3 is out of range: layer 0's output has 23 frames (0…22)",
    ],
    [
      'char past the last',
      [...text, ...cell, '--char', '5'],
      "char 5 is out of range: layer 0's output has 5 chars (0…4)",
    ],
    [
      'encoder layer past the last',
      [...text, '--layer', '3', '--channel', '0', '--char', '0'],
      'layer 3 does not exist: the Tacotron 2 encoder convolutions has 3 layers (0…2)',
    ],
    [
      'encoder channel past the last',
      [...text, '--layer', '0', '--channel', '16', '--char', '0'],
      'channel 16 is out of range: layer 0 (encoder.convolutions.0) has 16 output channels (0…15)',
    ],
    [
      'a backend not built yet',
      [...mel, ...cell, '--frame', '0', '--backend', 'native'],
      'explain: the native backend is not available in this build (available: auto, js)',
    ],
    [
      'weights without an encoder',
      [
        '--text',
        'hi',
        '--weights',
        fixturePath('explain', 'postnet_small_weights.npz'),
        ...cell,
        '--char',
        '0',
      ],
      "postnet_small_weights.npz: no Tacotron 2 encoder convolutions ('encoder.convolutions.{i}.0.conv.weight') in 35 tensors",
    ],
    [
      'an explicit layer JSON for text',
      ['--text', 'hi', '--weights', fixturePath('explain', 'dilated.json'), ...cell, '--char', '0'],
      'dilated.json: an explicit layer JSON has no embedding',
    ],
    [
      'text with no symbols left',
      ['--text', '~~#', '--weights', TACOTRON2, ...cell, '--char', '0'],
      '--text "~~#": no symbols left after english_cleaners',
    ],
    [
      'money NVIDIA cannot read',
      ['--text', '$1,.5', '--weights', TACOTRON2, ...cell, '--char', '0'],
      "'$1,.5' is not an amount NVIDIA's numbers.py can read: int('1,') fails there",
    ],
    [
      'an input that is neither WAV nor .npy',
      [fixturePath('explain', 'dilated.json'), ...cell, '--frame', '0'],
      'dilated.json: not a WAV (RIFF) or .npy file',
    ],
    ['a missing input file', [scratch.file('missing.wav'), ...cell, '--frame', '0'], 'cannot read'],
  ];
  it.each(failures)('%s: exit 1, one error line', async (_, argv, message) => {
    const run = await runCli('explain', ...resolve(argv));
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: [^\n]*\n$/);
    expect(run.stderr).toContain(message);
  });

  const usage: [string, string[], string][] = [
    ['no input', [...cell, '--frame', '0'], 'explain: missing input'],
    ['no --layer', [...mel, '--channel', '0', '--frame', '0'], 'explain: missing --layer L'],
    ['no --channel', [...mel, '--layer', '0', '--frame', '0'], 'explain: missing --channel O'],
    ['no --frame', [...mel, ...cell], 'explain: missing --frame T'],
    ['no --char', [...text, ...cell], 'explain: missing --char I'],
    [
      'a non-integer index',
      [...mel, '--layer', 'two', '--channel', '0', '--frame', '0'],
      "--layer must be an integer, got 'two'",
    ],
    ['a fractional index', [...mel, ...cell, '--frame', '1.5'], "--frame must be an integer, got '1.5'"],
    [
      '--frame with --text',
      [...text, ...cell, '--frame', '0'],
      'explain: --text takes --char I, not --frame',
    ],
    ['--char without --text', [...mel, ...cell, '--char', '0'], 'explain: --char goes with --text'],
    [
      '--cleaners without --text',
      [...mel, ...cell, '--frame', '0', '--cleaners', 'basic'],
      'explain: --cleaners goes with --text',
    ],
    ['IN and --text', [...mel, ...text, ...cell, '--char', '0'], 'explain: give IN or --text, not both'],
    [
      '--text without --weights',
      ['--text', 'hi', ...cell, '--char', '0'],
      'explain: --text needs --weights PATH',
    ],
    [
      'an unknown cleaner',
      [...text, ...cell, '--char', '0', '--cleaners', 'french'],
      "--cleaners must be one of basic, english, got 'french'",
    ],
    [
      'an unknown backend',
      [...mel, ...cell, '--frame', '0', '--backend', 'gpu'],
      "--backend must be one of auto, native, wasm, js, got 'gpu'",
    ],
    [
      'an unknown stack',
      [...mel, ...cell, '--frame', '0', '--stack', 'decoder'],
      "--stack must be postnet or encoder, got 'decoder'",
    ],
    [
      '--stack encoder over a spectrogram',
      [...mel, ...cell, '--frame', '0', '--stack', 'encoder'],
      'explain: the encoder runs over characters',
    ],
    [
      '--stack postnet over text',
      [...text, ...cell, '--char', '0', '--stack', 'postnet'],
      'explain: --text runs the encoder',
    ],
    [
      'a mel option with --text',
      [...text, ...cell, '--char', '0', '--n-mels', '64'],
      'explain: --n-mels is a mel option; --text has no spectrogram',
    ],
    [
      'an unknown option',
      [...mel, ...cell, '--frames', '0'],
      "unknown option '--frames'; did you mean '--frame'?",
    ],
  ];
  it.each(usage)('%s: exit 2', async (_, argv, message) => {
    const run = await runCli('explain', ...resolve(argv));
    expect(run.status, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: [^\n]* \(see postnet-studio --help\)\n$/);
    expect(run.stderr).toContain(message);
  });

  it('--help prints the usage', async () => {
    const run = await runCli('explain', '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'Usage: postnet-studio explain IN.(wav|npy) [--weights PATH] --layer L --channel O --frame T',
    );
  });
});
