/**
 * The Electron wire contract under PostnetApi: one invoke channel per call, its argument tuple,
 * its result, and the validator main runs on the arguments before anything else. Main's typed
 * `handle()` and the preload are written against this map; nothing else names a channel.
 * Events (progress, host commands) travel over a MessagePort, not a channel per event.
 */
import type { MelConfig } from '../mel/config';
import type {
  ExportRequest,
  ExportResult,
  FileSource,
  HostCommand,
  InputDocument,
  JobProgress,
  LayerActivations,
  LayerOutputRequest,
  OpenIntent,
  OpenResult,
  ProcessRequest,
  ProcessResult,
  StartupState,
  WeightsSummary,
} from './contract';
import { expectArgCount } from './validate';
import {
  validateDocumentName,
  validateExportRequest,
  validateId,
  validateLayerOutputRequest,
  validateMelConfigArg,
  validateOpenIntent,
  validateProcessRequest,
  validateWireFileSource,
} from './validate-requests';

/** A FileSource on the wire: the preload replaces dropped `File`s by the paths they came from. */
export type WireFileSource =
  Exclude<FileSource, { kind: 'dropped' }> | { kind: 'dropped-paths'; paths: readonly string[] };

export interface IpcInvokeContract {
  'postnet:startup': { args: []; result: StartupState };
  'postnet:open': {
    args: [source: WireFileSource, intent: OpenIntent, melConfig: MelConfig | null];
    result: OpenResult;
  };
  'postnet:remel': { args: [inputId: string, melConfig: MelConfig]; result: InputDocument };
  'postnet:default-weights': { args: []; result: WeightsSummary };
  'postnet:process': { args: [request: ProcessRequest]; result: ProcessResult };
  'postnet:layer-output': { args: [request: LayerOutputRequest]; result: LayerActivations };
  'postnet:export': { args: [request: ExportRequest]; result: ExportResult | null };
  'postnet:cancel': { args: []; result: null };
  'postnet:set-title': { args: [documentName: string | null]; result: null };
  /** Asks main for the events MessagePort, which arrives on `EVENTS_PORT_CHANNEL`. */
  'postnet:connect-events': { args: []; result: null };
}

export type InvokeChannel = keyof IpcInvokeContract;
export type InvokeArgs<C extends InvokeChannel> = IpcInvokeContract[C]['args'];
export type InvokeResult<C extends InvokeChannel> = IpcInvokeContract[C]['result'];

/** Main → preload: carries the events MessagePort (`event.ports[0]`). */
export const EVENTS_PORT_CHANNEL = 'postnet:events-port';

/** What main posts on the events port. */
export type HostEvent =
  { type: 'progress'; progress: JobProgress } | { type: 'command'; command: HostCommand };

type ArgsValidator<C extends InvokeChannel> = (args: readonly unknown[]) => InvokeArgs<C>;

/** Every channel's argument check; main refuses a call before its handler runs if this throws. */
export const INVOKE_VALIDATORS: { readonly [C in InvokeChannel]: ArgsValidator<C> } = {
  'postnet:startup': (args) => (expectArgCount(args, 'startup', 0), []),
  'postnet:open': (args) => {
    expectArgCount(args, 'open', 2, 3);
    const melConfig = args[2] === undefined || args[2] === null ? null : validateMelConfigArg(args[2]);
    return [validateWireFileSource(args[0]), validateOpenIntent(args[1]), melConfig];
  },
  'postnet:remel': (args) => {
    expectArgCount(args, 'remel', 2);
    return [validateId(args[0], 'inputId'), validateMelConfigArg(args[1])];
  },
  'postnet:default-weights': (args) => (expectArgCount(args, 'defaultWeights', 0), []),
  'postnet:process': (args) => (expectArgCount(args, 'process', 1), [validateProcessRequest(args[0])]),
  'postnet:layer-output': (args) => (
    expectArgCount(args, 'layerOutput', 1),
    [validateLayerOutputRequest(args[0])]
  ),
  'postnet:export': (args) => (expectArgCount(args, 'exportResult', 1), [validateExportRequest(args[0])]),
  'postnet:cancel': (args) => (expectArgCount(args, 'cancel', 0), []),
  'postnet:set-title': (args) => (expectArgCount(args, 'setTitle', 1), [validateDocumentName(args[0])]),
  'postnet:connect-events': (args) => (expectArgCount(args, 'connectEvents', 0), []),
};

export const INVOKE_CHANNELS = Object.keys(INVOKE_VALIDATORS) as InvokeChannel[];
