/** Errors of the Conv1d microscope. */
import { PostnetError } from '../errors';

/**
 * A cell that does not exist: the message names the index, its value and the valid range
 * (`channel 600 is out of range: layer 0 (postnet.convolutions.0) has 512 output channels (0…511)`).
 */
export class CellIndexError extends PostnetError {
  constructor(
    /** `layer`, `channel`, `frame` or `char`. */
    readonly index: string,
    readonly value: number,
    /** How many valid values there are: 0 … count − 1. */
    readonly count: number,
    message: string,
  ) {
    super(message);
  }
}

/** Text that gives the encoder nothing to run over (every character dropped by the cleaners). */
export class TextInputError extends PostnetError {}
