/**
 * JSON-schema building blocks shared by the collections. Indexed fields carry the bounds RxDB
 * needs to build index strings (maxLength, minimum/maximum/multipleOf).
 */
export const ID = { type: 'string', maxLength: 40, pattern: '^[0-9A-Za-z_-]+$' } as const;
export const OPTIONAL_ID = { type: 'string', maxLength: 40 } as const;
/** Calendar date, `YYYY-MM-DD`. */
export const DATE = { type: 'string', maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
/** Point in time, ISO 8601 in UTC, `2026-11-27T14:34:11.000Z`. */
export const TIMESTAMP = { type: 'string', maxLength: 30, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$' } as const;
/** Money in integer minor units (cents). Never a float. */
export const MINOR_UNITS = { type: 'integer', minimum: -1e13, maximum: 1e13, multipleOf: 1 } as const;
/** An exact decimal kept as a string, e.g. quantity "3.333" or rate "19". */
export const DECIMAL = { type: 'string', maxLength: 40, pattern: '^-?\\d+(\\.\\d+)?$' } as const;
export const CURRENCY = { type: 'string', minLength: 3, maxLength: 3, pattern: '^[A-Z]{3}$' } as const;
export const LANGUAGE = { type: 'string', enum: ['de', 'en'], maxLength: 2 } as const;
export const TEXT = (maxLength: number) => ({ type: 'string', maxLength }) as const;
export const COUNTER = { type: 'integer', minimum: 0, maximum: 1e12, multipleOf: 1 } as const;

export const ADDRESS = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: TEXT(200),
    addition: TEXT(200),
    street: TEXT(200),
    postalCode: TEXT(20),
    city: TEXT(100),
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
  },
  required: ['street', 'postalCode', 'city', 'country'],
} as const;

/** EN 16931 VAT category codes (UNTDID 5305 subset). */
export const VAT_CATEGORY = { type: 'string', enum: ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] } as const;

/** The fields every mutable record carries. */
export const AUDIT_STAMPS = {
  createdAt: TIMESTAMP,
  createdBy: OPTIONAL_ID,
  updatedAt: TIMESTAMP,
  updatedBy: OPTIONAL_ID,
  /**
   * Hybrid logical clock of the last change on this device (`<ms>-<counter>-<deviceId>`): orders
   * two devices' changes of the same field when sync meets them; set by the store on every write.
   */
  hlc: { type: 'string', maxLength: 80 },
} as const;
