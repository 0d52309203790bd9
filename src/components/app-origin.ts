/** Where the app lives (origin and path, no hash), for absolute links that open it again. */
export function appOrigin(): string {
  return `${window.location.origin}${window.location.pathname}`
}
