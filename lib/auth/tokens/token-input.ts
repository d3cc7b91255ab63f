import { z } from 'zod';

export const MAX_TOKEN_NAME_LENGTH = 64;

/** A token's name is its auth method in the audit log (`token:<name>`): short, one word-ish line. */
export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name for the token, such as "monitoring".')
  .max(MAX_TOKEN_NAME_LENGTH, `A token name has at most ${MAX_TOKEN_NAME_LENGTH} characters.`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'A token name uses letters, digits, ".", "_" and "-", starting with a letter or digit.');
