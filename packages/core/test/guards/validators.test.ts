import { describe, expect, it } from 'vitest';
// Internal checksum validators (not public API): tested through their modules.
import { ibanMod97, ibanValid } from '../../src/guards/iban.js';
import { cardBrand, luhnValid } from '../../src/guards/luhn.js';
import { ipv6Valid } from '../../src/guards/pii-network.js';
import { ssnValid } from '../../src/guards/ssn.js';

describe('luhnValid', () => {
  it('accepts published test card numbers, with or without separators', () => {
    for (const n of ['4111111111111111', '4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005', '6011111111111117', '4242424242424242']) {
      expect(luhnValid(n), n).toBe(true);
    }
  });
  it('rejects a changed digit, a transposition and non-digits', () => {
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('4111111111111121')).toBe(false);
    expect(luhnValid('41111111111a1111')).toBe(false);
    expect(luhnValid('0')).toBe(false);
  });
  it('matches a brute-force reference on every check digit', () => {
    const body = '453201511283036';
    const valid = [...'0123456789'].filter((d) => luhnValid(body + d));
    expect(valid).toHaveLength(1);
  });
});

describe('cardBrand', () => {
  it('knows the issuer ranges', () => {
    expect(cardBrand('4111111111111111')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('2221000000000009')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('3530111333300000')).toBe('jcb');
    expect(cardBrand('1234567812345670')).toBeUndefined();
    expect(cardBrand('41111111111111')).toBeUndefined();
  });
});

describe('ssnValid', () => {
  it('accepts well-formed numbers', () => {
    expect(ssnValid('123-45-6789')).toBe(true);
    expect(ssnValid('123 45 6789')).toBe(true);
    expect(ssnValid('123456789')).toBe(true);
  });
  it('applies the SSA rules', () => {
    expect(ssnValid('000-12-3456')).toBe(false);
    expect(ssnValid('666-12-3456')).toBe(false);
    expect(ssnValid('900-12-3456')).toBe(false);
    expect(ssnValid('999-12-3456')).toBe(false);
    expect(ssnValid('123-00-4567')).toBe(false);
    expect(ssnValid('123-45-0000')).toBe(false);
    expect(ssnValid('078-05-1120')).toBe(false);
  });
  it('rejects mixed separators and wrong shapes', () => {
    expect(ssnValid('123-45 6789')).toBe(false);
    expect(ssnValid('12-345-6789')).toBe(false);
    expect(ssnValid('1234-5-6789')).toBe(false);
  });
});

describe('ibanValid / ibanMod97', () => {
  it('accepts valid IBANs from several countries, grouped or compact, any case', () => {
    for (const i of [
      'DE89 3704 0044 0532 0130 00',
      'GB82WEST12345698765432',
      'FR1420041010050500013M02606',
      'NL91ABNA0417164300',
      'ch9300762011623852957',
      'BE68539007547034',
    ]) {
      expect(ibanValid(i), i).toBe(true);
    }
  });
  it('rejects a wrong check digit, a wrong length and an unknown country', () => {
    expect(ibanValid('DE88 3704 0044 0532 0130 00')).toBe(false);
    expect(ibanValid('DE89 3704 0044 0532 0130 0')).toBe(false);
    expect(ibanValid('ZZ89370400440532013000')).toBe(false);
  });
  it('computes the ISO 7064 remainder (1 for valid)', () => {
    expect(ibanMod97('GB82WEST12345698765432')).toBe(1);
    expect(ibanMod97('GB83WEST12345698765432')).not.toBe(1);
  });
});

describe('ipv6Valid', () => {
  it('accepts full, compressed and IPv4-tailed forms', () => {
    for (const a of ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '2001:db8::8a2e:370:7334', '::1', 'fe80::1', '::ffff:192.0.2.128']) {
      expect(ipv6Valid(a), a).toBe(true);
    }
  });
  it('rejects MAC addresses, times, double :: and oversize groups', () => {
    for (const a of ['00:1A:2B:3C:4D:5E', '12:30:45', '2001::db8::1', '2001:db8:12345::1', '1:2:3:4:5:6:7:8:9']) {
      expect(ipv6Valid(a), a).toBe(false);
    }
  });
  it('checks the IPv4 tail and every group of the hand-written parser', () => {
    for (const a of ['1:2:3:4:5:6:7:8', '1::', '::', 'a:b:c:d:e:f::1', '::ffff:10.0.0.1', '64:ff9b::192.0.2.33', 'ABCD:ef01::9']) {
      expect(ipv6Valid(a), a).toBe(true);
    }
    for (const a of [
      ':::',
      '1:::2',
      ':1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:',
      '1:2:3:4:5:6:7',
      '::ffff:192.0.2.256',
      '::ffff:192.0.02.1',
      '::1.2.3',
      'g::1',
      '1::2::',
      '1:2:3:4:5:6:7::8',
    ]) {
      expect(ipv6Valid(a), a).toBe(false);
    }
  });
});
