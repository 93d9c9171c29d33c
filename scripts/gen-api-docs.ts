// Writes docs/api.md from the operation registry (`npm run docs:api`); with --check, fails if
// the committed file is out of date, so the reference can never drift from the code.
import fs from 'node:fs';
import { apiReferenceMarkdown } from '@mgramseva/core/node';

const file = 'docs/api.md';
const text = apiReferenceMarkdown();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== text) {
    console.error(`${file} is out of date with the operation registry: run \`npm run docs:api\` and commit it.`);
    process.exit(1);
  }
  console.log(`${file} is current.`);
} else {
  fs.writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
