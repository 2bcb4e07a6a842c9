import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../lint.ts';

const path = join(import.meta.dirname, '../../fixtures/zone/mail-records/txt-unrelated.zone');

describe('another service\'s TXT record beside the real _mta-sts / _smtp._tls record', () => {
  it('is a hint beside a real one; alone, or as a near miss of the tag, the record rules still apply', () => {
    const text = readFileSync(path, 'utf8');
    const found = lintText(text, 'zone', { path }).map((d) => [d.code, d.severity, d.range.start, d.range.end, text.slice(d.range.start, d.range.end)]);
    expect(found).toEqual([
      ['zone/txt-unrelated', 'hint', 206, 292, '_mta-sts IN TXT "google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ"'],
      ['zone/txt-unrelated', 'hint', 352, 385, '_smtp._tls IN TXT "MS=ms12345678"'],
      // Alone at `_smtp._tls.sub`: the record that stands there is broken, and says so.
      ['tlsrpt-txt/unknown-field', 'hint', 409, 433, 'google-site-verification'],
      ['tlsrpt-txt/rua-missing', 'error', 409, 477, 'google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ'],
      ['tlsrpt-txt/version', 'error', 409, 477, 'google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ'],
      ['zone/sts-without-policy-host', 'warning', 479, 515, '_mta-sts.sub2 IN TXT "V=STSv1; id=1"'],
      ['zone/sts-without-tlsrpt', 'info', 479, 515, '_mta-sts.sub2 IN TXT "V=STSv1; id=1"'],
      // `V=STSv1` tries to be the record: its mistake stays an error; the SPF record beside it is only a hint.
      ['sts-txt/version', 'error', 501, 508, 'V=STSv1'],
      ['zone/txt-unrelated', 'hint', 516, 550, '_mta-sts.sub2 IN TXT "v=spf1 -all"'],
    ]);
  });
});
