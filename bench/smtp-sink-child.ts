import { startSmtpSink, type StallOptions } from '../test/support/smtp-sink';

// The benchmark's SMTP sink in a process of its own (forked with IPC), so receiving mail does
// not compete with the database or the measuring loop for one event loop. argv[2]: the stall
// options as JSON, if any.
const stall = process.argv[2] ? (JSON.parse(process.argv[2]) as StallOptions) : undefined;
const sink = await startSmtpSink({ parse: false, stall });
process.send!({ port: sink.port });
process.on('message', async (m: unknown) => {
  if (m === 'stats') {
    const counts = sink.counts();
    let duplicates = 0;
    for (const c of counts.values()) if (c > 1) duplicates += c - 1;
    process.send!({ distinct: counts.size, received: sink.received.length, duplicates, stalled: sink.stalled() });
  }
  if (m === 'stop') {
    await sink.close();
    process.exit(0);
  }
});
