// The approval API as the page uses it. The token lives in sessionStorage only: it goes with the tab.
const TOKEN_KEY = 'noesis.approvals.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token.trim()),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
  // Display only: the server verifies the signature, the page just shows whose token it holds.
  subject() {
    try {
      const payload = session.token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const claims = JSON.parse(atob(payload));
      return claims.preferred_username ?? claims.sub ?? '?';
    } catch {
      return '?';
    }
  },
};

/** A refused request, carrying the RFC 9457 problem the API answered with. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function call(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { ...options.headers, Authorization: `Bearer ${session.token()}`, Accept: 'application/json' },
  });
  const body = await response.text();
  const parsed = body ? JSON.parse(body) : {};
  if (!response.ok) {
    throw new ApiError(response.status, parsed);
  }
  return { status: response.status, body: parsed };
}

export const api = {
  pending: async () => (await call('/approvals?status=pending')).body.approvals,
  decided: async () => (await call('/approvals?status=decided')).body.approvals,
  expired: async () => (await call('/approvals?status=expired')).body.approvals,
  approval: async (episodeId) => (await call(`/approvals/${encodeURIComponent(episodeId)}`)).body,
  // The channel header only says the decision came through this page; who decided is the token's subject.
  decide: (episodeId, verdict, reason) => call(`/approvals/${encodeURIComponent(episodeId)}/${verdict}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Noesis-Channel': 'web' },
    body: JSON.stringify(reason ? { reason } : {}),
  }),
};
