import QRCode from 'qrcode';

/**
 * The QR code an authenticator app scans, drawn here on the server as an SVG image in a `data:` address: the
 * page needs no script and loads nothing from anywhere else, and the link never leaves this response.
 */
export async function qrCodeImage(otpauthUri: string): Promise<string> {
  const svg = await QRCode.toString(otpauthUri, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
