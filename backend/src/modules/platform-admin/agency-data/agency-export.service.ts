import { Injectable, NotFoundException } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { ZipFile } from 'yazl';
import { AuditService } from '../../../core/audit/audit.service';
import type { OperatorContext } from '../../../core/auth/request-context';
import { FileStorage } from '../../../core/storage/file-storage';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { TenantData } from '../../../core/tenancy/tenant-data';
import { operatorAudit } from '../audit/operator-audit';
import { agencyStoragePrefixes } from './agency-files';
import { pagesOf } from './agency-rows';
import { agencyTables, type AgencyTable, exportedColumns, OMITTED_FROM_EXPORT } from './agency-tables';

export interface AgencyExport {
  filename: string;
  zip: Readable;
}

/** What `manifest.json` says; written last, once every row and file has gone into the zip. */
export interface ExportManifest {
  agency: { id: string; name: string; slug: string; plan: string; status: string; createdAt: string };
  exportedAt: string;
  rows: Record<string, number>;
  files: { count: number; bytes: number };
  omitted: string;
}

/**
 * One agency's data as a zip, for data-protection requests: `rows/<table>.json` for every table
 * holding its data, `files/<storage key>` for every file it stored, and `manifest.json`. Streams:
 * rows are read a page at a time and files opened one at a time as the zip is written, so an
 * agency's data never sits whole in memory.
 */
@Injectable()
export class AgencyExportService {
  private readonly db: EntityManager;

  constructor(
    tenant: TenantData,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {
    this.db = tenant.unscoped('platform admin: exports every table of one agency for its operator');
  }

  async open(agencyId: string, operator: OperatorContext): Promise<AgencyExport> {
    const agency = await this.db.getRepository(Agency).findOneBy({ id: agencyId });
    if (!agency) throw new NotFoundException('No agency has this id.');
    await this.audit.record(
      operatorAudit(operator, {
        action: 'platform_admin.agency_exported',
        targetType: 'agency',
        targetId: agency.id,
        details: { agencyName: agency.name, agencySlug: agency.slug },
      }),
    );
    const exportedAt = new Date();
    const zip = new ZipFile();
    const output = zipStream(zip);
    const manifest: ExportManifest = {
      agency: {
        id: agency.id,
        name: agency.name,
        slug: agency.slug,
        plan: agency.plan,
        status: agency.status,
        createdAt: agency.createdAt.toISOString(),
      },
      exportedAt: exportedAt.toISOString(),
      rows: {},
      files: { count: 0, bytes: 0 },
      omitted: OMITTED_FROM_EXPORT,
    };
    for (const table of agencyTables(this.db.connection)) {
      zip.addReadStreamLazy(`rows/${table.table}.json`, { mtime: exportedAt }, (done) =>
        done(null, Readable.from(this.tableJson(table, agency.id, manifest))),
      );
    }
    // Files are listed while the zip is being written; the zip ends after the last one is added.
    void this.addFiles(zip, agency.id, exportedAt, manifest).then(
      () => {
        zip.addReadStreamLazy('manifest.json', { mtime: exportedAt }, (done) =>
          done(null, Readable.from([JSON.stringify(manifest, null, 2)])),
        );
        zip.end();
      },
      (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return { filename: `atrium-export-${agency.slug}-${exportedAt.toISOString().slice(0, 10)}.zip`, zip: output };
  }

  /** A table's rows as one JSON array, written a page at a time; counts them into the manifest. */
  private async *tableJson(table: AgencyTable, agencyId: string, manifest: ExportManifest): AsyncGenerator<string> {
    const columns = exportedColumns(table.metadata);
    let count = 0;
    yield '[';
    for await (const page of pagesOf(this.db, table, agencyId)) {
      for (const row of page) {
        yield (count === 0 ? '\n' : ',\n') + JSON.stringify(pick(row, columns));
        count++;
      }
    }
    yield count === 0 ? ']\n' : '\n]\n';
    manifest.rows[table.table] = count;
  }

  private async addFiles(zip: ZipFile, agencyId: string, mtime: Date, manifest: ExportManifest): Promise<void> {
    for (const prefix of agencyStoragePrefixes(agencyId)) {
      for await (const object of this.storage.list(prefix)) {
        manifest.files.count++;
        manifest.files.bytes += object.size;
        // Opened only when the zip comes to it: one file open at a time.
        zip.addReadStreamLazy(`files/${object.key}`, { mtime, size: object.size }, (done) => {
          void this.storage.get(object.key).then(
            (stream) => done(null, stream),
            (error: unknown) => done(error, undefined as unknown as NodeJS.ReadableStream),
          );
        });
      }
    }
  }
}

/** The zip's output as a Readable that fails (aborting the download) when the zip cannot be finished. */
function zipStream(zip: ZipFile): Readable {
  const output = zip.outputStream as Readable;
  zip.on('error', (error: Error) => output.destroy(error));
  return output;
}

function pick(row: ObjectLiteral, columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((column) => [column, row[column] ?? null]));
}
