// The EthGov API as the page uses it. Every failure becomes an ApiError carrying the RFC 7807 problem, when
// the server sent one, so the views can show the server's own words.

import { under } from './base.js';
import { language } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// A caller is either a department's API key or a clerk's session (its cookie, and its antiforgery token for unsafe
// methods); the session cookie is HttpOnly, so the page never holds it.
function authHeaders(headers, auth) {
  if (auth?.apiKey) {
    headers['X-Api-Key'] = auth.apiKey;
  } else if (auth?.session) {
    headers[auth.session.csrfHeader] = auth.session.csrfToken;
  }
  return headers;
}

// The session cookie goes only with the calls made in the session: a signed-in clerk's verification of a receipt
// (a POST) stays an anonymous call, which needs no antiforgery token.
export async function request(method, url, { body, apiKey, auth, withSession = false } = {}) {
  // Problems come back titled in the page's language.
  const headers = { Accept: 'application/json', 'Accept-Language': language() };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  authHeaders(headers, auth ?? (apiKey ? { apiKey } : null));
  let response;
  try {
    response = await fetch(under(url), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: withSession || auth?.session ? 'same-origin' : 'omit',
    });
  } catch {
    throw new ApiError(0, null);
  }
  const type = response.headers.get('Content-Type') ?? '';
  const payload = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new ApiError(response.status, payload);
  }
  return { status: response.status, body: payload };
}

/**
 * Verifies a digest; a document's link adds the issuing department's code and its batch proof (base64url), which
 * let any node find a batch member without asking the issuer's node.
 */
export async function verifyDigest(digest, { department, proof } = {}) {
  const query = new URLSearchParams();
  if (department) {
    query.set('department', department);
  }
  if (proof) {
    query.set('proof', proof);
  }
  const search = query.toString();
  return (await request('GET', `/api/v1/verify/${encodeURIComponent(digest)}${search ? `?${search}` : ''}`)).body;
}

/** Verifies a receipt; with a digest too, the verdict also says whether the two belong together. */
export async function verifyReceipt(receipt, digest) {
  return (await request('POST', '/api/v1/verify', { body: { digest: digest ?? null, receipt } })).body;
}

/** The receipt this server issued for the digest, or null when it did not anchor it (or not yet). */
export async function receiptOf(digest) {
  try {
    return (await request('GET', `/api/v1/documents/${encodeURIComponent(digest)}/receipt`)).body;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 409)) {
      return null;
    }
    throw error;
  }
}

export async function anchor(digest, validUntil, auth, fileName) {
  return (await request('POST', '/api/v1/documents', { body: { digest, validUntil: validUntil ?? null, fileName: fileName ?? null }, auth })).body;
}

/** The clerk's session, or null when there is none. */
export async function currentSession() {
  try {
    return (await request('GET', '/api/v1/session', { withSession: true })).body;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return null;
    }
    throw error;
  }
}

/** How a clerk may sign in here: name and password, and the department's OpenID Connect provider when there is one. */
export async function signInOptions() {
  return (await request('GET', '/api/v1/session/options')).body;
}

export async function signIn(name, password) {
  return (await request('POST', '/api/v1/session', { body: { name, password }, withSession: true })).body;
}

/**
 * Ends the clerk's session; a session begun at the department's provider answers where to end the provider's too
 * (its end-session address), which the page then opens.
 */
export async function signOut(session) {
  return (await request('DELETE', '/api/v1/session', { auth: { session } })).body?.providerSignOutUrl ?? null;
}

/** A page of the department's register; a next link the server handed out is followed as it is. */
export async function issuedDocuments(query, auth, next) {
  return (await request('GET', next ?? `/api/v1/documents?${query}`, { auth })).body;
}

