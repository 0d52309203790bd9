import { useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react'
import { Icon } from '../../components/icons'
import { formatClock, formatPrecise } from '../../domain/time'
import { PLAYBACK_RATES, SKIP_SECONDS } from '../../store/playback-slice'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { usePlayheadText } from './use-playhead-text'
import { useThemeColors } from './theme-colors'
import { useWaveformPlayer, type PlayableMedia, type WaveMarks } from './use-waveform-player'

const WAVE_HEIGHT = 56

/**
 * The player: waveform (which is also the playhead slider) and the transport controls, with
 * `citing` (the citation buttons) at the end of their row.
 */
export function PlayerPanel({
  media,
  title,
  marks,
  citing,
}: {
  media: PlayableMedia
  title: string
  marks?: WaveMarks
  citing?: ReactNode
}) {
  const waveRef = useRef<HTMLDivElement>(null)
  const overviewRef = useRef<HTMLDivElement>(null)
  const sliderRef = useRef<HTMLDivElement>(null)
  const clockRef = useRef<HTMLSpanElement>(null)
  const colors = useThemeColors()
  useWaveformPlayer(waveRef, overviewRef, media, colors, WAVE_HEIGHT, marks)
  usePlayheadText(sliderRef, clockRef)
  const error = useAppStore((s) => s.playbackError)
  const isReady = useAppStore((s) => s.isReady)

  return (
    <section className="player" aria-label="Player">
      <div
        ref={sliderRef}
        className="waveform"
        role="slider"
        tabIndex={0}
        aria-label="Playback position"
        title="Click or drag to move the playhead; Shift+drag to select a range"
        aria-valuemin={0}
        aria-busy={!isReady}
        onKeyDown={useSliderKeys()}
      >
        <div ref={waveRef} className="waveform-canvas" />
      </div>
      <ZoomOverview overviewRef={overviewRef} />
      <div className="transport">
        <div className="transport-main">
          <SkipButton delta={-SKIP_SECONDS} />
          <PlayButton title={title} />
          <SkipButton delta={SKIP_SECONDS} />
          <ReplayButton />
          <span ref={clockRef} className="clock" />
        </div>
        <div className="transport-extra">
          <LoopControls />
          <RewindOnResume />
          <ZoomButtons />
          <SpeedSelect />
          <VolumeControl />
        </div>
        {citing}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  )
}

function useSliderKeys() {
  const store = useAppStoreApi()
  return (event: KeyboardEvent) => {
    const { skip, seek, duration } = store.getState()
    const step = event.shiftKey ? 1 : SKIP_SECONDS
    const actions: Record<string, () => void> = {
      ArrowLeft: () => skip(-step),
      ArrowDown: () => skip(-step),
      ArrowRight: () => skip(step),
      ArrowUp: () => skip(step),
      PageDown: () => skip(-30),
      PageUp: () => skip(30),
      Home: () => seek(0),
      End: () => seek(duration),
    }
    const action = actions[event.key]
    if (action && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault()
      event.stopPropagation()
      action()
    }
  }
}

/**
 * The whole call in small while the waveform is zoomed in, with the part shown framed; click or
 * drag it to move there. Hidden from assistive technology: the slider does the same by keyboard.
 */
function ZoomOverview({ overviewRef }: { overviewRef: RefObject<HTMLDivElement | null> }) {
  const zoomed = useAppStore((s) => s.zoomLevel > 0)
  return (
    <div
      ref={overviewRef}
      className="waveform-overview"
      hidden={!zoomed}
      aria-hidden="true"
      title="The whole call: click or drag to move the zoomed waveform"
    />
  )
}

function ZoomButtons() {
  const level = useAppStore((s) => s.zoomLevel)
  const max = useAppStore((s) => s.maxZoomLevel)
  const stepZoom = useAppStore((s) => s.stepZoom)
  return (
    <span className="zoom-buttons">
      <button
        type="button"
        className="icon-button"
        aria-label="Zoom out"
        title="Zoom out of the waveform (−)"
        disabled={level === 0}
        onClick={() => stepZoom(-1)}
      >
        <Icon name="zoomOut" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Zoom in"
        title="Zoom in on the waveform (+)"
        disabled={level >= max}
        onClick={() => stepZoom(1)}
      >
        <Icon name="zoomIn" />
      </button>
    </span>
  )
}

function PlayButton({ title }: { title: string }) {
  const isPlaying = useAppStore((s) => s.isPlaying)
  const togglePlay = useAppStore((s) => s.togglePlay)
  return (
    <button
      type="button"
      className="play"
      aria-label={isPlaying ? 'Pause' : 'Play'}
      title={`${isPlaying ? 'Pause' : 'Play'} “${title}” (Space)`}
      onClick={togglePlay}
    >
      <Icon name={isPlaying ? 'pause' : 'play'} filled />
    </button>
  )
}

function SkipButton({ delta }: { delta: number }) {
  const skip = useAppStore((s) => s.skip)
  const back = delta < 0
  const label = `${back ? 'Back' : 'Forward'} ${Math.abs(delta)} seconds`
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={`${label} (${back ? '←' : '→'})`}
      onClick={() => skip(delta)}
    >
      <Icon name={back ? 'back' : 'forward'} />
      <span className="skip-amount" aria-hidden="true">
        {Math.abs(delta)}
      </span>
    </button>
  )
}

