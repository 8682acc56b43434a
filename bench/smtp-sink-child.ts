import { startSmtpSink } from '../test/support/smtp-sink';

// The benchmark's SMTP sink in a process of its own (forked with IPC), so receiving mail does
// not compete with the database or the measuring loop for one event loop.
const sink = await startSmtpSink({ parse: false });
process.send!({ port: sink.port });
process.on('message', async (m: unknown) => {
  if (m === 'stats') {
    const counts = sink.counts();
    let duplicates = 0;
    for (const c of counts.values()) if (c > 1) duplicates += c - 1;
    process.send!({ distinct: counts.size, received: sink.received.length, duplicates });
  }
  if (m === 'stop') {
    await sink.close();
    process.exit(0);
  }
});
