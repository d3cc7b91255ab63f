// Server actions as a browser's fetch sends them, so a test can replay one with hostile headers.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

interface ServerReferenceManifest {
  readonly node: Readonly<Record<string, { readonly filename?: string; readonly exportedName?: string }>>;
}

/** The build's id of the action exported as `exportedName` from `filename` (e.g. lib/actions/track-call-action.ts). */
export async function findServerActionId(filename: string, exportedName: string): Promise<string> {
  const file = path.join(process.cwd(), '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as ServerReferenceManifest;
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`The build has no server action ${exportedName} in ${filename}`);
  return found[0];
}

/**
 * The body React sends for a `(previousState, formData)` action (useActionState): part `0` holds
 * the arguments as JSON, with the form as a reference (`$K1`) to the parts prefixed `_1_`.
 */
export function actionFormBody(fields: Readonly<Record<string, string>>, previousState: unknown = null): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  body.append('0', JSON.stringify([previousState, '$K1']));
  return body;
}

export interface ServerActionPost {
  /** The page the action belongs to, e.g. /calls. */
  readonly page: string;
  readonly actionId: string;
  readonly fields: Readonly<Record<string, string>>;
  /** Cookie, Origin, Sec-Fetch-Site…: whatever the test wants the request to claim. */
  readonly headers: Readonly<Record<string, string>>;
}

/** POSTs the action like the browser's router does (Next-Action header, multipart body); no redirects followed. */
export function postServerAction(baseUrl: string, post: ServerActionPost): Promise<Response> {
  return fetch(`${baseUrl}${post.page}`, {
    method: 'POST',
    headers: { accept: 'text/x-component', 'next-action': post.actionId, ...post.headers },
    body: actionFormBody(post.fields),
    redirect: 'manual',
  });
}
