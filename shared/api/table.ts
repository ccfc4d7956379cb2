/**
 * The one method → channel table: every call of `PostnetCalls`, the IPC channel it travels on in
 * Electron and the check main runs on its arguments before the host sees them. Everything else
 * on the way is derived from it: main's handlers (electron/main/ipc.ts), the preload's bridge
 * (electron/preload/create-bridge.ts) and the page's unwrapping (./bridge.ts). A new call is its
 * method in contract.ts, one row here, the validator of its request (validate-requests.ts) and the
 * host's method (shared/host/host.ts); docs/architecture.md shows the path.
 */
import type { MelConfig } from '../mel/config';
import type { FileSource, OpenIntent, OpenResult, PostnetCalls } from './contract';
import { validateAppSettings } from './settings';
import { expectArgCount } from './validate';
import { validateBuiltInWeights, validateSynthesisRequest } from './validate-listen';
import {
  validateExplainRequest,
  validateLayerFiltersRequest,
  validateTensorExportRequest,
  validateTextRunRequest,
} from './validate-microscope';
import {
  validateDocumentName,
  validateExportRequest,
  validateId,
  validateLayerOutputRequest,
  validateMelConfigArg,
  validateOpenIntent,
  validateProcessRequest,
  validateStackRole,
  validateWireFileSource,
} from './validate-requests';

export type CallName = keyof PostnetCalls;
export type CallResult<M extends CallName> = Awaited<ReturnType<PostnetCalls[M]>>;

/**
 * A FileSource as it reaches main. The page never sends paths: the preload turns a `dropped`
 * source's `File`s into the paths they came from (`resolved-drop`, which the page cannot send:
 * the preload accepts only a `FileSource`); every other kind crosses unchanged.
 */
export type WireFileSource =
  Exclude<FileSource, { kind: 'dropped' }> | { kind: 'resolved-drop'; paths: readonly string[] };

/** The calls with files named by `Source`: the page's `FileSource` in the browser, the wire's in main. */
export type HostCalls<Source> = Omit<PostnetCalls, 'open'> & {
  open(source: Source, intent: OpenIntent, melConfig?: MelConfig): Promise<OpenResult>;
};

/** The calls as main's host answers them. */
export type WireCalls = HostCalls<WireFileSource>;

/** A call's arguments as they cross IPC. */
export type WireArgs<M extends CallName> = Parameters<WireCalls[M]>;

export interface TableRow<M extends CallName> {
  /** The `ipcMain.handle` / `ipcRenderer.invoke` channel. */
  channel: `postnet:${string}`;
  /** Checks the raw arguments and returns them typed (fresh copies); throws InvalidArgumentError. */
  validate: (args: readonly unknown[]) => WireArgs<M>;
}

export type ApiTable = { readonly [M in CallName]: TableRow<M> };

const noArguments =
  (name: CallName) =>
  (args: readonly unknown[]): [] => {
    expectArgCount(args, name, 0);
    return [];
  };

export const API_TABLE = {
  startup: { channel: 'postnet:startup', validate: noArguments('startup') },
  open: {
    channel: 'postnet:open',
    validate: (args) => {
      expectArgCount(args, 'open', 2, 3);
      const source = validateWireFileSource(args[0]);
      const intent = validateOpenIntent(args[1]);
      return args[2] === undefined || args[2] === null
        ? [source, intent]
        : [source, intent, validateMelConfigArg(args[2])];
    },
  },
  remel: {
    channel: 'postnet:remel',
    validate: (args) => {
      expectArgCount(args, 'remel', 2);
      return [validateId(args[0], 'inputId'), validateMelConfigArg(args[1])];
    },
  },
  relabel: {
    channel: 'postnet:relabel',
    validate: (args) => {
      expectArgCount(args, 'relabel', 2);
      return [validateId(args[0], 'inputId'), validateMelConfigArg(args[1])];
    },
  },
  defaultWeights: {
    channel: 'postnet:default-weights',
    validate: (args) => {
      expectArgCount(args, 'defaultWeights', 0, 1);
      return args[0] === undefined || args[0] === null ? [] : [validateBuiltInWeights(args[0])];
    },
  },
  chooseStack: {
    channel: 'postnet:choose-stack',
    validate: (args) => {
      expectArgCount(args, 'chooseStack', 2);
      return [validateId(args[0], 'weightsId'), validateStackRole(args[1])];
    },
  },
  process: {
    channel: 'postnet:process',
    validate: (args) => (expectArgCount(args, 'process', 1), [validateProcessRequest(args[0])]),
  },
  layerOutput: {
    channel: 'postnet:layer-output',
    validate: (args) => (expectArgCount(args, 'layerOutput', 1), [validateLayerOutputRequest(args[0])]),
  },
  smooth: {
    channel: 'postnet:smooth',
    validate: (args) => (expectArgCount(args, 'smooth', 1), [validateId(args[0], 'inputId')]),
  },
  inputAudio: {
    channel: 'postnet:input-audio',
    validate: (args) => (expectArgCount(args, 'inputAudio', 1), [validateId(args[0], 'inputId')]),
  },
  synthesize: {
    channel: 'postnet:synthesize',
    validate: (args) => (expectArgCount(args, 'synthesize', 1), [validateSynthesisRequest(args[0])]),
  },
  exportResult: {
    channel: 'postnet:export',
    validate: (args) => (expectArgCount(args, 'exportResult', 1), [validateExportRequest(args[0])]),
  },
  explain: {
    channel: 'postnet:explain',
    validate: (args) => (expectArgCount(args, 'explain', 1), [validateExplainRequest(args[0])]),
  },
  textRun: {
    channel: 'postnet:text-run',
    validate: (args) => (expectArgCount(args, 'textRun', 1), [validateTextRunRequest(args[0])]),
  },
  layerFilters: {
    channel: 'postnet:layer-filters',
    validate: (args) => (expectArgCount(args, 'layerFilters', 1), [validateLayerFiltersRequest(args[0])]),
  },
  tensorStats: {
    channel: 'postnet:tensor-stats',
    validate: (args) => (expectArgCount(args, 'tensorStats', 1), [validateId(args[0], 'weightsId')]),
  },
  exportTensor: {
    channel: 'postnet:export-tensor',
    validate: (args) => (expectArgCount(args, 'exportTensor', 1), [validateTensorExportRequest(args[0])]),
  },
  showRecent: { channel: 'postnet:show-recent', validate: noArguments('showRecent') },
  cancel: { channel: 'postnet:cancel', validate: noArguments('cancel') },
  setTitle: {
    channel: 'postnet:set-title',
    validate: (args) => (expectArgCount(args, 'setTitle', 1), [validateDocumentName(args[0])]),
  },
  saveSettings: {
    channel: 'postnet:save-settings',
    validate: (args) => (expectArgCount(args, 'saveSettings', 1), [validateAppSettings(args[0])]),
  },
} as const satisfies ApiTable;

/** Every call, in table order. */
export const CALL_NAMES = Object.keys(API_TABLE) as CallName[];

/** The events of PostnetApi, which travel on a MessagePort rather than a channel each (./ipc.ts). */
export const EVENT_NAMES = ['onProgress', 'onResultPart', 'onCommand'] as const;

/**
 * Calls `name` on `calls` with arguments already checked for it: the one place the table's
 * per-method types meet a name known only at run time.
 */
export function invokeCall<C extends Record<CallName, unknown>, M extends CallName>(
  calls: C,
  name: M,
  args: readonly unknown[],
): Promise<CallResult<M>> {
  const method = calls[name] as (...args: readonly unknown[]) => Promise<CallResult<M>>;
  return method.apply(calls, [...args]);
}
