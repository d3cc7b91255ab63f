import { batchResponseSchema, batchStartedResponseSchema, bulkDisconnectBodySchema } from '../batch-schemas';
import type { ApiOperation, ApiParameter, ApiResponseSpec } from './api-operations';

// The bulk disconnect operations of /api/v1, in the same form as API_OPERATIONS.

const e = (description: string): ApiResponseSpec => ({ description });

const batchIdParam: ApiParameter = {
  name: 'batchId',
  in: 'path',
  required: true,
  description: 'The batchId that POST /calls/disconnect answered.',
  schema: { type: 'string', maxLength: 100 },
};

export const BATCH_OPERATIONS: readonly ApiOperation[] = [
  {
    path: '/calls/disconnect',
    method: 'POST',
    operationId: 'bulkDisconnect',
    summary:
      'Start a bulk disconnect: every call goes through the single-call workflow (its own audited attempt, all sharing the batch id), ' +
      'run on the server with bounded concurrency. It pauses itself after 5 failures in a row. Poll the status URL for progress.',
    roles: 'operator, admin',
    requestBody: bulkDisconnectBodySchema,
    responses: {
      202: { description: 'Started; runs on the server. Location and statusUrl point at GET /batches/{batchId}.', body: batchStartedResponseSchema },
      400: e('Invalid input (see error.field): untracked or ended calls, no reason, over 1000 calls; or code confirmation-mismatch when expectedCount is missing above 10 calls or does not match.'),
      401: e('No or bad token.'),
      403: e('Role too low: nothing is sent, the refusal is audited.'),
      409: e('One of the calls is waiting in another running bulk disconnect; nothing was started.'),
      413: e('Body over 1.5 MiB.'),
      415: e('Body is not application/json.'),
    },
  },
  {
    path: '/batches/{batchId}',
    method: 'GET',
    operationId: 'getBatch',
    summary: 'A bulk disconnect: status (running, paused, cancelled, finished, interrupted), counts, and every call with its outcome and fault.',
    roles: 'viewer, operator, auditor, admin',
    parameters: [batchIdParam],
    responses: { 200: { description: 'The batch.', body: batchResponseSchema }, 401: e('No or bad token.'), 403: e('Role too low.'), 404: e('No such batch.') },
  },
  {
    path: '/batches/{batchId}/cancel',
    method: 'POST',
    operationId: 'cancelBatch',
    summary: 'Cancel a bulk disconnect: calls not yet sent are never sent; calls in flight finish. Audited as batch.cancel.',
    roles: 'operator, admin',
    parameters: [batchIdParam],
    responses: {
      200: { description: 'Cancelled; the batch as it is now.', body: batchResponseSchema },
      401: e('No or bad token.'),
      403: e('Role too low (audited).'),
      404: e('No such batch.'),
      409: e('The batch is finished or cancelled already.'),
    },
  },
];
