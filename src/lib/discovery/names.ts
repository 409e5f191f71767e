/** An application name as consent screens and sign-in logs show it, reduced for exact comparison. */
export function normaliseAppName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A card-statement merchant descriptor as tokens: uppercase letters and digits, everything else separates. */
export function merchantTokens(descriptor: string): string[] {
  return descriptor
    .normalize('NFKC')
    .toUpperCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
}