/** Replays the last 5 seconds: the control for a phrase not caught the first time. */
function ReplayButton() {
  const replay = useAppStore((s) => s.replay)
  return (
    <button
      type="button"
      className="icon-button"
      // Not "Replay": the Play toggle is found by the word "Play", and must be the only one.
      aria-label={`Hear the last ${SKIP_SECONDS} seconds again`}
      title={`Hear the last ${SKIP_SECONDS} seconds again (Shift+R)`}
      onClick={() => replay(SKIP_SECONDS)}
    >
      <Icon name="replay" />
    </button>
  )
}

/** A small step back whenever playback resumes, so the first word after a pause is heard whole. */
function RewindOnResume() {
  const rewind = useAppStore((s) => s.rewindOnResume)
  const setRewind = useAppStore((s) => s.setRewindOnResume)
  return (
    <label className="rewind" title="Rewind 1.5 s each time playback resumes">
      <input
        type="checkbox"
        aria-label="Rewind 1.5 s on resume"
        checked={rewind > 0}
        onChange={(e) => setRewind(e.target.checked ? 1.5 : 0)}
      />
      <span className="rewind-label" aria-hidden="true">
        Rewind 1.5 s on resume
      </span>
      <span className="rewind-short" aria-hidden="true">
        Rewind
      </span>
    </label>
  )
}

function SpeedSelect() {
  const rate = useAppStore((s) => s.rate)
  const setRate = useAppStore((s) => s.setRate)
  return (
    <div className="speed" title="Playback speed (< and >)">
      <select
        aria-label="Playback speed"
        value={String(rate)}
        onChange={(e) => setRate(Number(e.target.value))}
      >
        {PLAYBACK_RATES.map((r) => (
          <option key={r} value={String(r)}>
            {r}×
          </option>
        ))}
      </select>
    </div>
  )
}

function VolumeControl() {
  const volume = useAppStore((s) => s.volume)
  const muted = useAppStore((s) => s.muted)
  const setVolume = useAppStore((s) => s.setVolume)
  const toggleMuted = useAppStore((s) => s.toggleMuted)
  const silent = muted || volume === 0
  return (
    <div className="volume">
      <button
        type="button"
        className="icon-button"
        aria-label={muted ? 'Unmute' : 'Mute'}
        aria-pressed={muted}
        title={`${muted ? 'Unmute' : 'Mute'} (M)`}
        onClick={toggleMuted}
      >
        <Icon name={silent ? 'muted' : 'volume'} />
      </button>
      <input
        type="range"
        aria-label="Volume"
        min={0}
        max={1}
        step={0.05}
        value={muted ? 0 : volume}
        onChange={(e) => setVolume(Number(e.target.value))}
      />
    </div>
  )
}

function LoopControls() {
  const range = useAppStore((s) => s.range)
  const looping = useAppStore((s) => s.looping)
  const toggleLoop = useAppStore((s) => s.toggleLoop)
  const selectRange = useAppStore((s) => s.selectRange)
  return (
    <div className="loop">
      <button
        type="button"
        className="icon-button"
        aria-pressed={looping}
        aria-label={range ? 'Loop range' : 'Loop current segment'}
        title="Loop the selected range, or the current segment (R)"
        onClick={toggleLoop}
      >
        <Icon name="loop" />
      </button>
      {range && (
        <>
          <span className="range-text" title="Selected range">
            {formatPrecise(range.start)}–{formatPrecise(range.end)}
          </span>
          <button
            type="button"
            className="text-button"
            aria-label={`Clear range ${formatClock(range.start)} to ${formatClock(range.end)}`}
            onClick={() => selectRange(null)}
          >
            Clear
          </button>
        </>
      )}
    </div>
  )
}
