/**
 * Stand-in for @material/material-color-utilities when a bench runs the backend's TypeScript under
 * ts-node: the package is ESM with extension-less imports that Node's require() cannot load, and it
 * only draws brand colours, which no bench measures. Any use fails loudly.
 */
function unavailable(): never {
  throw new Error('@material/material-color-utilities is not available in benches');
}
const stub = new Proxy({}, { get: unavailable });
export const DynamicScheme = stub;
export const Hct = stub;
export const SchemeFidelity = stub;
export const TonalPalette = stub;
export const Variant = stub;
export const argbFromHex = unavailable;
export const hexFromArgb = unavailable;
