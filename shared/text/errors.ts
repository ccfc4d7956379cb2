/** Errors of the text front end (cleaners, number expansion, symbol ids). */
import { PostnetError } from '../errors';

/**
 * Text NVIDIA's cleaners cannot turn into symbols: a number longer than inflect reads (36 digits)
 * or a money amount numbers.py fails on (`$1,.5`). The message quotes the text and says why.
 */
export class TextNormalizationError extends PostnetError {}
