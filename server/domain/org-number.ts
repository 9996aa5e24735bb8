// Swedish organisation numbers, NNNNNN-NNNN, whose last digit is a Luhn check digit.

/** Luhn check over a string of digits (the last one is the check digit). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** "5564129999", "556412-9999" or "556412 9999" → "556412-9999", or null when not valid. */
export function normaliseOrgNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  if (!/^\d{10}$/.test(digits) || !luhnValid(digits)) return null;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}
