/**
 * The scheme derivation and the colour library it runs on, loaded by BrandThemeService only when a
 * brand is shown: the agency workspace's first load never carries them.
 */
export { deriveBrandTheme, monogramIcon } from '@atrium/shared';
