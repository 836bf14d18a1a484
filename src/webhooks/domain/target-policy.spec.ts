import { checkAddresses, isPublicAddress, parseWebhookUrl } from './target-policy';

describe('webhook target policy', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
    '2001:db8::1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2a00:1450:4001:81c::200e', '::ffff:8.8.8.8'])(
    'accepts the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it('refuses a name when any of its addresses is private (a mixed answer is an attack)', () => {
    expect(checkAddresses(['93.184.216.34', '10.0.0.5'], false)).not.toBeNull();
    expect(checkAddresses(['93.184.216.34'], false)).toBeNull();
    expect(checkAddresses([], false)).not.toBeNull();
    expect(checkAddresses(['127.0.0.1'], true)).toBeNull();
  });

  it('normalises numeric host spellings before judging them', () => {
    // WHATWG URL parsing turns 2130706433 and 0x7f.1 into 127.0.0.1: the check sees the real address.
    for (const raw of ['http://2130706433/hook', 'http://0x7f.1/hook', 'http://[::ffff:127.0.0.1]/hook']) {
      const url = parseWebhookUrl(raw) as URL;
      const host = url.hostname.replace(/^\[|\]$/g, '');
      expect(isPublicAddress(host)).toBe(false);
    }
  });

  it('accepts http(s) URLs without credentials or fragments only', () => {
    expect(parseWebhookUrl('https://hooks.agency.gov.az/e-muraciet')).toBeInstanceOf(URL);
    expect(parseWebhookUrl('ftp://hooks.agency.gov.az/')).toEqual({ message: expect.stringMatching(/http or https/) });
    expect(parseWebhookUrl('https://user:pw@hooks.agency.gov.az/')).toEqual({ message: expect.stringMatching(/credentials/) });
    expect(parseWebhookUrl('https://hooks.agency.gov.az/#x')).toEqual({ message: expect.stringMatching(/fragment/) });
    expect(parseWebhookUrl('not a url')).toEqual({ message: 'The URL is not valid.' });
    expect(parseWebhookUrl(`https://a.az/${'x'.repeat(2000)}`)).toEqual({ message: expect.stringMatching(/longer/) });
  });
});
