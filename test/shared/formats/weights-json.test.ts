import { describe, expect, it } from 'vitest';
import { WeightsFormatError } from '../../../shared/errors';
import { parseWeightsJson } from '../../../shared/formats/weights-json';
import { readFixture } from '../../helpers/fixtures';

const json = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseWeightsJson', () => {
  it('reads {key: nested lists} as written by {k: v.tolist()} (the small post-net, no prefix)', () => {
    const tensors = parseWeightsJson(
      readFixture('weights', 'postnet_small', 'bare_tolist.json'),
      'bare.json',
    );
    expect(tensors.size).toBe(35);
    expect(tensors.get('convolutions.0.0.conv.weight')).toMatchObject({
      dtype: 'float32',
      shape: [16, 8, 5],
    });
    expect(tensors.get('convolutions.4.1.running_var')!.shape).toEqual([8]);
    expect(tensors.get('convolutions.0.1.num_batches_tracked')).toMatchObject({ dtype: 'int64', shape: [] });
  });

  it('reads {key: {shape, data}} nested under "state_dict", with other checkpoint fields as scalars', () => {
    const tensors = parseWeightsJson(
      readFixture('weights', 'postnet_small', 'checkpoint_shape_data.json'),
      'ck.json',
    );
    expect(tensors.get('iteration')).toMatchObject({ dtype: 'int64', shape: [] });
    expect(tensors.get('state_dict.postnet.convolutions.1.0.conv.weight')!.shape).toEqual([16, 16, 5]);
  });

  it('keeps values exactly as float32 and reads booleans and empty lists', () => {
    const tensors = parseWeightsJson(
      json('{"w": [[0.1, -2], [3, 4.5]], "flag": [true, false], "none": []}'),
      'x.json',
    );
    expect(Array.from(tensors.get('w')!.data)).toEqual([Math.fround(0.1), -2, 3, 4.5]);
    expect(Array.from(tensors.get('flag')!.data)).toEqual([1, 0]);
    expect(tensors.get('none')!.shape).toEqual([0]);
  });

  it('skips a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...json('{"a": [1]}')]);
    expect(parseWeightsJson(bytes, 'bom.json').get('a')!.shape).toEqual([1]);
  });
});

describe('parseWeightsJson fails clearly', () => {
  it.each([
    [
      'ragged lists, naming key and path',
      '{"w": [[1, 2, 3], [4, 5]]}',
      "x.json: key 'w' is ragged: at [1] expected a list of 3 items (like [0]), found 2 items",
    ],
    [
      'a number where a list belongs',
      '{"w": [[1, 2], 3]}',
      "x.json: key 'w' is ragged: at [1] expected a list of 2 items (like [0]), found number 3",
    ],
    [
      'a list where a number belongs',
      '{"w": [1, [2]]}',
      "x.json: key 'w': at [1] expected a number, found a list of 1",
    ],
    [
      'NaN as Python json.dump writes it',
      '{"a": [1], "w": [[0.5, NaN]]}',
      "x.json: key 'w' has a non-finite value (NaN) at index [0][1]",
    ],
    [
      '-Infinity',
      '{"w": {"shape": [2], "data": [1, -Infinity]}}',
      "x.json: key 'w' has a non-finite value (-Infinity) at index [1]",
    ],
    [
      '1e999 overflowing to Infinity',
      '{"w": [1e999]}',
      "x.json: key 'w' has a non-finite value (Infinity) at index [0]",
    ],
    ['null inside a list', '{"w": [1, null]}', "x.json: key 'w': at [1] expected a number, found null"],
    [
      'a string value',
      '{"name": "tacotron"}',
      "x.json: key 'name': at the top level expected a number, found a string of 8 characters",
    ],
    [
      'shape and data that disagree',
      '{"w": {"shape": [2, 2], "data": [1, 2, 3]}}',
      'x.json: key \'w\': "shape" [2, 2] holds 4 values, "data" has 3',
    ],
    [
      'ragged deep inside, after whole siblings: the path names the place',
      '{"w": [[[1, 2], [3, 4]], [[5, 6], [7]]]}',
      "x.json: key 'w' is ragged: at [1][1] expected a list of 2 items (like [0][0]), found 1 items",
    ],
    [
      'NaN deep inside, after whole siblings',
      '{"w": [[[1, 2], [3, 4]], [[5, NaN], [7, 8]]]}',
      "x.json: key 'w' has a non-finite value (NaN) at index [1][0][1]",
    ],
    ['a null value', '{"w": null}', "x.json: key 'w' holds null, not numbers"],
    [
      'a negative size in "shape"',
      '{"w": {"shape": [2, -1], "data": [1]}}',
      'x.json: key \'w\': "shape" must be a list of sizes, found [2,-1]',
    ],
    ['a top-level list', '[1, 2]', 'x.json: expected a JSON object of key → tensor, found a list of 2'],
    ['invalid JSON', '{"w": [1, 2', /^x\.json: not valid JSON: /],
  ])('on %s', (_, text, message) => {
    expect(() => parseWeightsJson(json(text), 'x.json')).toThrow(WeightsFormatError);
    expect(() => parseWeightsJson(json(text), 'x.json')).toThrow(message);
  });

  it('does not mistake "NaN" inside a string for a token', () => {
    expect(() => parseWeightsJson(json('{"NaN": [1, "NaN"]}'), 'x.json')).toThrow(
      `x.json: key 'NaN': at [1] expected a number, found a string of 3 characters`,
    );
  });
});
