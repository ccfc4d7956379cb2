/** The browser host's page edge: reading dropped files and fetching the bundled sample, with its errors. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError, SampleMissingError } from '../../../../shared/api/errors';
import type { DroppedFile } from '../../../../shared/api/contract';
import { fetchSample, readFile } from '../../../../renderer/src/host/browser/files';
import { rejectionOf } from '../../../helpers/rejection';

afterEach(() => vi.unstubAllGlobals());

describe('browser host files', () => {
  it('reads dropped Files as bytes under their names', async () => {
    const read = await readFile(new File([new Uint8Array([1, 2, 3])], 'a.wav'));
    expect(read).toEqual({ name: 'a.wav', bytes: new Uint8Array([1, 2, 3]) });
  });

  it('fails clearly for something that is not a File: InvalidArgumentError naming it', async () => {
    const forged = { name: 'forged.wav' } as DroppedFile;
    const error = await rejectionOf(readFile(forged));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe('forged.wav: not a File from a drop or a file chooser');
  });

  it('fetches the sample beside the page', async () => {
    vi.stubGlobal('document', { baseURI: 'http://127.0.0.1:4173/app/' });
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: URL) => {
      fetched.push(url.href);
      return new Response(new Uint8Array([82, 73, 70, 70]));
    });
    expect(await fetchSample()).toEqual({ name: 'sample.wav', bytes: new Uint8Array([82, 73, 70, 70]) });
    expect(fetched).toEqual(['http://127.0.0.1:4173/app/samples/sample.wav']);
  });

  it('fails clearly when the sample is missing: SampleMissingError with the path, the status and what to do', async () => {
    vi.stubGlobal('document', { baseURI: 'http://127.0.0.1:4173/app/' });
    vi.stubGlobal('fetch', async () => new Response('not found', { status: 404 }));
    const error = await rejectionOf(fetchSample());
    expect(error).toBeInstanceOf(SampleMissingError);
    expect(error.message).toBe(
      'the bundled sample /app/samples/sample.wav could not be loaded (HTTP 404); drop a WAV instead',
    );
  });
});
