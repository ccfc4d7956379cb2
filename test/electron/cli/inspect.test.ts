import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useScratchFolder } from '../../helpers/cli';
import { encodeNpz } from '../../../shared/formats/npz';
import { defaultPostnetTensors } from '../../../shared/model/defaults';
import { fixturePath } from '../../helpers/fixtures';
import { fullCheckpointNpz } from '../../e2e/helpers/weights-npz';

const scratch = useScratchFolder('inspect-cli');
const run = runCli;

describe('postnet-studio inspect', () => {
  it('prints a full Tacotron 2 post-net as PyTorch does, one line per tensor, and 4,348,144', async () => {
    const path = join(scratch.dir, 'tacotron2_postnet.npz');
    writeFileSync(path, encodeNpz(defaultPostnetTensors(), { compress: true }));
    const { status, stdout, stderr } = await run('inspect', path);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const printed = readFileSync(fixturePath('conv', 'postnet_print.txt'), 'utf8');
    expect(stdout.startsWith(printed)).toBe(true);
    const lines = stdout.split('\n');
    expect(lines).toContain('postnet.convolutions.0.0.conv.weight : 512x80x5 = 204800');
    expect(lines).toContain('postnet.convolutions.4.0.conv.bias : 80 = 80');
    expect(lines.filter((l) => / : [\dx]+|scalar = \d+$/.test(l))).toHaveLength(35);
    expect(lines.at(-2)).toBe('Total trainable parameters: 4,348,144');
  });

  it('a whole converted checkpoint: every tensor listed, unused ones marked, the total says what it counts', async () => {
    const path = join(scratch.dir, 'checkpoint_module.npz');
    writeFileSync(path, fullCheckpointNpz());
    const { status, stdout } = await run('inspect', path);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines).toContain('module.embedding.weight : 148x512 = 75776 (unused)');
    expect(lines).toContain('module.postnet.convolutions.4.0.conv.bias : 80 = 80');
    expect(lines.filter((l) => l.endsWith(' (unused)'))).toHaveLength(30);
    expect(lines.at(-2)).toBe(
      "Total trainable parameters: 4,348,144 (the model's 35 tensors; 30 other tensors in the file are not used)",
    );
  });

  it('reads a folder of .npy files, noting files it skipped on stderr', async () => {
    const folder = join(scratch.dir, 'npy');
    mkdirSync(folder);
    const source = fixturePath('weights', 'postnet_small', 'npy');
    for (const name of readdirSync(source))
      writeFileSync(join(folder, name), readFileSync(join(source, name)));
    writeFileSync(join(folder, 'README.txt'), 'notes');
    const { status, stdout, stderr } = await run('inspect', folder);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Postnet\(\n/);
    expect(stdout).toMatch(/\(conv\): Conv1d\(8, 16, kernel_size=\(5,\), stride=\(1,\), padding=\(2,\)\)/);
    expect(stdout.split('\n')[stdout.split('\n').indexOf('') + 1]).toBe(
      'postnet.convolutions.0.0.conv.weight : 16x8x5 = 640',
    );
    expect(stderr).toBe(`warning: ${folder}: ignored 1 file(s) that are not .npy: README.txt\n`);
  });

  it('prints an explicit layer JSON as an nn.Sequential', async () => {
    const { status, stdout } = await run(
      'inspect',
      fixturePath('conv', 'modules', 'strided_dilated_grouped.json'),
    );
    expect(status).toBe(0);
    expect(
      stdout.startsWith(readFileSync(fixturePath('conv', 'modules', 'strided_dilated_grouped.txt'), 'utf8')),
    ).toBe(true);
  });

  it('reports unused tensors as warnings on stderr', async () => {
    const { status, stderr } = await run(
      'inspect',
      fixturePath('weights', 'encoder_small', 'tacotron2_fragment.npz'),
    );
    expect(status).toBe(0);
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      "warning: 'embedding.weight' [10, 12] is not run: the encoder convolutions take the embedded text [12, n_chars] as input, not symbol ids",
      "warning: 8 unused tensors under 'encoder.lstm' ('encoder.lstm.weight_ih_l0', 'encoder.lstm.weight_hh_l0', …): not part of the Tacotron 2 encoder convolutions",
    ]);
  });
});

describe('postnet-studio inspect fails clearly', () => {
  it('on a missing path: exit 1, one error line', async () => {
    const missing = join(scratch.dir, 'nope.npz');
    expect(await run('inspect', missing)).toEqual({
      status: 1,
      stdout: '',
      stderr: `error: cannot read ${missing}: no such file or directory\n`,
    });
  });

  it('on a file that is not weights', async () => {
    const path = join(scratch.dir, 'notes.txt');
    writeFileSync(path, 'hello world');
    const { status, stdout, stderr } = await run('inspect', path);
    expect({ status, stdout }).toEqual({ status: 1, stdout: '' });
    expect(stderr).toBe(
      'error: notes.txt: unknown weights format: starts with text (not shown); expected .npy ("\\x93NUMPY"), .npz or torch.save (a ZIP, "PK"), legacy torch.save ("\\x80\\x02"), .safetensors or JSON ("{")\n',
    );
  });

  it('on a folder without .npy files', async () => {
    const empty = join(scratch.dir, 'empty');
    mkdirSync(empty);
    const { status, stderr } = await run('inspect', empty);
    expect(status).toBe(1);
    expect(stderr).toBe(
      `error: ${empty}: no .npy files in this folder (expected one file per tensor, named by its state_dict key)\n`,
    );
  });

  it('on weights that build no model (NaN, missing keys)', async () => {
    const nan = await run('inspect', fixturePath('weights', 'npy', 'nan_f4.npy'));
    expect(nan).toMatchObject({
      status: 1,
      stderr: "error: nan_f4.npy: key 'nan_f4' has a non-finite value (NaN) at index [1, 0]\n",
    });
  });

  it('with two PATHs: usage error, exit 2', async () => {
    const two = await run('inspect', 'a', 'b');
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/^error: inspect: expected one weights PATH/);
  });
});

describe('postnet-studio inspect without PATH: the built-in weights', () => {
  it('prints the bundled demo post-net (128 wide, 349,936 parameters), named in a note', async () => {
    const { status, stdout, stderr } = await run('inspect');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Postnet\(\n/);
    expect(stdout).toContain('(conv): Conv1d(80, 128, kernel_size=(5,), stride=(1,), padding=(2,))');
    expect(stdout).toContain('postnet.convolutions.4.0.conv.weight : 80x128x5 = 51200\n');
    expect(stdout).toMatch(/Total trainable parameters: 349,936\n$/);
    expect(stderr).toMatch(
      /^note: no PATH given; using the demo post-net \(trained to undo decoder-like smoothing/,
    );
  });

  it("'untrained' prints the untrained Tacotron 2 post-net (4,348,144 parameters)", async () => {
    const { status, stdout, stderr } = await run('inspect', 'untrained');
    expect(status).toBe(0);
    expect(stdout).toMatch(/Total trainable parameters: 4,348,144\n$/);
    expect(stderr).toMatch(/^note: --weights untrained: using the untrained Tacotron 2 post-net/);
  });
});
