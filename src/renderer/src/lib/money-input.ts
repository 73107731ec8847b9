import { decimalToMinor, MoneyFormatError, type Minor } from '../../../shared/money';

/**
 * What the reseller typed ("12.5", "1,250.00", "$30") as integer cents, exactly, through
 * the decimal text (never a float); null with a reason when it is not an amount.
 */
export function parseAmountInput(text: string): { ok: true; minor: Minor } | { ok: false; reason: string } {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,/g, '');
  if (cleaned === '') return { ok: false, reason: 'Enter an amount.' };
  try {
    const minor = decimalToMinor(cleaned);
    return { ok: true, minor };
  } catch (e) {
    if (e instanceof MoneyFormatError && /decimal places/.test(e.message)) return { ok: false, reason: 'Use at most two decimals (cents).' };
    return { ok: false, reason: 'Enter an amount such as 25 or 25.50.' };
  }
}
