// API tokens: created for a user, stored as a hash, checked fresh on every request.
export {
  createApiToken,
  findApiToken,
  findLiveTokensByName,
  listApiTokens,
  revokeApiToken,
} from './api-tokens';
export type { ApiTokenDto, CreateTokenError, CreatedApiToken, RevokeTokenError } from './api-tokens';
export { authenticateToken } from './authenticate-token';
export { authorizeRequest } from './authorize-request';
export type { RequestAuthDeps, RequestAuthError, RequestRoles } from './authorize-request';
export { MAX_TOKEN_NAME_LENGTH, tokenNameSchema } from './token-input';
export { generateTokenSecret, hashToken, looksLikeToken } from './token-secret';
export { issueApiToken, recordDeniedTokenChange, withdrawApiToken } from './manage-tokens';
export type { TokenManager } from './manage-tokens';
