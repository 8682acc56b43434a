import { makeTemplate, templateDir } from './pglite';

// Run by `npm ci` (postinstall). Failure only costs start-up time, so it never fails the install.
try {
  const made = await makeTemplate();
  process.stderr.write(made ? `relais: embedded database template ready (${templateDir})\n` : '');
} catch (err) {
  process.stderr.write(`relais: could not prepare the embedded database template: ${String(err)}\n`);
}
