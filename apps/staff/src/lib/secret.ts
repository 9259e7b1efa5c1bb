// The authenticator set-up page's helpers: pure, tested in secret.test.ts.

/** A base32 secret in groups of four ("ABCD EFGH IJKL …") so that it can be typed into an app by hand. */
export function groupSecret(secret: string): string {
  const clean = secret.replace(/[\s=-]/g, '').toUpperCase();
  return (clean.match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * The secret of an `otpauth://totp/…` address, or null if `uri` is not one (wrong scheme or kind, no secret,
 * not base32, or implausibly long). Used to show a set-up page again from the address the page itself sent.
 */
export function secretOfOtpauthUri(uri: string): string | null {
  if (uri.length > 512 || !uri.startsWith('otpauth://totp/')) return null;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  const secret = url.searchParams.get('secret')?.toUpperCase() ?? '';
  return /^[A-Z2-7]{16,128}$/.test(secret) ? secret : null;
}

/**
 * A second-factor code as typed: spaces and dashes people add are removed from a 6-digit code, and a recovery
 * code is upper-cased with its dashes kept (ABCD-EFGH-JKLM). Anything else is returned trimmed, for the API to
 * refuse.
 */
export function normaliseCode(value: string): string {
  const trimmed = value.trim();
  const digits = trimmed.replace(/[\s-]/g, '');
  if (/^\d{6}$/.test(digits)) return digits;
  const letters = trimmed.replace(/\s/g, '').toUpperCase();
  if (/^[A-Z0-9]{4}-?[A-Z0-9]{4}-?[A-Z0-9]{4}$/.test(letters)) {
    const plain = letters.replace(/-/g, '');
    return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
  }
  return trimmed;
}
