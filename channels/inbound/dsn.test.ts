import { describe, expect, it } from 'vitest';
import { bounceOfReport, isDeliveryReport, readDeliveryStatus } from './dsn';

const REPORT = `Reporting-MTA: dns; mail.atelier.fr
Arrival-Date: Thu,  3 Dec 2026 10:12:44 +0100 (CET)

Final-Recipient: rfc822; a@x.fr
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.x.fr[198.51.100.4]:25:
    Connection timed out

Final-Recipient: rfc822; B@Y.FR
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown
`;

describe('RFC 3464 delivery-status', () => {
  it('reads one block per recipient, unfolding continued lines', () => {
    expect(readDeliveryStatus(REPORT)).toEqual([
      { recipient: 'a@x.fr', action: 'delayed', status: '4.4.1', diagnostic: 'X-Postfix; connect to mx.x.fr[198.51.100.4]:25: Connection timed out' },
      { recipient: 'b@y.fr', action: 'failed', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 User unknown' },
    ]);
  });

  it('hard when any recipient failed for good, soft when only delayed, none when delivered', () => {
    const [delayed, failed] = readDeliveryStatus(REPORT);
    expect(bounceOfReport([delayed, failed])).toBe('bounce_hard');
    expect(bounceOfReport([delayed])).toBe('bounce_soft');
    expect(bounceOfReport([{ action: 'failed', status: '4.2.2' }])).toBe('bounce_soft');
    expect(bounceOfReport([{ action: 'delivered', status: '2.0.0' }])).toBeNull();
  });

  it('recognises the report content type, quoted or not', () => {
    expect(isDeliveryReport('multipart/report; report-type=delivery-status; boundary="x"')).toBe(true);
    expect(isDeliveryReport('multipart/report; boundary="x"; report-type="delivery-status"')).toBe(true);
    expect(isDeliveryReport('multipart/report; report-type=disposition-notification')).toBe(false);
  });
});
