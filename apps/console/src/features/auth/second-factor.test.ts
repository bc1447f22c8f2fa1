import { describe, expect, it } from 'vitest';
import { groupSecret, isCompleteCode, normalizeCode } from './second-factor.ts';

describe('authentication codes', () => {
  it('accepts six digits, also as an app shows them with a space in the middle', () => {
    expect(isCompleteCode('123456')).toBe(true);
    expect(isCompleteCode(' 123 456 ')).toBe(true);
    expect(normalizeCode('123 456')).toBe('123456');
    expect(normalizeCode('123-456')).toBe('123456');
  });

  it('refuses anything but six digits', () => {
    for (const typed of ['', '12345', '1234567', '12345a', 'abcdef', '１２３４５６']) {
      expect(isCompleteCode(typed), typed).toBe(false);
    }
  });
});

describe('groupSecret', () => {
  it('shows the secret in groups of four', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    );
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
    expect(groupSecret('')).toBe('');
  });
});
