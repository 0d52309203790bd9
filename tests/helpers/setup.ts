import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// jsdom lays nothing out and has no scrollIntoView; the transcript columns call it to bring a row
// into the window. Without layout there is nothing to scroll, so doing nothing is what it would do.
const prototype = typeof Element === 'undefined' ? undefined : Element.prototype
if (prototype && typeof (prototype as Partial<Element>).scrollIntoView !== 'function') {
  prototype.scrollIntoView = () => undefined
}

// Nor has it media queries: every screen it pretends to be is a wide one, where no query matches.
if (typeof window !== 'undefined' && typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string) =>
    Object.assign(new EventTarget(), {
      media: query,
      matches: false,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
    }) as unknown as MediaQueryList
}

afterEach(() => {
  cleanup()
})
