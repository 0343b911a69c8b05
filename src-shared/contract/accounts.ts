/** Users, logins and the company profile: who works in the books, and whose books they are. */
import { z } from 'zod';
import { postalCodeFits } from './invoicing.js';
import { bic, countryCode, currencyCode, email, iban, language, optionalText, password, requiredText, vatId } from './fields.js';

export const ROLES = ['admin', 'bookkeeper', 'supervisor', 'cashier', 'accountManager'] as const;
export type Role = (typeof ROLES)[number];

/** `public`: no login needed; `user`: any logged-in user; or the roles that may call it. */
export type Access = 'public' | 'user' | readonly Role[];


/** `mustChangePassword`: an administrator set the password; the user chooses a new one before anything else. */
export type PublicUser = { id: string; name: string; email: string; role: Role; active: boolean; language: 'de' | 'en'; mustChangePassword: boolean };
export type LoginChoice = Pick<PublicUser, 'id' | 'name'>;
/** Before login: the names to pick from only where the settings list them; otherwise none. */
export type LoginChoices = { listUsers: boolean; users: LoginChoice[] };
export type LoginOptions = { listUsers: boolean };
export type SessionInfo = { user: PublicUser; token: string };
export type AppStatus = { needsSetup: boolean; companyName: string | null; deviceId: string; version: string };


export const UserInput = z
  .object({
    name: requiredText(200),
    email: email.pipe(z.string().min(1, 'validation.required')),
    role: z.enum(ROLES, { message: 'validation.role' }),
    password,
    language: language.default('de'),
  })
  .strict();

/** The first administrator; `setupToken` is the one-time token the local shell hands to its own window. */
export const SetupAdminInput = UserInput.omit({ role: true }).extend({
  setupToken: z.string({ message: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.tooLong'),
});

/** Log in by the id picked from the list, or by the e-mail or name typed. */
export const LoginInput = z
  .object({
    userId: z.string().min(1, 'validation.required').max(40).optional(),
    login: z.string().trim().min(1, 'validation.required').max(200).optional(),
    password: z.string({ message: 'validation.required' }).min(1, 'validation.required').max(1000),
  })
  .strict()
  .refine((v) => v.userId !== undefined || v.login !== undefined, { path: ['login'], message: 'validation.required' });

export const UserUpdateInput = z
  .object({
    id: z.string().min(1),
    name: requiredText(200).optional(),
    email: email.pipe(z.string().min(1, 'validation.required')).optional(),
    role: z.enum(ROLES, { message: 'validation.role' }).optional(),
    active: z.boolean().optional(),
    password: password.optional(),
    language: language.optional(),
  })
  .strict();

/** An administrator sets a new password; the user chooses their own at the next login. */
export const PasswordResetInput = z.object({ id: z.string().min(1).max(40), password }).strict();

/** A user changes their own password: the current one proves it is them. */
export const PasswordChangeInput = z
  .object({
    currentPassword: z.string({ message: 'validation.required' }).min(1, 'validation.required').max(1000),
    newPassword: password,
  })
  .strict()
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'validation.passwordUnchanged' });

/** Soll- or Istversteuerung: when the VAT of a sale is owed. */
export const TAXATIONS = ['soll', 'ist'] as const;
export type Taxation = (typeof TAXATIONS)[number];

export const CompanyProfileInput = z
  .object({
    name: requiredText(200),
    street: requiredText(200),
    postalCode: requiredText(20),
    city: requiredText(100),
    country: countryCode.default('DE'),
    vatId: vatId.default(''),
    taxNumber: optionalText(30).refine((v) => v === '' || /^[0-9 /]{10,20}$/.test(v), 'validation.taxNumber'),
    iban: iban.default(''),
    bic: bic.default(''),
    bankName: optionalText(100),
    email: email.default(''),
    phone: optionalText(50),
    website: optionalText(200),
    register: optionalText(200),
    managingDirectors: optionalText(200),
    defaultPaymentTermsDays: z.coerce
      .number({ message: 'validation.number' })
      .int('validation.wholeNumber')
      .min(0, 'validation.paymentTerms')
      .max(365, 'validation.paymentTerms'),
    defaultCurrency: currencyCode,
    defaultLanguage: language,
    /** § 19 UStG: invoices show no VAT and carry the small-business note. */
    smallBusiness: z.boolean().default(false),
    /**
     * When VAT is owed: `soll` (Sollversteuerung, § 16 UStG) in the period the invoice is issued;
     * `ist` (Istversteuerung, § 20 UStG, on application) in the period it is paid. The VAT report follows it.
     */
    taxation: z.enum(TAXATIONS, { message: 'validation.taxation' }).default('soll'),
    invoicePrefix: z.string().trim().regex(/^[A-Z0-9]{1,8}$/, 'validation.seriesPrefix'),
    seriesLetter: z.string().trim().toUpperCase().regex(/^[A-Z]{1,3}$/, 'validation.seriesLetter'),
  })
  .strict()
  .refine((c) => postalCodeFits(c.postalCode, c.country), { path: ['postalCode'], message: 'validation.postalCodeDE' });

export type CompanyProfileValues = z.input<typeof CompanyProfileInput>;
/**
 * A change of the bank details an admin proposed: it applies only when a second person (another
 * admin or a supervisor) confirms it. `mayConfirm`: the asking user may.
 */
export type PendingBankChange = {
  id: string;
  iban: string;
  bic: string;
  bankName: string;
  proposedBy: string;
  proposedByName: string;
  proposedAt: string;
  mayConfirm: boolean;
};

/** `seriesLetterTaken`: another device numbers with this device's series letter (e.g. after the first sync): choose another. */
export type CompanyProfile = z.output<typeof CompanyProfileInput> & {
  logoFile: string | null;
  updatedAt: string | null;
  pendingBankChange: PendingBankChange | null;
  seriesLetterTaken: boolean;
};

export const LogoInput = z
  .object({
    fileName: requiredText(200),
    mimeType: z.enum(['image/png', 'image/jpeg'], { message: 'validation.logoType' }),
    /** Base64 of the image, at most 1 MB decoded. */
    dataBase64: z.string().min(1, 'validation.required').max(1_400_000, 'validation.logoTooLarge'),
  })
  .strict();
