import type { Command, CliIo } from './command';

// Every command, loaded lazily: `cli intent` never pays for the database or the server.
// Static imports (not computed paths) so the bundled start-up build sees them all.
const commands: Record<string, () => Promise<{ default: Command }>> = {
  serve: () => import('./commands/serve'),
  migrate: () => import('./commands/migrate'),
  token: () => import('./commands/token'),
  seed: () => import('./commands/seed'),
  worker: () => import('./commands/worker'),
  ask: () => import('./commands/ask'),
  intent: () => import('./commands/intent'),
  reply: () => import('./commands/reply'),
};

// `cli intent --jsonl | head` closes our stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const io: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  stdin: process.stdin,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help') {
    io.stdout(`usage: npm run cli -- <command> [args]\ncommands: ${Object.keys(commands).join(', ')}`);
    return name ? 0 : 1;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    io.stderr(`unknown command: ${name}`);
    return 1;
  }
  return (await load()).default.run(args, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
