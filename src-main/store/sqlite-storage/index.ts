import path from 'node:path';
import {
  ensureRxStorageInstanceParamsAreCorrect,
  RXDB_VERSION,
  type RxStorage,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { StoreError } from '../errors.js';
import { acquireConnection, releaseConnection } from './connection.js';
import { RxStorageInstanceSQLite, type SQLiteInstanceOptions, type SQLiteInternals } from './instance.js';
import { tableLayout } from './table.js';

export type SQLiteStorageSettings = {
  /** The SQLite file; created when missing. */
  filename: string;
};

export type RxStorageSQLite = RxStorage<SQLiteInternals, SQLiteInstanceOptions> & {
  readonly filename: string;
};

/**
 * An RxStorage on one SQLite file through better-sqlite3: WAL, one transaction per
 * bulkWrite, one SQLite index per RxDB index. Attachments are refused with
 * `ATTACHMENTS_NOT_SUPPORTED`; documents reference files kept beside the database instead.
 */
export function getRxStorageSQLite(settings: SQLiteStorageSettings): RxStorageSQLite {
  const filename = path.resolve(settings.filename);
  return {
    // Per file: RxDB refuses two open databases of one name on one storage name, yet two
    // data folders (two devices in a test, a restore check) are two different databases.
    name: `sqlite-better:${filename}`,
    rxdbVersion: RXDB_VERSION,
    filename,
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, SQLiteInstanceOptions>,
    ): Promise<RxStorageInstanceSQLite<RxDocType>> {
      ensureRxStorageInstanceParamsAreCorrect(params);
      if (params.schema.attachments) {
        throw new StoreError(
          'ATTACHMENTS_NOT_SUPPORTED',
          `Collection ${params.collectionName} declares attachments, which the SQLite storage does not keep.`,
          { collection: params.collectionName },
        );
      }
      const connection = acquireConnection(filename);
      try {
        const layout = tableLayout(params.databaseName, params.collectionName, params.schema);
        return new RxStorageInstanceSQLite<RxDocType>(
          params.databaseName,
          params.collectionName,
          params.schema,
          connection,
          layout,
          params.options,
        );
      } catch (error) {
        releaseConnection(connection);
        throw error;
      }
    },
  };
}

export { RxStorageInstanceSQLite } from './instance.js';
