import { requireCorpus } from '../helpers/corpus'

/** `npm run test:corpus` stops at once, saying where it looked, when there is no corpus. */
export default function checkCorpus(): void {
  requireCorpus()
}
