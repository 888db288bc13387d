/**
 * Preloaded by the benches (`-r ./bench/register-stubs.ts`, after ts-node/register): sends
 * @material/material-color-utilities to a stand-in at run time. The package is ESM with extension-less
 * imports that Node's require() cannot load, and it only draws brand colours, which no bench
 * measures. Type-checking still sees the real package.
 */
import Module from 'node:module';
import { join } from 'node:path';

const STUBBED = '@material/material-color-utilities';
const stub = join(__dirname, 'stub-material-color-utilities.ts');
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = resolver._resolveFilename;
resolver._resolveFilename = (request: string, ...rest: unknown[]) =>
  request === STUBBED ? stub : resolve.call(Module, request, ...rest);
