import { describe, expect, it } from 'vitest';
import { hexId, millisOf, nanosBetween, numberOf, scalarOf } from './values.js';

describe('OTLP values', () => {
  it('subtracts unix-nanosecond strings exactly, also across a carry in the leading digits', () => {
    expect(nanosBetween('1769860800000000000', '1769860801234500000')).toBe(1_234_500_000);
    expect(nanosBetween('1769999999999999999', '1770000000000000001')).toBe(2);
    expect(nanosBetween('999999999999999999', '1000000000000000001')).toBe(2);
    expect(nanosBetween({ low: 0, high: 1, unsigned: true }, { low: 5, high: 1, unsigned: true })).toBe(5);
    expect(nanosBetween(10, 25)).toBe(15);
    expect(nanosBetween('x', '1')).toBeUndefined();
  });

  it('turns unix nanoseconds into whole milliseconds exactly, where dividing the double would be 1 ms early', () => {
    // 1795840593714000000 is not a double: the nearest one divides to 1795840593713.9998
    expect(Math.floor(Number('1795840593714000000') / 1e6)).toBe(1795840593713);
    expect(millisOf('1795840593714000000')).toBe(1795840593714);
    expect(millisOf('1795840593714999999')).toBe(1795840593714);
    expect(millisOf('999')).toBe(0);
    expect(millisOf(1795840593714000000n)).toBe(1795840593714);
    const ns = 1795840593714000000n;
    expect(millisOf({ low: Number(ns & 0xffffffffn) | 0, high: Number(ns >> 32n), unsigned: false })).toBe(1795840593714);
    expect(millisOf('x')).toBeUndefined();
  });

  it('reads ids, numbers and scalars of either encoding', () => {
    expect(hexId('5B8EFFF798038103D269B633813FC60C', 16)).toBe('5b8efff798038103d269b633813fc60c');
    expect(hexId('abc', 16)).toBeUndefined();
    expect(hexId(Buffer.from('eee19b7ec3c1b174', 'hex'), 8)).toBe('eee19b7ec3c1b174');
    expect(numberOf('42')).toBe(42);
    expect(numberOf('')).toBeUndefined();
    expect(numberOf({ low: 7, high: 0 })).toBe(7);
    expect(scalarOf({ intValue: '12' })).toBe(12);
    expect(scalarOf({ boolValue: true })).toBe(true);
    expect(scalarOf({ arrayValue: { values: [] } })).toBeUndefined();
  });
});
