import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from './config/load-config';
import { buildOpenApiDocument, createApp } from './create-app';

/** Where the published API contract is committed, relative to the repository root. */
export const PUBLISHED_OPENAPI_FILE = 'openapi/atrium.json';

/**
 * The API contract as a production installation serves it at /api/docs-json, built from the code
 * alone: the embedded database in memory, the in-process queue and no SMTP, and nothing listening.
 * The sandbox social and payment providers, development aids that production refuses to run, are
 * left out, so their routes are not published as part of the API.
 */
export async function publishedOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({
    DATABASE_PATH: ':memory:',
    MIGRATE_ON_START: 'false',
    RUN_WORKERS: 'false',
    LOCAL_OAUTH_PROVIDER: 'false',
    LOCAL_PAYMENT_PROVIDER: 'false',
    LOG_LEVEL: 'error',
  });
  const app = await createApp(config);
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/**
 * The document as committed: pretty JSON, with paths, schemas and tags in alphabetical order, so the
 * file changes only when the contract does, never because modules were registered in another order.
 */
export function openApiJson(document: OpenAPIObject): string {
  const sorted: OpenAPIObject = {
    ...document,
    paths: sortedByKey(document.paths),
    components: document.components && {
      ...document.components,
      schemas: document.components.schemas && sortedByKey(document.components.schemas),
    },
    tags: document.tags && [...document.tags].sort((a, b) => a.name.localeCompare(b.name)),
  };
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * `cli.js openapi` writes the published contract; `cli.js openapi --check` fails (exit 1) when
 * the committed file differs from the code's document, showing how and the command that fixes it.
 * Both run from the repository root.
 */
export async function runOpenApiCommand(args: string[]): Promise<number> {
  const current = openApiJson(await publishedOpenApiDocument());
  if (!args.includes('--check')) {
    mkdirSync(dirname(PUBLISHED_OPENAPI_FILE), { recursive: true });
    writeFileSync(PUBLISHED_OPENAPI_FILE, current);
    process.stdout.write(`Wrote ${PUBLISHED_OPENAPI_FILE}\n`);
    return 0;
  }
  const committed = existsSync(PUBLISHED_OPENAPI_FILE) ? readFileSync(PUBLISHED_OPENAPI_FILE, 'utf8') : '';
  if (committed === current) {
    process.stdout.write(`${PUBLISHED_OPENAPI_FILE} matches the code.\n`);
    return 0;
  }
  process.stderr.write(
    `${PUBLISHED_OPENAPI_FILE} differs from the code's API (+ added, - removed, ~ changed):\n` +
      `${contractChanges(committed, current)}\n` +
      `Run \`npm run openapi:export\`, review the change and commit the file.\n`,
  );
  return 1;
}

/**
 * What changed, by operation and schema (`+ GET /api/v1/x`, `~ schema Foo`, `- POST /api/v1/y`),
 * at most 40 lines: enough to see what the code changed without reading JSON.
 */
function contractChanges(committedText: string, currentText: string): string {
  if (committedText === '') return `  ${PUBLISHED_OPENAPI_FILE} does not exist yet`;
  const committed = JSON.parse(committedText) as OpenAPIObject;
  const current = JSON.parse(currentText) as OpenAPIObject;
  const operations = (document: OpenAPIObject) =>
    Object.fromEntries(
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.entries(item as Record<string, unknown>).map(([method, operation]) => [
          `${method.toUpperCase()} ${path}`,
          operation,
        ]),
      ),
    );
  const schemas = (document: OpenAPIObject) =>
    Object.fromEntries(
      Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [`schema ${name}`, schema]),
    );
  const rest = (document: OpenAPIObject) => {
    const { paths: _paths, components, ...top } = document;
    const { schemas: _schemas, ...otherComponents } = components ?? {};
    return { ...top, components: otherComponents };
  };
  const lines = [
    ...changedEntries(operations(committed), operations(current)),
    ...changedEntries(schemas(committed), schemas(current)),
    ...changedEntries(rest(committed), rest(current)),
  ];
  if (lines.length === 0)
    return '  the same API, written differently (the file is written by the command, not by hand)';
  const limit = 40;
  return (lines.length > limit ? [...lines.slice(0, limit), `  ... and ${lines.length - limit} more`] : lines).join(
    '\n',
  );
}

function changedEntries(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.flatMap((name) => {
    if (!(name in before)) return [`  + ${name}`];
    if (!(name in after)) return [`  - ${name}`];
    return JSON.stringify(before[name]) === JSON.stringify(after[name]) ? [] : [`  ~ ${name}`];
  });
}