/** The register as a CSV file (a Blob), fetched with the caller's key or session. */
export async function issuedDocumentsCsv(query, auth) {
  let response;
  try {
    response = await fetch(under(`/api/v1/documents/export.csv?${query}`), {
      headers: authHeaders({}, auth), cache: 'no-store', credentials: auth?.session ? 'same-origin' : 'omit',
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const type = response.headers.get('Content-Type') ?? '';
    throw new ApiError(response.status, type.includes('json') ? await response.json() : null);
  }
  return response.blob();
}

export async function documentStatus(digest) {
  return (await request('GET', `/api/v1/documents/${encodeURIComponent(digest)}`)).body;
}

export function qrCodeUrl(digest, format) {
  return under(`/api/v1/documents/${encodeURIComponent(digest)}/qr?format=${format}`);
}

/** The published revocation reasons: number, name, and title and description by language. */
export async function revocationReasons() {
  return (await request('GET', '/api/v1/revocation-reasons')).body;
}

/**
 * Revokes a document: 200 with the transaction, or 202 with a change request when the department requires a second
 * clerk's approval; the answer's status says which.
 */
export async function revoke(digest, reason, note, auth) {
  return request('POST', `/api/v1/documents/${encodeURIComponent(digest)}/revocation`, { body: { reason, note: note || null }, auth });
}

/** Replaces a document by a newer one: 200 with the new document's status, or 202 with a change request. */
export async function supersede(digest, newDigest, validUntil, auth) {
  return request('POST', `/api/v1/documents/${encodeURIComponent(digest)}/supersession`, { body: { newDigest, validUntil: validUntil ?? null }, auth });
}

/** The department's change requests waiting for a second clerk. */
export async function pendingChangeRequests(auth) {
  return (await request('GET', '/api/v1/change-requests?state=pending', { auth })).body;
}

export async function approveChangeRequest(id, auth) {
  return (await request('POST', `/api/v1/change-requests/${encodeURIComponent(id)}/approval`, { auth })).body;
}

export async function refuseChangeRequest(id, auth) {
  return (await request('POST', `/api/v1/change-requests/${encodeURIComponent(id)}/refusal`, { auth })).body;
}

/** Asks another department for a grant; 202 with the request as stored (it is then handed to the holder's node). */
export async function askGrant(body, auth) {
  return (await request('POST', '/api/v1/grant-requests', { body, auth })).body;
}

/** A page of the department's grant requests, incoming or outgoing, with the caller's department code. */
export async function grantRequests(direction, auth) {
  return (await request('GET', `/api/v1/grant-requests?direction=${encodeURIComponent(direction)}&pageSize=50`, { auth })).body;
}

export async function approveGrantRequest(id, auth) {
  return (await request('POST', `/api/v1/grant-requests/${encodeURIComponent(id)}/approval`, { auth })).body;
}

export async function refuseGrantRequest(id, reason, auth) {
  return (await request('POST', `/api/v1/grant-requests/${encodeURIComponent(id)}/refusal`, { body: { reason }, auth })).body;
}

/** The latest grants to a department, newest first, as the node indexed them. */
export async function grantsReceived(department, auth) {
  return (await request('GET', `/api/v1/grants?grantee=${encodeURIComponent(department)}&newest=true&pageSize=50`, { auth })).body;
}

/** The latest grants the caller's department gave, newest first, as its node indexed them. */
export async function grantsGiven(department, auth) {
  return (await request('GET', `/api/v1/grants?grantor=${encodeURIComponent(department)}&newest=true&pageSize=50`, { auth })).body;
}

/** The caller's department's latest exchanges, newest first. */
export async function exchanges(auth) {
  return (await request('GET', '/api/v1/exchanges?pageSize=20', { auth })).body;
}

/** Asks the department's own node for a record under a grant; 202 with the exchange. */
export async function requestRecord(grantId, auth) {
  return (await request('POST', '/api/v1/exchanges', { body: { grantId }, auth })).body;
}

/** The verified content of an exchange, as a Blob (a view-once grant serves it once). */
export async function exchangeContent(id, auth) {
  let response;
  try {
    response = await fetch(under(`/api/v1/exchanges/${encodeURIComponent(id)}/content`), {
      headers: authHeaders({ 'Accept-Language': language() }, auth), cache: 'no-store', credentials: auth?.session ? 'same-origin' : 'omit',
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const type = response.headers.get('Content-Type') ?? '';
    throw new ApiError(response.status, type.includes('json') ? await response.json() : null);
  }
  return response.blob();
}
