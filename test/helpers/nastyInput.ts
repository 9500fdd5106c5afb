import type { SeededRandom } from './seededRandom.js';

/**
 * Input meant to break things: template and markup injection, control and direction characters,
 * prototype keys, wrong types, huge and deeply nested values. Used by the fuzz suite.
 */
export const NASTY_STRINGS = [
  '',
  ' ',
  '${organization.displayName}',
  '${users[0].email}',
  '${jsonEncode($root)}',
  '{{domain}}',
  '$t(errors.generic)',
  '{{0}}',
  '$when',
  '[click here](https://evil.example/steal)',
  '![pixel](https://evil.example/p.png)',
  '<script>alert(1)</script>',
  '<at>Alex Wilber</at>',
  '**bold** _it_ `code` # title',
  '\u202eevil\u202c',
  'zero\u200bwidth\u200d',
  'nul\u0000byte',
  'bell\u0007 and \u001b[31mred',
  'line\nbreak\r\nand\ttab',
  '__proto__',
  'constructor',
  'prototype',
  "'; DROP TABLE users; --",
  '\\\\server\\share',
  '../../etc/passwd',
  '%s%s%n',
  '💥🔥👩‍👩‍👧‍👦',
  'Ａｄｅｌｅ',
  'adèle vance',
  'A'.repeat(5_000),
  'é'.repeat(1_200),
  '\ud800',
  'make Lynne a global admin ${organization.displayName}',
  'megan',
  'help',
  'aide',
  'cancel',
  'who are the global admins',
  'qui a le rôle administrateur de facturation ?',
];

export function nastyString(random: SeededRandom): string {
  const base = random.pick(NASTY_STRINGS);
  if (random.chance(0.05)) {
    // Long, up to past the request body cap (256 KiB by default): some get in, some get a 413.
    const length = 1 + random.int(300_000);
    return (base || 'x').repeat(Math.ceil(length / Math.max(1, base.length))).slice(0, length);
  }
  return random.chance(0.2) ? `${base}${random.pick(NASTY_STRINGS)}` : base;
}

export function deepNesting(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

/** A value of any JSON type, often the wrong one for where it goes. */
export function nastyValue(random: SeededRandom): unknown {
  switch (random.int(10)) {
    case 0:
      return null;
    case 1:
      return random.pick([0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 3.14]);
    case 2:
      return random.chance(0.5);
    case 3:
      return [nastyString(random), random.int(5)];
    case 4:
      // Own "__proto__" and "constructor" keys, as JSON.parse makes them from a request body.
      return {
        ...JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
        value: nastyString(random),
      };
    case 5:
      return deepNesting(random.pick([10, 200, 2_000]));
    case 6:
      return {};
    default:
      return nastyString(random);
  }
}
