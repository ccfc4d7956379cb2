/**
 * `npm run bench [-- section [--option…]…]`: runs each section (all by default) and prints its
 * measurements; options after a section's name go to that section (`layers --seconds 60`,
 * `postnet --accuracy`). A section lives in its own file and is listed here.
 */
import { planSections, runSections } from './args';
import { browserSection } from './browser';
import { checkpointsSection } from './checkpoints';
import { demoPostnetSection } from './demo-postnet';
import { displaySection } from './display';
import { griffinLimSection } from './griffin-lim';
import { layersSection } from './layers';
import { melSection } from './mel';
import { postnetSection } from './postnet';
import type { BenchSection } from './timing';
import { wholeFileSection } from './whole-file';
import { workerSection } from './worker';

const SECTIONS: readonly BenchSection[] = [
  melSection,
  postnetSection,
  workerSection,
  layersSection,
  displaySection,
  checkpointsSection,
  griffinLimSection,
  demoPostnetSection,
  wholeFileSection,
  browserSection,
];

await runSections(() => planSections(process.argv.slice(2), SECTIONS));
