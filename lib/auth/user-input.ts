import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password';
import { ROLES, type Role } from './roles';

/** The form in which emails are stored and compared: trimmed, lower-case. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

// Deliberately loose: one @, something on each side, no spaces. `admin@localhost` is valid.
const emailSchema = z
  .string()
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, 'Enter an email address.')
      .max(254, 'An email address has at most 254 characters.')
      .regex(/^[^\s@]+@[^\s@]+$/, 'Enter an email address such as name@example.com.'),
  );

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `A password has at most ${MAX_PASSWORD_LENGTH} characters.`);

export const newUserSchema = z.object({
  email: emailSchema,
  displayName: z
    .string()
    .trim()
    .min(1, 'Enter a display name.')
    .max(100, 'A display name has at most 100 characters.'),
  role: z.enum(ROLES as [Role, ...Role[]], { message: `The role must be one of ${ROLES.join(', ')}.` }),
  password: passwordSchema,
  mustChangePassword: z.boolean().optional(),
});

export type NewUserInput = z.input<typeof newUserSchema>;

/** zod issues as one message per field, for forms and the admin CLI. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}
