import { existsSync, readFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeNpyFloat32, parseNpy } from '../../../shared/formats/npy';
import { toFloat32 } from '../../../shared/tensor';
import { runCli, useScratchFolder } from '../../helpers/cli';
import { expectClose } from '../../helpers/close';
import { fixturePath } from '../../helpers/fixtures';
import { floatsOf, readNpzFixture, scaleOf } from '../../shared/backend/fixtures';

const scratch = useScratchFolder('checkpoints-cli');
const ckpt = (name: string) => fixturePath('checkpoints', name);

function readOutput(path: string): Float32Array {
  return toFloat32(parseNpy(new Uint8Array(readFileSync(path))));
}

/** `process` over the io fixture's x with `--n-mels 8`; returns the output and stderr. */
async function processFixture(io: string, weights: string, ...extra: string[]) {
  const ref = readNpzFixture('checkpoints', io);
  const input = scratch.file(
    `${io}.x.npy`,
    encodeNpyFloat32(floatsOf(ref, 'x'), [8, floatsOf(ref, 'x').length / 8]),
  );
  const out = scratch.file(`${io}.${weights.replace(/\W/g, '_')}.out.npy`);
  const result = await runCli(
    'process',
    input,
    '--weights',
    ckpt(weights),
    '-o',
    out,
    '--n-mels',
    '8',
    ...extra,
  );
  return { ...result, out, expected: floatsOf(ref, 'output') };
}

