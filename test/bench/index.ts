/**
 * `npm run bench [-- section…]`: runs each section (all by default) and prints its measurements.
 * A section lives in its own file and is listed here.
 */
import { displaySection } from './display';
import { layersSection } from './layers';
import { melSection } from './mel';
import { postnetSection } from './postnet';
import type { BenchSection } from './timing';
import { workerSection } from './worker';

const SECTIONS: readonly BenchSection[] = [
  melSection,
  postnetSection,
  workerSection,
  layersSection,
  displaySection,
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !SECTIONS.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown bench section(s): ${unknown.join(', ')}; have: ${SECTIONS.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}
for (const section of SECTIONS) {
  if (wanted.length > 0 && !wanted.includes(section.name)) continue;
  console.log(`\n== ${section.name}: ${section.title} ==`);
  await section.run();
}
