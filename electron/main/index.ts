// Electron main process entry: everything is wired in app.ts.
import { startApp } from './app';

startApp(import.meta.dirname);
