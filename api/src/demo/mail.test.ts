import { describe, expect, it } from 'vitest';
import { readDemoMail } from './mail.ts';

describe('the demo sample mail', () => {
  it('quotes case numbers of the year the register numbers in, and changes nothing else', async () => {
    const written = (await readDemoMail('inbox/04-komplettering-ks-2026-0042.eml', 2026)).toString('latin1');
    const later = (await readDemoMail('inbox/04-komplettering-ks-2026-0042.eml', 2031)).toString('latin1');
    // In the encoded subject and in the body.
    expect(later).toContain('Dnr_KS_2031/0042');
    expect(later).toContain('Dnr KS 2031/0042');
    expect(later).not.toMatch(/KS[ _]2026/);
    // The mail's own date stays as written.
    expect(later).toContain('Date: Wed, 18 Nov 2026');
    expect(later.replace(/(KS[ _])2031/g, '$12026')).toBe(written);
  });
});
