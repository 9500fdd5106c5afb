import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import archiver from 'archiver';
import { MANIFEST_DIR, REPO_ROOT } from '../src/paths.js';
import { fillManifest, manifestProblems, packagingValues, readLocalizations } from './appManifest.js';

/**
 * `npm run package`: builds appPackage.zip (manifest.json, its localization files, and the two
 * icons) for upload to Teams, from manifest/ and the environment. Refuses to write a package the
 * official schema rejects.
 */
async function main(): Promise<void> {
  const manifest = fillManifest(packagingValues(process.env));
  const localizations = readLocalizations(manifest);
  const problems = manifestProblems(manifest, localizations);
  if (problems.length > 0)
    throw new Error(`The manifest does not pass the Teams schema:\n  - ${problems.join('\n  - ')}`);

  const output = path.join(REPO_ROOT, 'appPackage.zip');
  const zip = archiver('zip', { zlib: { level: 9 } });
  const done = new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(output);
    stream.on('close', resolve);
    zip.on('error', reject);
    zip.pipe(stream);
  });
  zip.append(JSON.stringify(manifest, null, 2), { name: 'manifest.json' });
  for (const [file, document] of Object.entries(localizations))
    zip.append(JSON.stringify(document, null, 2), { name: file });
  for (const icon of ['color.png', 'outline.png'])
    zip.append(readFileSync(path.join(MANIFEST_DIR, icon)), { name: icon });
  await zip.finalize();
  await done;
  process.stdout.write(`Wrote ${output}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
