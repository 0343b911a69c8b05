import {
  AppError,
  CONTRACT,
  fieldErrorsOf,
  isHandlerName,
  type Access,
  type AppErrorValue,
  type ErrorCode,
  type HandlerName,
  type OutputOf,
  type ParsedInputOf,
  type Result,
} from '../../src-shared/contract/index.js';
import { StoreError } from '../store/errors.js';
import { toStoreError } from '../store/write-errors.js';
import { runsAlone, SerialQueue } from './serial-handlers.js';
import type { Session } from './session.js';

export type HandlerContext = { session: Session };

export type HandlerImpl<N extends HandlerName> = (
  input: ParsedInputOf<N>,
  context: HandlerContext,
) => Promise<OutputOf<N>> | OutputOf<N>;

export type HandlerImpls = { [N in HandlerName]: HandlerImpl<N> };

export type Dispatch = (name: unknown, input: unknown, session: Session) => Promise<Result<unknown>>;

export type Logger = { error(message: string, error?: unknown): void };

/**
 * The only way into the main process: looks the handler up in the contract, checks who may
 * call it, parses the input with the contract's schema (bad input never reaches a handler),
 * runs it, and returns a result value; nothing throws across the boundary.
 */
export function createDispatcher(impls: HandlerImpls, logger: Logger = console): Dispatch {
  const writers = new SerialQueue();
  return async (name, input, session) => {
    if (!isHandlerName(name)) {
      return fail({ code: 'UNKNOWN_HANDLER', message: `No handler named ${String(name)}` });
    }
    const definition = CONTRACT[name];
    const denied = checkAccess(definition.access, session);
    if (denied) return fail(denied);
    const given = input ?? {};
    const parsed = definition.input.safeParse(given);
    if (!parsed.success) {
      const fields = fieldErrorsOf(parsed.error, given);
      return fail({
        code: 'VALIDATION_FAILED',
        message: fields.map((f) => `${f.field}: ${f.problem}`).join('; '),
        details: { fields },
      });
    }
    try {
      const impl = impls[name] as HandlerImpl<typeof name>;
      const call = async () => impl(withoutUndefined(parsed.data) as never, { session });
      const value = await (runsAlone(name) ? writers.run(call) : call());
      return { ok: true, value: value ?? null };
    } catch (error) {
      return fail(toErrorValue(error, logger));
    }
  };
}

/**
 * The parsed input without fields whose value is `undefined`: a structured clone (Electron IPC)
 * carries them, JSON (the other transports) drops them, and to a handler an optional field left
 * out and one sent as `undefined` are the same. Parsed input is only as deep as its schema.
 */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]));
}

function fail(error: AppErrorValue): Result<never> {
  return { ok: false, error };
}

function checkAccess(access: Access, session: Session): AppErrorValue | undefined {
  if (access === 'public') return undefined;
  if (!session.user) return { code: 'NOT_AUTHENTICATED', message: 'Log in first.' };
  if (access === 'user') return undefined;
  if (!access.includes(session.user.role)) {
    return { code: 'FORBIDDEN', message: `Role ${session.user.role} may not do this.`, details: { allowed: [...access] } };
  }
  return undefined;
}

/** Store errors a user can act on; they reach the screen with their own code. */
const USER_STORE_ERRORS: ReadonlySet<string> = new Set<ErrorCode>(['STORE_FILE_UNREADABLE', 'STORE_FOREIGN_FILE', 'STORE_DISK_FULL', 'STORE_READ_ONLY', 'STORE_BUSY', 'STORE_IN_USE']);

export function toErrorValue(thrown: unknown, logger: Logger): AppErrorValue {
  if (thrown instanceof AppError) return thrown.toValue();
  const error = toStoreError(thrown);
  if (error instanceof StoreError) {
    if (error.code === 'VALIDATION_FAILED') {
      return { code: 'VALIDATION_FAILED', message: error.message, details: error.details as AppErrorValue['details'] };
    }
    if (USER_STORE_ERRORS.has(error.code)) {
      return { code: error.code as ErrorCode, message: error.message };
    }
  }
  logger.error('Handler failed', error);
  return { code: 'INTERNAL', message: 'An unexpected error occurred; it has been logged.' };
}
