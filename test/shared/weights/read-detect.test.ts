import { readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as detect from '../../../shared/formats/detect';
import { parseWeightFiles } from '../../../shared/weights/read';
import { fixturePath, readFixture } from '../../helpers/fixtures';

vi.mock('../../../shared/formats/detect', async (importOriginal) => {
  const actual = await importOriginal<typeof detect>();
  return { ...actual, detectWeightFile: vi.fn(actual.detectWeightFile) };
});

describe('parseWeightFiles detects each file once', () => {
  it('a folder of 35 .npy files: 35 detections, still sorted into state_dict order', () => {
    const folder = fixturePath('weights', 'postnet_small', 'npy');
    const files = readdirSync(folder).map((name) => ({
      name,
      bytes: readFixture('weights', 'postnet_small', 'npy', name),
    }));
    vi.mocked(detect.detectWeightFile).mockClear();
    const tensors = parseWeightFiles(files);
    expect(vi.mocked(detect.detectWeightFile)).toHaveBeenCalledTimes(files.length);
    expect([...tensors.keys()][0]).toBe('postnet.convolutions.0.0.conv.weight');
  });
});
