// Phone numbers as people write them: "+86 139-1234-5678", "(+86) 139 1234 5678", "0086 13912345678",
// "13912345678", or the number 8613912345678. One person's number gets one key whatever its format,
// so the scrubber gives it one pseudonym.

/**
 * A number as free text writes it: an optional "+", "00" or "(+86)" prefix, then 7 to 15 digits with
 * single spaces, dots or hyphens between them, standing alone (not part of a word, an id with
 * hyphens, a decimal or a longer run of digits).
 */
export const PHONE_IN_TEXT = /(?<![\w+./-])(?:\(\s*(?:\+|00)?\d{1,4}\s*\)[ .-]?|\+\s?)?\d(?:[ .-]?\d){6,14}(?!\w|[ .-]\d)/g;

/** A bare run of digits that is still a phone in a code field: a mainland mobile, with or without 86. */
export const BARE_MOBILE = /^(?:0{0,2}86)?1[3-9]\d{9}$/;

/** The one key of a number whatever its format: "+86" and the 11 digits of a mainland mobile, else "+" and the digits. */
export function phoneKey(written: string | number): string {
  let digits = String(written).replace(/\D/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2);
  if (/^861[3-9]\d{9}$/.test(digits)) return `+${digits}`;
  if (/^1[3-9]\d{9}$/.test(digits)) return `+86${digits}`;
  return `+${digits}`;
}

const WHOLE_PHONE = new RegExp(`^(?:${PHONE_IN_TEXT.source})$`);

/** True when the whole value is a phone number in some format (an account may be one). */
export function isPhone(value: string): boolean {
  return WHOLE_PHONE.test(value.trim());
}
