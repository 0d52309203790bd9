/**
 * The `k` best of the documents `ids[0..count)`: highest score first, then the earlier start, then
 * the one added first. A bounded heap makes this O(n log k), and most documents are turned away by
 * one comparison with the worst score kept, which matters when a common word matches tens of
 * thousands of segments and fifty are shown.
 */
export function topScored(
  ids: ArrayLike<number>,
  count: number,
  k: number,
  scores: Float64Array,
  starts: Float64Array,
): number[] {
  const better = (a: number, b: number): boolean => {
    const difference = (scores[a] ?? 0) - (scores[b] ?? 0)
    if (difference !== 0) return difference > 0
    const earlier = (starts[a] ?? 0) - (starts[b] ?? 0)
    return earlier !== 0 ? earlier < 0 : a < b
  }
  const order = (a: number, b: number) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)
  const size = Math.min(k, count)
  if (size <= 0) return []
  // A min-heap on quality: the root is the worst document kept.
  const heap: number[] = []
  for (let n = 0; n < size; n++) heap.push(ids[n] ?? 0)
  const at = (i: number): number => heap[i] ?? 0
  const sink = (start: number) => {
    for (let i = start; ;) {
      const left = 2 * i + 1
      const right = left + 1
      let worst = i
      if (left < size && better(at(worst), at(left))) worst = left
      if (right < size && better(at(worst), at(right))) worst = right
      if (worst === i) return
      const item = at(i)
      heap[i] = at(worst)
      heap[worst] = item
      i = worst
    }
  }
  for (let i = (size >> 1) - 1; i >= 0; i--) sink(i)
  let floor = scores[at(0)] ?? 0
  for (let n = size; n < count; n++) {
    const id = ids[n] ?? 0
    if ((scores[id] ?? 0) < floor || !better(id, at(0))) continue
    heap[0] = id
    sink(0)
    floor = scores[at(0)] ?? 0
  }
  return heap.sort(order)
}
