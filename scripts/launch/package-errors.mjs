// @ts-check
// What `npm run package` says when electron-builder fails: one line, the cause in words, and what
// to do when it is the download of Electron (or of electron-builder's tools) that failed.

/** Error codes and texts that mean the network (or a mirror) could not be reached. */
const NETWORK =
  /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|CERT_|UNABLE_TO_GET_ISSUER)|fetch failed|socket hang up|getaddrinfo|Response code \d+/;

/**
 * The first line of an error's message, without a URL or a stack.
 * @param {unknown} error
 */
function firstLine(error) {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').replace(/\s+(for|at)\s+\S+:\/\/\S+/g, '').trim();
}

/**
 * The one line `npm run package` prints for `error` (after `error: `).
 * @param {unknown} error
 * @returns {string}
 */
export function describePackagingFailure(error) {
  const reason = firstLine(error);
  const code = /** @type {{ code?: unknown }} */ (error ?? {}).code;
  if (NETWORK.test(reason) || (typeof code === 'string' && NETWORK.test(code))) {
    return (
      `cannot package: the Electron release (and electron-builder's tools) could not be downloaded (${reason}); ` +
      'packaging needs them once per version: set ELECTRON_MIRROR (and ELECTRON_BUILDER_BINARIES_MIRROR) to mirrors ' +
      'you can reach, or run npm run package where the network is open'
    );
  }
  return `cannot package: ${reason || 'electron-builder failed'}`;
}
