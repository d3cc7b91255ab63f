// Posting a server action by hand, in the encodings a browser uses: React's reply encoding as a
// multipart form (form actions: `0` holds the arguments, `_1_<field>` the FormData) or as one JSON
// text (plain arguments), and the no-JavaScript form post (`$ACTION_ID_<id>`, no Next-Action header).

export type ActionEncoding = 'multipart' | 'json' | 'no-js-form';

export const ACTION_ENCODINGS: readonly ActionEncoding[] = ['multipart', 'json', 'no-js-form'];

/** How an action is called: with (previous state, form), with (form) alone, or with plain values. */
export type ActionArguments =
  | { readonly shape: 'state-and-form'; readonly fields: Readonly<Record<string, string>> }
  | { readonly shape: 'form'; readonly fields: Readonly<Record<string, string>> }
  | { readonly shape: 'values'; readonly values: readonly unknown[] };

export interface ActionPost {
  readonly baseUrl: string;
  /** The page path the action is posted to (any path works; Next forwards to the right bundle). */
  readonly path: string;
  readonly actionId: string;
  readonly args: ActionArguments;
  readonly encoding: ActionEncoding;
  /** Cookie and any extra headers (e.g. an x-middleware-subrequest attempt). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** React's encodeReply for arguments that hold one FormData: its fields go under `_1_`. */
function replyForm(args: ActionArguments): FormData {
  const form = new FormData();
  if (args.shape === 'values') {
    form.set('0', JSON.stringify(args.values));
    return form;
  }
  // The FormData's fields first, the root row last, as React writes them: the server resolves
  // "$K1" from the fields it has already read when the root row arrives.
  for (const [name, value] of Object.entries(args.fields)) form.append(`_1_${name}`, value);
  form.set('0', JSON.stringify(args.shape === 'state-and-form' ? [{ status: 'idle' }, '$K1'] : ['$K1']));
  return form;
}

/** The JSON text encoding; a FormData argument cannot be written this way, so its fields go as an object. */
function replyText(args: ActionArguments): string {
  if (args.shape === 'values') return JSON.stringify(args.values);
  return JSON.stringify(args.shape === 'state-and-form' ? [{ status: 'idle' }, args.fields] : [args.fields]);
}

function noJsForm(actionId: string, args: ActionArguments): FormData {
  const form = new FormData();
  form.set(`$ACTION_ID_${actionId}`, '');
  const fields = args.shape === 'values' ? {} : args.fields;
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

export interface ActionResponse {
  readonly status: number;
  readonly location: string | null;
  /** Next's marker for an action id it does not serve at this path. */
  readonly actionNotFound: boolean;
  readonly contentType: string;
  readonly body: string;
}

/** Sends one action request; redirects are not followed, so a refusal by redirect stays visible. */
export async function postAction(post: ActionPost): Promise<ActionResponse> {
  const url = `${post.baseUrl}${post.path}`;
  // A browser sends its page's origin with every action post.
  const common = { origin: post.baseUrl, ...post.headers };
  let init: RequestInit;
  if (post.encoding === 'no-js-form') {
    init = { method: 'POST', headers: { accept: 'text/html', ...common }, body: noJsForm(post.actionId, post.args) };
  } else {
    const headers = { accept: 'text/x-component', 'next-action': post.actionId, ...common };
    init =
      post.encoding === 'multipart'
        ? { method: 'POST', headers, body: replyForm(post.args) }
        : { method: 'POST', headers: { ...headers, 'content-type': 'text/plain;charset=UTF-8' }, body: replyText(post.args) };
  }
  const response = await fetch(url, { ...init, redirect: 'manual' });
  return {
    status: response.status,
    location: response.headers.get('location'),
    actionNotFound: response.headers.get('x-nextjs-action-not-found') === '1',
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}
