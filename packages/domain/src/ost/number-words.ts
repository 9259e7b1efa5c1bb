/**
 * Numbers in words, for the total quantity a controlled drug prescription states "in both words and figures"
 * (Misuse of Drugs Regulations 2001). British usage: "one hundred and twenty". Decimals are read digit by
 * digit ("seven point five"), as a pharmacist would read them back.
 */
const ones = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;

function underHundred(n: number): string {
  if (n < 20) return ones[n] ?? '';
  const unit = n % 10;
  const ten = tens[Math.floor(n / 10)] ?? '';
  return unit === 0 ? ten : `${ten}-${ones[unit] ?? ''}`;
}

function underThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return underHundred(rest);
  const head = `${ones[hundreds] ?? ''} hundred`;
  return rest === 0 ? head : `${head} and ${underHundred(rest)}`;
}

/** A whole number from 0 to 999,999 in words. */
function wholeInWords(n: number): string {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (thousands === 0) return underThousand(rest);
  const head = `${underThousand(thousands)} thousand`;
  if (rest === 0) return head;
  return rest < 100 ? `${head} and ${underHundred(rest)}` : `${head} ${underThousand(rest)}`;
}

/** A non-negative number below a million, with up to two decimal places, in words. */
export function numberInWords(value: number): string {
  if (!Number.isFinite(value) || value < 0 || value >= 1_000_000) {
    throw new RangeError(`numberInWords: ${value} is outside 0–999,999`);
  }
  const [whole = '0', fraction = ''] = (Math.round(value * 100) / 100).toString().split('.');
  const words = wholeInWords(Number(whole));
  if (fraction === '') return words;
  const digits = [...fraction].map((d) => ones[Number(d)] ?? '').join(' ');
  return `${words} point ${digits}`;
}
