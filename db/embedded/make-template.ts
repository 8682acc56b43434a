import { openDatabase } from '../connection';
import { makeMigratedTemplate, makeTemplate, migratedTemplateDir, templateDir } from './pglite';

// Run by `npm ci` (postinstall). Failure only costs start-up time, so it never fails the install.
try {
  if (await makeTemplate()) process.stderr.write(`relais: embedded database template ready (${templateDir})\n`);
  const made = await makeMigratedTemplate(async (dataDir) => {
    const db = await openDatabase({ dataDir, poolSize: 1 });
    await db.close();
  });
  if (made) process.stderr.write(`relais: migrated template ready (${migratedTemplateDir()})\n`);
} catch (err) {
  process.stderr.write(`relais: could not prepare the embedded database template: ${String(err)}\n`);
}
