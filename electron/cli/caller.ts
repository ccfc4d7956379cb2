/**
 * Where relative paths on the command line are meant from. `npm run cli -- …` runs the CLI in the
 * repository's root, but the user typed the paths in their own folder, which npm passes as
 * INIT_CWD; any other way of starting the CLI (`postnet-studio`, `npx`, `node out/main/cli.js`,
 * another package's npm script) keeps the working directory it was given.
 */

/** The folder to resolve paths against when it is not the working directory, else null. */
export function callerDirectory(env: Readonly<Record<string, string | undefined>>): string | null {
  const fromOurScript = env['npm_lifecycle_event'] === 'cli' && env['npm_package_name'] === 'postnet-studio';
  const initCwd = env['INIT_CWD'];
  return fromOurScript && initCwd ? initCwd : null;
}
