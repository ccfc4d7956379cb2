import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/main';

function captureStreams() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out, err };
}

afterEach(() => vi.restoreAllMocks());

describe('postnet-studio main', () => {
  it('--help prints usage and exits 0', async () => {
    const { out } = captureStreams();
    expect(await main(['--help'])).toBe(0);
    expect(out.join('')).toMatch(/postnet-studio mel IN\.wav -o OUT\.npy/);
  });

  it('an unknown command is a usage error: exit 2, one error line', async () => {
    const { err } = captureStreams();
    expect(await main(['frobnicate'])).toBe(2);
    const text = err.join('');
    expect(text).toMatch(/^error: unknown command 'frobnicate'/);
    expect(text.trim().split('\n')).toHaveLength(1);
  });

  it('no command at all is a usage error', async () => {
    const { err } = captureStreams();
    expect(await main([])).toBe(2);
    expect(err.join('')).toMatch(/^error: missing command/);
  });
});
