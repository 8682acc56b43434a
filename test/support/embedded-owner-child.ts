import { startEmbedded } from '../../db/embedded/server';

// A process that owns an embedded data dir and serves it until it is killed (tests kill it).
const endpoint = await startEmbedded(process.argv[2]);
process.stdout.write(`ready ${endpoint.host}\n`);
setInterval(() => {}, 60_000);
