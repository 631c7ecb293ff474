// Document fingerprints (docs/decisions.md, decision 1): SHA-256 of the exact bytes, written 0x + 64 lowercase hex.

/** SHA-256 of the file, computed here: the file itself is never sent anywhere. */
export async function digestOfFile(file) {
  if (!globalThis.crypto?.subtle) {
    throw new Error('no-webcrypto');
  }
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return '0x' + Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The canonical form of a typed or pasted digest (case, spaces and a missing 0x forgiven), or null. */
export function normalizeDigest(text) {
  const compact = String(text ?? '').trim().replace(/\s+/g, '').toLowerCase();
  const hex = compact.startsWith('0x') ? compact.slice(2) : compact;
  return /^[0-9a-f]{64}$/.test(hex) ? '0x' + hex : null;
}
