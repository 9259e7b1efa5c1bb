/**
 * How the portal writes and reads the codes people type: activation codes and printed codes (like
 * ABCD-EFGH-JKLM) and the app's setup key. Capitals, spaces and dashes do not matter when someone types one.
 */

/**
 * A readable code as the person should see it and as the API expects it: capitals, in groups of 4 joined by
 * dashes ("abcd efgh-jklm" → "ABCD-EFGH-JKLM"). Spaces, dashes and other separators people type are dropped.
 */
export function normaliseCode(typed: string): string {
  const bare = typed.toUpperCase().replace(/[\s\-_.–—]/g, '');
  return bare.match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * The setup key of an authenticator app (base32) in groups of 4, easier to copy by hand: "JBSWY3DPEHPK3PXP" →
 * ["JBSW", "Y3DP", "EHPK", "3PXP"].
 */
export function inGroupsOfFour(key: string): string[] {
  return (
    key
      .toUpperCase()
      .replace(/[\s=-]/g, '')
      .match(/.{1,4}/g) ?? []
  );
}

/**
 * A 6-digit code from an app as typed ("123 456", " 123456 ") → "123456"; anything else (a printed code)
 * is left for `normaliseCode`.
 */
export function normaliseSignInCode(typed: string): string {
  const trimmed = typed.trim();
  const digits = trimmed.replace(/[\s-]/g, '');
  if (/^\d{6}$/.test(digits)) return digits;
  return normaliseCode(trimmed);
}

const BASE32_SECRET = /^[A-Z2-7]{16,128}$/;

/**
 * The setup key inside an `otpauth://totp/...` link from the API, or null if the text is not such a link. The
 * set-up page sends the link back with the person's first code, so that a wrong code shows the same QR code
 * again (not a new one); this check means only a well-formed link is ever turned back into a QR code.
 */
export function secretOfOtpauthUri(text: string): string | null {
  if (text.length > 512 || !text.startsWith('otpauth://totp/')) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const secret = url.searchParams.get('secret')?.toUpperCase() ?? '';
  return BASE32_SECRET.test(secret) ? secret : null;
}
