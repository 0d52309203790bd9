import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// jsdom lays nothing out and has no scrollIntoView; the transcript columns call it to bring a row
// into the window. Without layout there is nothing to scroll, so doing nothing is what it would do.
const prototype = typeof Element === 'undefined' ? undefined : Element.prototype
if (prototype && typeof (prototype as Partial<Element>).scrollIntoView !== 'function') {
  prototype.scrollIntoView = () => undefined
}

afterEach(() => {
  cleanup()
})
