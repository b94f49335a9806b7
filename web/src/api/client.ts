// A thin fetch wrapper: JSON in and out, bearer auth, problem+json errors as ApiError,
// and a window event on any 401 so that the identity store can sign the user out.
// Raw file uploads go through XMLHttpRequest instead, for its upload progress events.

import type { Problem } from "./types";
import { readToken, writeToken } from "./token";

/** Dispatched on `window` when an authenticated request gets a 401. */
export const UNAUTHORIZED_EVENT = "plaza:unauthorized";

/** Error codes the client makes up itself, next to the server's problem codes. */
export const NETWORK_ERROR = "client.network";
export const UNEXPECTED_RESPONSE = "client.unexpected_response";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The request field the problem is about ("phone", "code", ...), or null. */
  readonly field: string | null;
  readonly detail: string;
  /** Seconds from a 429's Retry-After header. */
  readonly retryAfter: number | null;
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    field?: string | null;
    retryAfter?: number | null;
    requestId?: string | null;
  }) {
    super(init.detail || init.code);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.field = init.field ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.requestId = init.requestId ?? null;
  }
}

export interface RequestOptions {
  /** A JSON body. */
  json?: unknown;
  /** A multipart body. */
  form?: FormData;
  /** Send the bearer token (default true). */
  auth?: boolean;
  /** Extra request headers, such as `Idempotency-Key`. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** "body.display_name" -> "display_name"; servers differ in how they name fields. */
function normaliseField(field: unknown): string | null {
  if (typeof field !== "string" || field === "") return null;
  const parts = field.split(".");
  return parts[parts.length - 1] ?? null;
}

function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
  let problem: Partial<Problem> | null = null;
  try {
    problem = (await response.json()) as Partial<Problem>;
  } catch {
    problem = null;
  }
  if (problem && typeof problem.code === "string") {
    return new ApiError({
      status: response.status,
      code: problem.code,
      detail: typeof problem.detail === "string" ? problem.detail : (problem.title ?? ""),
      field: normaliseField(problem.field),
      retryAfter,
      requestId: problem.request_id ?? null,
    });
  }
  return new ApiError({
    status: response.status,
    code: UNEXPECTED_RESPONSE,
    detail: `${response.status} ${response.statusText}`.trim(),
    retryAfter,
  });
}

function signOutOn(error: ApiError): void {
  writeToken(null);
  window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT, { detail: error }));
}

export interface UploadOptions {
  /** Called with the share sent so far, 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** POSTs `body` as it is (not a form), with the bearer token; the JSON answer, or an ApiError. */
export function upload<T>(path: string, body: Blob, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Content-Type", body.type || "application/octet-stream");
    const token = readToken();
    if (token !== null) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    const onProgress = options.onProgress;
    if (onProgress) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
    }
    const networkError = () => new ApiError({ status: 0, code: NETWORK_ERROR, detail: "The upload did not get through" });
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status > 599) {
        reject(networkError());
        return;
      }
      if (xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError({ status: xhr.status, code: UNEXPECTED_RESPONSE, detail: "Response is not JSON" }));
        }
        return;
      }
      const headers = new Headers();
      const retryAfter = xhr.getResponseHeader("Retry-After");
      if (retryAfter !== null) headers.set("Retry-After", retryAfter);
      const response = new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers });
      void toApiError(response).then((error) => {
        if (xhr.status === 401) signOutOn(error);
        reject(error);
      });
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    options.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth ?? true;
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    body = options.form;
  }
  const token = auth ? readToken() : null;
  if (token !== null) headers["Authorization"] = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      credentials: "same-origin",
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({ status: 0, code: NETWORK_ERROR, detail: String(cause) });
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && auth) signOutOn(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (text === "") return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({ status: response.status, code: UNEXPECTED_RESPONSE, detail: "Response is not JSON" });
  }
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>("GET", path, options),
  post: <T>(path: string, json?: unknown, options?: RequestOptions) =>
    request<T>("POST", path, { ...options, json }),
  patch: <T>(path: string, json: unknown, options?: RequestOptions) =>
    request<T>("PATCH", path, { ...options, json }),
  put: <T>(path: string, options?: RequestOptions) => request<T>("PUT", path, options),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>("DELETE", path, options),
};
