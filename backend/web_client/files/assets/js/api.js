// The API as a front end uses it: a Supabase session from /api/auth/login kept in localStorage and
// refreshed before it expires, JSON requests with the bearer token, errors as ApiError, and the
// interview's server-sent events read from a POST (EventSource cannot POST).

const SESSION_KEY = "interview-coach.session";
const REFRESH_MARGIN_SECONDS = 60; // refresh this long before expires_at

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `The server answered ${status}.`);
    this.status = status;
    this.code = error.code || "http_" + status;
    this.details = error.details || {};
  }
}

export function session() {
  try {
    return JSON.parse(localStorage.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

function keep(value) {
  if (value) localStorage.setItem(SESSION_KEY, JSON.stringify({
    access_token: value.access_token, refresh_token: value.refresh_token, expires_at: value.expires_at,
    user: value.user,
  }));
  else localStorage.removeItem(SESSION_KEY);
  scheduleRefresh();
}

let refreshing = null;
let refreshTimer = null;

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  const current = session();
  if (!current) return;
  const wait = (current.expires_at - REFRESH_MARGIN_SECONDS) * 1000 - Date.now();
  refreshTimer = setTimeout(() => refresh().catch(() => {}), Math.max(wait, 0));
}

/** One refresh at a time: concurrent requests wait for the same new session. */
export function refresh() {
  const current = session();
  if (!current) return Promise.reject(new ApiError(401, null));
  refreshing ??= fetch("/api/auth/refresh", {
    method: "POST", headers: {"Content-Type": "application/json"},
    body: JSON.stringify({refresh_token: current.refresh_token}),
  }).then(async (response) => {
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      if (response.status === 401 || response.status === 400) keep(null);
      throw new ApiError(response.status, body);
    }
    keep(body);
    return body;
  }).finally(() => { refreshing = null; });
  return refreshing;
}

async function accessToken() {
  const current = session();
  if (!current) return null;
  if (current.expires_at - REFRESH_MARGIN_SECONDS <= Date.now() / 1000) return (await refresh()).access_token;
  return current.access_token;
}

export async function login(email, password) {
  keep(await request("POST", "/api/auth/login", {body: {email, password}, anonymous: true}));
}

export async function logout() {
  try {
    await request("POST", "/api/auth/logout", {body: {}});
  } finally {
    keep(null);
  }
}

export function forget() {
  keep(null);
}

/** A fetch of the API: `body` as JSON, `form` as multipart; `headers` added (e.g. X-Invitation-Token). */
export async function send(method, path, {body, form, headers = {}, accept, anonymous = false} = {}) {
  const all = {...headers};
  if (accept) all.Accept = accept;
  if (!anonymous) {
    const token = await accessToken();
    if (token) all.Authorization = `Bearer ${token}`;
  }
  let payload;
  if (form) payload = form;
  else if (body !== undefined) {
    all["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, {method, headers: all, body: payload});
  if (response.status === 401 && all.Authorization && !anonymous) keep(null);
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  return response;
}

export async function request(method, path, options = {}) {
  const response = await send(method, path, options);
  return response.status === 204 ? null : response.json();
}

/** POST the form's chosen `file` as multipart `file` (a field error asking for one when none is chosen). */
export function upload(path, form, prompt) {
  const file = form.elements.file.files[0];
  if (!file) return Promise.reject(new ApiError(400, {error: {message: prompt, details: {file: [prompt]}}}));
  const data = new FormData();
  data.append("file", file);
  return request("POST", path, {form: data});
}

export const get = (path, options) => request("GET", path, options);
export const post = (path, body, options = {}) => request("POST", path, {...options, body});

/** A binary answer (a chart, a PDF) as an object URL the page can show or download. */
export async function blobUrl(path) {
  const response = await send("GET", path);
  return URL.createObjectURL(await response.blob());
}

/**
 * POST (`body` as JSON or `form` as multipart) with `Accept: text/event-stream` and hand each event to `on[event]` (token, reset, message,
 * error). Resolves with the `message` event's data; rejects with an ApiError for an `error` event.
 */
export async function stream(path, {body, form, headers} = {}, on = {}) {
  const response = await send("POST", path, {body, form, headers, accept: "text/event-stream"});
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let result = null;
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(block.split("\n").map((line) => {
        const colon = line.indexOf(": ");
        return [line.slice(0, colon), line.slice(colon + 2)];
      }));
      const data = JSON.parse(fields.data || "{}");
      if (fields.event === "error") throw new ApiError(data.error?.status || 502, data);
      if (fields.event === "message") result = data;
      on[fields.event]?.(data);
    }
  }
  return result;
}

scheduleRefresh();
