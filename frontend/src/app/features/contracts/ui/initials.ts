/**
 * Initials from a full name: the first letter of the first and of the last word ("Ana Maria
 * Silva" → "AS", "Madonna" → "M", "élodie d'Orléans" → "ÉD"). Words without a letter (numbers,
 * dashes, emoji) are skipped; letters outside the basic plane stay whole. The signer can still
 * type what they prefer.
 */
export function initialsOf(name: string | null | undefined): string {
  const letters = (name ?? '')
    .trim()
    .split(/\s+/u)
    .map((word) => firstLetter(word))
    .filter((letter): letter is string => letter !== null);
  if (letters.length === 0) {
    return '';
  }
  const picked = letters.length === 1 ? [letters[0]] : [letters[0], letters[letters.length - 1]];
  return picked.map((letter) => letter.toLocaleUpperCase()).join('');
}

function firstLetter(word: string): string | null {
  for (const char of word) {
    if (/\p{L}/u.test(char)) {
      return char;
    }
  }
  return null;
}
