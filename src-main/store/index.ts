export { getRxStorageSQLite, RxStorageInstanceSQLite, type SQLiteStorageSettings, type RxStorageSQLite } from './sqlite-storage/index.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { openDatabase, COLLECTIONS, DATABASE_FILE, type BooksDatabase, type BooksCollections, type OpenBooks } from './database.js';
export { toStoreError, withFieldErrors, type FieldProblem } from './write-errors.js';
export { backupDatabase, restoreDatabase, type BackupResult, type RestoreResult } from './backup.js';
export { inTransaction } from './sqlite-storage/connection.js';
