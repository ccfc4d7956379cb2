// @ts-check
// The browser host as `npm start`'s fallback: the web bundle (vite.web.config.ts, as `npm run web`)
// built and served on 127.0.0.1, its URL printed, the user's browser asked to open it where
// there is one. Serves until Ctrl-C (or SIGTERM).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { browserCommand } from './plan.mjs';

/**
 * @param {string} root the repository
 * @param {(line: string) => void} say
 * @returns {Promise<void>} when the server has stopped
 */
export async function serveInBrowser(root, say) {
  const { build, preview } = await import('vite');
  const configFile = resolve(root, 'vite.web.config.ts');
  say('npm start: building the browser version (as npm run web)…');
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({
    configFile,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 4173, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  const port = address && typeof address === 'object' ? address.port : 4173;
  const url = `http://127.0.0.1:${port}/`;
  say(`npm start: Postnet Studio is at ${url} (Ctrl-C to stop)`);
  openBrowser(url);
  await new Promise((done) => {
    const stop = () => {
      void server.close().then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Asks the platform to open `url`; never fails (no browser, no display: the URL is printed anyway). */
function openBrowser(url) {
  const command = browserCommand(process.platform, process.env, url);
  if (!command) return;
  try {
    const child = spawn(command.command, command.args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // nothing to open with: the printed URL is enough
  }
}
