// Calls the operator API with the login session. State-changing calls carry the session's CSRF token.
// Errors become ApiError with a readable message (problem+json title and detail); nothing raw is shown.
import { t, has } from './i18n.js';

let csrf = null;

/** The session as the hub sees it: {username, roles, header, parameter, token}. */
export async function session() {
  const response = await fetch('/console/session', { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw await toError(response);
  const s = await response.json();
  csrf = { header: s.header, token: s.token };
  return s;
}

/** An API failure with a message fit for the page. */
export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function toError(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const problem = await response.json();
      const code = typeof problem.code === 'string' ? problem.code : null;
      const heading = code && has(`error.${code}`) ? t(`error.${code}`) : (problem.title || t('error.http', { status: response.status }));
      const detail = typeof problem.detail === 'string' ? problem.detail : '';
      return new ApiError(detail ? `${heading}: ${detail}` : heading, response.status, code);
    } catch (e) {
      // not JSON after all: fall through to the generic message
    }
  }
  return new ApiError(t('error.http', { status: response.status }), response.status, null);
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    if (!csrf) await session();
    headers[csrf.header] = csrf.token;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(t('error.network'), 0, null);
  }
  if (response.status === 401) {
    window.location.assign('/console/login?expired');
    throw new ApiError(t('error.session'), 401, 'AUTH_REQUIRED');
  }
  if (!response.ok) throw await toError(response);
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : null;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);

/** Posts a form-less action (logout) with the CSRF token. */
export async function logout() {
  await call('POST', '/console/logout').catch(() => null);
  window.location.assign('/console/login?logout');
}

/** Builds a query string from the non-empty values of an object. */
export function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== null && v !== undefined && v !== '') q.set(k, v); });
  const s = q.toString();
  return s ? `?${s}` : '';
}
