/**
 * The little of the protocol buffers wire format an ONNX model needs, written by hand (no
 * protobuf dependency): varints, length-delimited fields (strings, bytes, nested messages) and
 * 32-bit floats. A message is built as a list of encoded fields and joined once.
 * https://protobuf.dev/programming-guides/encoding/
 */
import { strToU8 } from 'fflate';

const WIRE_VARINT = 0;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

/** An unsigned varint of a non-negative safe integer (int64 fields here never hold negatives). */
function varint(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`protobuf varint: ${value} is not a non-negative safe integer`);
  }
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

const tag = (field: number, wire: number): number[] => varint(field * 8 + wire);

/** An encoded message (or part of one): bytes to concatenate. */
export type Encoded = Uint8Array;

export function join(parts: readonly Encoded[]): Encoded {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** An integer field (int32, int64 or enum), or one element of an unpacked repeated one. */
export function intField(field: number, value: number): Encoded {
  return Uint8Array.from([...tag(field, WIRE_VARINT), ...varint(value)]);
}

/** A bytes field, or a nested message already encoded. */
export function bytesField(field: number, bytes: Encoded): Encoded {
  return join([Uint8Array.from([...tag(field, WIRE_LENGTH), ...varint(bytes.length)]), bytes]);
}

export function stringField(field: number, text: string): Encoded {
  return bytesField(field, strToU8(text));
}

export function floatField(field: number, value: number): Encoded {
  const bytes = new Uint8Array(tag(field, WIRE_FIXED32).length + 4);
  bytes.set(tag(field, WIRE_FIXED32));
  new DataView(bytes.buffer).setFloat32(bytes.length - 4, value, true);
  return bytes;
}

/** A nested message from its fields. */
export function messageField(field: number, fields: readonly Encoded[]): Encoded {
  return bytesField(field, join(fields));
}
