// Every call the console makes is an operation of /api/v1 (openapi/bridge.yaml), sent with the session cookie
// and the console's header (the service refuses a console call without it: see ConsoleSession).
export class ApiProblem extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

const HEADERS = { 'X-OCBridge-Console': '1', Accept: 'application/json' };
let onUnauthorized = () => {};

export function whenUnauthorized(callback) { onUnauthorized = callback; }

async function send(method, path, body, type) {
  const headers = { ...HEADERS };
  if (type) headers['Content-Type'] = type;
  let response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiProblem(0, 'network', e.message);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    const error = (json && json.error) || {};
    const problem = new ApiProblem(response.status, error.code || 'http_' + response.status,
      error.message || response.statusText, error.details);
    if (response.status === 401 && !path.startsWith('/console/session')) onUnauthorized(problem);
    throw problem;
  }
  return json;
}

export const api = {
  get: (path) => send('GET', path),
  post: (path, json) => send('POST', path, json === undefined ? undefined : JSON.stringify(json),
    json === undefined ? undefined : 'application/json'),
  del: (path) => send('DELETE', path),
};

/** Uploads a file as the raw body, reporting progress (fetch cannot report upload progress; XHR can). */
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [k, v] of Object.entries(HEADERS)) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(100 * e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiProblem(0, 'network', 'network error'));
    xhr.onload = () => {
      let json = null;
      try { json = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch (e) { json = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json);
      else {
        const error = (json && json.error) || {};
        reject(new ApiProblem(xhr.status, error.code || 'http_' + xhr.status, error.message || xhr.statusText));
      }
    };
    xhr.send(file);
  });
}
