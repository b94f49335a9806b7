// The bearer token lives only in localStorage; the identity store mirrors it in a signal.

const TOKEN_KEY = "plaza.token";

export function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function writeToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(TOKEN_KEY);
    else localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Private mode without storage: the session then lasts as long as the page.
  }
}
