import type { AuthorizeParams } from './sandbox-oauth.server';
import type { SandboxAccount, SandboxPost } from './entities/local-oauth.entities';

/** Server-rendered pages of the sandbox platform (it is not part of Atrium's UI). */
const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f3f0fa; color: #1d1b20; }
  main { max-width: 28rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 16px; box-shadow: 0 1px 4px #0002; }
  h1 { font-size: 1.4rem; margin-top: 0; } label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: .6rem; font: inherit; border: 1px solid #79747e; border-radius: 8px; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; flex-wrap: wrap; }
  button { font: inherit; padding: .6rem 1.2rem; border-radius: 20px; border: 1px solid #6750a4; cursor: pointer; }
  button.primary { background: #6750a4; color: #fff; } button.secondary { background: #fff; color: #6750a4; }
  .muted { color: #49454f; font-size: .9rem; } article { border-top: 1px solid #e7e0ec; padding: .75rem 0; white-space: pre-wrap; }
</style></head><body><main>${body}</main></body></html>`;

export function consentPage(params: AuthorizeParams, error?: string): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escape(value)}">`;
  return layout(
    'Demo platform: authorize Atrium',
    `<h1>Connect an account on the demo platform</h1>
<p class="muted">The demo platform lets you try connecting and publishing without a real social network (it stands in for LinkedIn, X and the others, with a real OAuth 2 flow). Nothing posted to it leaves this installation.</p>
<p>Atrium asks to <strong>read your profile</strong> and <strong>publish posts</strong>.</p>
${error ? `<p role="alert"><strong>${escape(error)}</strong></p>` : ''}
<form method="post" action="/api/dev-oauth/authorize">
${hidden('client_id', params.clientId)}${hidden('redirect_uri', params.redirectUri)}${hidden('state', params.state)}
${hidden('code_challenge', params.codeChallenge)}${hidden('code_challenge_method', 'S256')}${hidden('response_type', 'code')}${hidden('scope', params.scope)}
<label for="handle">Account handle</label>
<input id="handle" name="handle" required pattern="[a-zA-Z0-9][a-zA-Z0-9_.\\-]{1,58}" placeholder="acme-social" autocomplete="off">
<label for="display_name">Display name</label>
<input id="display_name" name="display_name" required maxlength="120" placeholder="Acme Social">
<div class="actions">
<button class="primary" type="submit" name="decision" value="approve">Authorize</button>
<button class="secondary" type="submit" name="decision" value="deny" formnovalidate>Cancel</button>
</div></form>`,
  );
}

export function errorPage(message: string): string {
  return layout(
    'Demo platform: authorization error',
    `<h1>Authorization error</h1><p role="alert">${escape(message)}</p>`,
  );
}

export function feedPage(account: SandboxAccount, posts: SandboxPost[]): string {
  const items = posts
    .map(
      (post) =>
        `<article id="post-${post.id}"><div class="muted">${escape(post.createdAt.toISOString())}</div>${escape(post.text)}</article>`,
    )
    .join('');
  return layout(
    `${account.displayName} on the sandbox`,
    `<h1>${escape(account.displayName)} <span class="muted">@${escape(account.handle)}</span></h1>${items || '<p>No posts yet.</p>'}`,
  );
}
