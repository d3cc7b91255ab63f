/** A mistake in how the command was called: exit code 2, with the usage printed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A request that was understood but cannot be done (no such user, name taken): exit code 2. */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

export const ADMIN_USAGE = `Usage: npm run --silent admin -- <command> [options]

Commands:
  create-user --email E --role R [--name N]   create a user; the password (12+ characters) is read from stdin
  list-users [--json]                          every user with role and state
  set-role --email E --role R                  change a user's role (viewer, operator, auditor, admin)
  disable-user --email E                       stop a user signing in or using their tokens
  create-token --email E --name N              create an API token for a user; the token is the last line printed
  revoke-token --name N [--email E] | --id ID  revoke an API token; it stops working at once
  verify-audit                                 check the audit log: hash chain, signed checkpoints, sequence, disconnect pairs
  verify-export <file> <manifest> [--public-key PEM]
                                               check an export against its signed manifest, offline (no database);
                                               without --public-key, against this console's own signing key
  checkpoint-audit                             sign the audit log's head now; prints the signed checkpoint as JSON
  prune-audit                                  remove audit events older than the retention set under Settings
  audit-public-key                             print the public key (PEM) that checkpoints and export manifests are signed with
  migrate                                      bring the database schema up to date and say so (run it as the schema's owner)

Exit codes: 0 done, 2 usage or invalid input, 1 other failure.
Every change is recorded in the audit log (auth method "cli", with your OS user name).
`;
