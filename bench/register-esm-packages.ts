/**
 * Preloaded by benches that render branded emails (`-r ./bench/register-esm-packages.ts`, after
 * ts-node/register), instead of register-stubs.ts: brand colours come from
 * @material/material-color-utilities, which ships only ES modules with extension-less imports that
 * Node's require() cannot load. Its files are compiled to CommonJS as they are required, as the
 * Jest transform does for the tests, so the bench runs the real code.
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { sep } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

const ESM_ONLY = `${sep}@material${sep}material-color-utilities${sep}`;

type CompilingModule = NodeModule & { _compile(code: string, filename: string): void };
type Loader = (module: CompilingModule, filename: string) => void;

const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
const loadJavaScript = extensions['.js'];
extensions['.js'] = (module, filename) => {
  if (!filename.includes(ESM_ONLY)) return loadJavaScript(module, filename);
  const { outputText } = transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 },
  });
  module._compile(outputText, filename);
};