describe('postnet-studio inspect reads checkpoints as trainers write them', () => {
  it('NVIDIA train.py’s checkpoint_1000: the post-net, every tensor, what was ignored, the other stack', async () => {
    const { status, stdout, stderr } = await runCli('inspect', ckpt('checkpoint_1000'));
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Postnet\(\n {2}\(convolutions\): ModuleList\(/);
    expect(stdout).toContain('embedding.weight : 20x12 = 240 (unused)');
    expect(stdout).toContain('postnet.convolutions.0.0.conv.weight : 12x8x5 = 480\n');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      "Total trainable parameters: 3,288 (the model's 35 tensors; 40 other tensors in the file are not used)",
    );
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(
      "warning: ignored 3 entries of the checkpoint that are not weights: 'iteration' = 1000, 'optimizer' (dict of 2 " +
        "entries), 'learning_rate' = 0.001; the weights are under 'state_dict'",
    );
    expect(lines.at(-1)).toBe(
      "note: checkpoint_1000 holds 2 stacks: 'postnet.convolutions.*' (Tacotron 2 post-net, 5 layers), built; " +
        "'encoder.convolutions.*' (Tacotron 2 encoder convolutions, 3 layers): --stack encoder builds it",
    );
  });

  it('--stack encoder prints the encoder convolutions instead', async () => {
    const { status, stdout } = await runCli('inspect', ckpt('checkpoint_1000'), '--stack', 'encoder');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Encoder\(\n/);
    expect(stdout).toContain('encoder.convolutions.0.0.conv.weight : 12x12x5 = 720\n');
  });

  it.each([
    ['postnet_legacy.pt', /^Postnet\(/],
    ['postnet.safetensors', /^Postnet\(/],
    ['coqui_tacotron2.pth', /^Postnet\(\n {2}\(convolutions\): ModuleList\(\n {4}\(0\): ConvBNBlock\(/],
    ['espnet2_tacotron2.pth', /^Postnet\(\n {2}\(postnet\): ModuleList\(\n {4}\(0\): Sequential\(/],
  ])('%s', async (file, head) => {
    const { status, stdout } = await runCli('inspect', ckpt(file));
    expect(status).toBe(0);
    expect(stdout).toMatch(head);
  });
});

describe('postnet-studio process runs checkpoints as PyTorch does (within 1e-5 relative)', () => {
  it.each([
    ['postnet_io.npz', 'postnet_zip.pt'],
    ['postnet_io.npz', 'postnet_legacy.pt'],
    ['postnet_io.npz', 'postnet.safetensors'],
    ['postnet_fp16_io.npz', 'postnet_fp16.pt'],
    ['tacotron2_io.npz', 'checkpoint_1000'],
    ['coqui_io.npz', 'coqui_tacotron2.pth'],
    ['espnet_io.npz', 'espnet2_tacotron2.pth'],
  ])('%s with --weights %s', async (io, weights) => {
    const { status, out, expected } = await processFixture(io, weights);
    expect(status).toBe(0);
    expectClose(readOutput(out), expected, { rtol: 1e-5, atol: 1e-5 * scaleOf(expected), label: weights });
  });

  it('--arch LAYERS.json names the keys of a stack that is not a Tacotron 2 layout', async () => {
    const { status, stderr, out, expected } = await processFixture(
      'conv_stack_io.npz',
      'conv_stack.pt',
      '--arch',
      ckpt('conv_stack.arch.json'),
    );
    expect({ status, stderr }).toEqual({
      status: 0,
      stderr:
        "warning: ignored 1 entry of the checkpoint that is not weights: 'epoch' = 5; the weights are under 'net.model'\n",
    });
    expectClose(readOutput(out), expected, { rtol: 1e-5, atol: 1e-5 * scaleOf(expected) });
  });
});

describe('postnet-studio with checkpoints fails clearly: exit 1 (2 for usage), one line, no output', () => {
  const input = () => scratch.file('eight.npy', encodeNpyFloat32(new Float32Array(8 * 10), [8, 10]));

  it('--stack encoder on a file without one names what the file holds', async () => {
    const out = scratch.file('nope.npy');
    const { status, stderr } = await runCli(
      'process',
      input(),
      '--weights',
      ckpt('espnet2_tacotron2.pth'),
      '-o',
      out,
      '--n-mels',
      '8',
      '--stack',
      'encoder',
    );
    expect({ status, stderr }).toEqual({
      status: 1,
      stderr:
        "error: espnet2_tacotron2.pth: no encoder convolutions in these weights; they hold 'tts.dec.postnet.postnet.*' " +
        '(ESPnet Tacotron 2 post-net, 5 layers)\n',
    });
    expect(existsSync(out)).toBe(false);
  });

  it('a checkpoint whose pickle would run os.system: refused, naming the global; nothing ran', async () => {
    const marker = '/tmp/postnet-studio-pickle-ran';
    rmSync(marker, { force: true });
    const { status, stdout, stderr } = await runCli('inspect', ckpt('evil_os_system.pt'));
    expect({ status, stdout }).toEqual({ status: 1, stdout: '' });
    expect(stderr).toMatch(
      /^error: evil_os_system\.pt: .*refused: the pickle asks for the Python global '(posix|os)\.system'.*Nothing was run\n$/,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it.each([
    [['--stack', 'decoder'], "process: --stack must be one of postnet, encoder, got 'decoder'"],
    [['--stack', 'encoder', '--arch', 'a.json'], 'process: --arch and --stack cannot be used together'],
  ])('usage error %j', async (extra, message) => {
    const { status, stderr } = await runCli(
      'process',
      input(),
      '--weights',
      ckpt('checkpoint_1000'),
      '-o',
      scratch.file('u.npy'),
      ...extra,
    );
    expect(status).toBe(2);
    expect(stderr).toMatch(new RegExp(`^error: ${message.replace(/[()]/g, '\\$&')}.*\\n$`));
  });

  it('--stack without --weights is a usage error', async () => {
    const { status, stderr } = await runCli(
      'process',
      input(),
      '-o',
      scratch.file('u.npy'),
      '--stack',
      'encoder',
      '--n-mels',
      '8',
    );
    expect({ status, stderr }).toEqual({
      status: 2,
      stderr: 'error: process: --stack needs --weights PATH (see postnet-studio --help)\n',
    });
  });
});
