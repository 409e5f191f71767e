const KEY = 'openaims.lastOrg';

export function rememberOrg(slug: string): void {
  try {
    window.localStorage.setItem(KEY, slug);
  } catch {
    // storage unavailable: nothing to remember
  }
}

export function lastOrg(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
