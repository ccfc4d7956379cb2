import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';

describe('postnet-studio main', () => {
  it('--help prints usage and exits 0', async () => {
    const { status, stdout, stderr } = await runCli('--help');
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toMatch(/postnet-studio mel IN\.wav -o OUT\.npy/);
    expect(stdout).toMatch(/postnet-studio COMMAND --help/);
  });

  it('an unknown command is a usage error: exit 2, one error line', async () => {
    const { status, stderr } = await runCli('frobnicate');
    expect(status).toBe(2);
    expect(stderr).toMatch(/^error: unknown command 'frobnicate'/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('no command at all is a usage error', async () => {
    const { status, stderr } = await runCli();
    expect(status).toBe(2);
    expect(stderr).toMatch(/^error: missing command/);
  });
});

describe('postnet-studio COMMAND --help', () => {
  it.each([
    [['mel', '--help'], /^Usage: postnet-studio mel IN\.wav -o OUT\.npy /],
    [['mel', '-h'], /^Usage: postnet-studio mel IN\.wav -o OUT\.npy /],
    [['mel', 'speech.wav', '--n-mels', '64', '--help'], /^Usage: postnet-studio mel /],
    [['process', '--help'], /^Usage: postnet-studio process IN\.\(wav\|npy\) \[--weights PATH\] -o OUT\.npy/],
    [['process', '-h'], /^Usage: postnet-studio process /],
    [
      ['inspect', '--help'],
      /^Usage: postnet-studio inspect \[PATH \| untrained\] \[--stack postnet\|encoder\] \[--arch LAYERS\.json\]\n/,
    ],
    [['inspect', '-h'], /^Usage: postnet-studio inspect \[PATH \| untrained\] /],
    [['help', 'process'], /^Usage: postnet-studio process /],
  ])('%j prints that command’s usage on stdout and exits 0', async (argv, usage) => {
    const { status, stdout, stderr } = await runCli(...argv);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toMatch(usage);
  });

  it('mel and process list the mel options; process says what leaving out --weights does', async () => {
    for (const command of ['mel', 'process']) {
      const { stdout } = await runCli(command, '--help');
      for (const option of [
        '--preset',
        '--sample-rate',
        '--n-fft',
        '--win',
        '--hop',
        '--n-mels',
        '--fmin',
        '--fmax',
      ]) {
        expect(stdout).toContain(`  ${option} `);
      }
    }
    expect((await runCli('process', '--help')).stdout).toMatch(/without it the bundled demo post-net runs/);
  });

  it('fails clearly: help for an unknown command is a usage error', async () => {
    const { status, stdout, stderr } = await runCli('help', 'frobnicate');
    expect({ status, stdout }).toEqual({ status: 2, stdout: '' });
    expect(stderr).toBe(
      "error: unknown command 'frobnicate' (expected one of: mel, process, inspect, explain, griffin-lim, export-onnx, weights) (see postnet-studio --help)\n",
    );
  });

  it('fails clearly: after `--`, --help is an argument, not a request for help', async () => {
    const { status, stdout, stderr } = await runCli('inspect', '--', '--help');
    expect({ status, stdout }).toEqual({ status: 1, stdout: '' });
    expect(stderr).toBe('error: cannot read --help: no such file or directory\n');
  });
});
