// Sign-in with the organisation's OIDC provider: the Authorization Code flow with PKCE (RFC 7636), done by
// the page as a public client. The provider's endpoints come from its discovery document; the verifier and
// state wait in sessionStorage while the browser is at the provider's login.
const PENDING_KEY = 'noesis.approvals.oidc-pending';

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(byteCount) {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

async function discover(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) {
    throw new Error(`the provider's discovery document answered HTTP ${response.status}`);
  }
  return response.json();
}

// The page's own address, without the code and state the provider appends.
function redirectUri() {
  return `${location.origin}${location.pathname}`;
}

/** The provider the service offers ({issuer, client_id, scope}), or null when it offers none. */
export async function configuredProvider() {
  const response = await fetch('page/config', { headers: { Accept: 'application/json' } });
  return response.ok ? (await response.json()).oidc : null;
}

/** Sends the browser to the provider's login. */
export async function startSignIn(provider) {
  const endpoints = await discover(provider.issuer);
  const verifier = randomText(32);
  const state = randomText(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, tokenEndpoint: endpoints.token_endpoint }));
  const login = new URL(endpoints.authorization_endpoint);
  login.search = new URLSearchParams({
    response_type: 'code',
    client_id: provider.client_id,
    redirect_uri: redirectUri(),
    scope: provider.scope,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(login.toString());
}

/**
 * Back from the provider: trades the code in the address for an access token (null when the address has no
 * answer from the provider). Throws when the provider refused or the answer is not for this tab's request.
 */
export async function finishSignIn(provider) {
  const answer = new URLSearchParams(location.search);
  if (!answer.has('code') && !answer.has('error')) {
    return null;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', redirectUri());
  if (answer.has('error')) {
    throw new Error(answer.get('error_description') ?? answer.get('error'));
  }
  if (!pending || pending.state !== answer.get('state')) {
    throw new Error('the answer does not belong to a sign-in started in this tab');
  }
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: answer.get('code'),
      redirect_uri: redirectUri(),
      client_id: provider.client_id,
      code_verifier: pending.verifier,
    }),
  });
  const tokens = await response.json();
  if (!response.ok || !tokens.access_token) {
    throw new Error(tokens.error_description ?? tokens.error ?? `the token endpoint answered HTTP ${response.status}`);
  }
  return tokens.access_token;
}
