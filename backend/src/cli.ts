/**
 * Operator commands, run from the built backend:
 *   node dist/backend/cli.js migrate        apply pending migrations
 *   node dist/backend/cli.js seed-demo      fill an empty database with the demo agencies and users
 *   node dist/backend/cli.js check-schema   fail when the entities and the migrations disagree
 *   node dist/backend/cli.js platform-admin add|remove|list|reset-two-factor   manage platform operators
 *   node dist/backend/cli.js openapi [--check]   write openapi/atrium.json, or fail when it is out of date
 */
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ConfigError } from './config/app-config';
import { loadConfig } from './config/load-config';
import { runMigrations } from './core/database/database.module';
import { buildDataSourceOptions } from './core/database/data-source-options';
import { ENTITIES } from './entities';
import { pendingSchemaChanges } from './core/database/schema-drift';
import { JsonLogger } from './core/http/json-logger';
import { DemoModule } from './modules/demo/demo.module';
import { DemoSeederService } from './modules/demo/demo-seeder.service';
import { TenantData } from './core/tenancy/tenant-data';
import { runOpenApiCommand } from './openapi-contract';
import { operatorAccountsOn, runPlatformAdminCommand } from './modules/platform-admin/operators/operator-cli';

async function main(command: string | undefined, args: string[]): Promise<number> {
  const config = loadConfig({ ...process.env, RUN_WORKERS: 'false' });
  Logger.overrideLogger(new JsonLogger(config.logLevel));
  switch (command) {
    case 'migrate': {
      const dataSource = await new DataSource(buildDataSourceOptions(config.database, ENTITIES)).initialize();
      await runMigrations(dataSource);
      await dataSource.destroy();
      return 0;
    }
    case 'check-schema': {
      const dataSource = await new DataSource(buildDataSourceOptions(config.database, ENTITIES)).initialize();
      await runMigrations(dataSource);
      const pending = await pendingSchemaChanges(dataSource);
      await dataSource.destroy();
      if (pending.length === 0) {
        process.stdout.write('Entities and migrations agree.\n');
        return 0;
      }
      process.stderr.write(`Entities and migrations disagree; a new migration is needed:\n${pending.join('\n')}\n`);
      return 1;
    }
    case 'seed-demo': {
      const app = await NestFactory.createApplicationContext(
        {
          module: class SeedRoot {},
          imports: [AppModule.register(config), DemoModule],
        },
        { logger: new JsonLogger(config.logLevel) },
      );
      // An already-filled database is left alone and is not an error.
      await app.get(DemoSeederService).seed();
      await app.close();
      return 0;
    }
    case 'platform-admin': {
      const dataSource = await new DataSource(buildDataSourceOptions(config.database, ENTITIES)).initialize();
      try {
        return await runPlatformAdminCommand(operatorAccountsOn(new TenantData(dataSource)), args, {
          out: (text) => process.stdout.write(text),
          err: (text) => process.stderr.write(text),
          readStdin,
        });
      } finally {
        await dataSource.destroy();
      }
    }
    case 'openapi':
      return runOpenApiCommand(args);
    default:
      process.stderr.write('Usage: cli.js <migrate|seed-demo|check-schema|platform-admin|openapi>\n');
      return 64;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
