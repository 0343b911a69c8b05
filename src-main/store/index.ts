export { getRxStorageSQLite, RxStorageInstanceSQLite, type SQLiteStorageSettings, type RxStorageSQLite } from './sqlite-storage/index.js';
export { StoreError, type StoreErrorCode } from './errors.js';
