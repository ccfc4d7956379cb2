/** Each contract channel mapped to the service method that answers it. */
import { UntrustedSenderError } from '../../shared/api/errors';
import type { HostEvents, InvokeHandlers } from './ipc';
import type { PostnetService } from './service';

export function apiHandlers(service: PostnetService, events: HostEvents): InvokeHandlers {
  return {
    'postnet:startup': () => service.startup(),
    'postnet:open': ([source, intent, melConfig]) => service.open(source, intent, melConfig),
    'postnet:remel': ([inputId, melConfig]) => service.remel(inputId, melConfig),
    'postnet:default-weights': () => service.defaultWeights(),
    'postnet:process': ([request]) => service.process(request),
    'postnet:layer-output': ([request]) => service.layerOutput(request),
    'postnet:export': ([request]) => service.exportResult(request),
    'postnet:cancel': () => {
      service.cancel();
      return null;
    },
    'postnet:set-title': ([documentName]) => {
      service.setTitle(documentName);
      return null;
    },
    'postnet:connect-events': (_args, { event }) => {
      if (!event.senderFrame) throw new UntrustedSenderError('the calling frame is gone');
      events.connect(event.senderFrame);
      return null;
    },
  };
}
