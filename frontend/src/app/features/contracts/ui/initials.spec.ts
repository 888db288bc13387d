import { initialsOf } from './initials';

describe('initialsOf', () => {
  it('takes the first letters of the first and last names', () => {
    expect(initialsOf('Ana Maria Silva')).toBe('AS');
    expect(initialsOf('  ana   silva ')).toBe('AS');
  });

  it('gives one letter for one name and nothing for no name', () => {
    expect(initialsOf('Madonna')).toBe('M');
    expect(initialsOf('')).toBe('');
    expect(initialsOf('   ')).toBe('');
    expect(initialsOf(null)).toBe('');
  });

  it('keeps accents, skips words without letters and punctuation before a letter', () => {
    expect(initialsOf("élodie d'Orléans")).toBe('ÉD');
    expect(initialsOf('Jean-Luc Picard 3')).toBe('JP');
    expect(initialsOf('Zoë — (Ortiz)')).toBe('ZO');
  });

  it('keeps letters outside the basic plane whole', () => {
    expect(initialsOf('𝒜lice 𝒵ed')).toBe('𝒜𝒵');
    expect(initialsOf('Όλγα Παππά')).toBe('ΌΠ');
  });
});
