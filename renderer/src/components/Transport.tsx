import type { ListenChoice } from '../app/listen';
import type { Listener } from '../app/listen-controller';
import { useTinyStore } from '../hooks/useTinyStore';
import type { Player } from '../playback/player';
import { WINDOW_GRIFFIN_LIM_ITERATIONS } from '../../../shared/api/contract';

interface Props {
  player: Player;
  listener: Listener;
  /** What can be heard now, in the order of the keys 1–4. */
  choices: readonly ListenChoice[];
}

/** `1:02.35`: minutes, seconds and hundredths. */
export function formatPlayTime(seconds: number): string {
  const s = Math.max(0, seconds);
  const minutes = Math.floor(s / 60);
  const rest = s - minutes * 60;
  return `${minutes}:${rest.toFixed(2).padStart(5, '0')}`;
}

/**
 * The transport: Play / Pause, loop, play the visible range, what to hear (the WAV, or a mel on
 * screen through Griffin-Lim: A/B while playing) and the Griffin-Lim iterations.
 */
export function Transport({ player, listener, choices }: Props) {
  const playback = useTinyStore(player.state);
  const status = useTinyStore(listener.status);
  const fetching = status.fetching !== null;
  const anything = choices.some((choice) => choice.available);
  return (
    <span
      className="transport"
      role="group"
      aria-label="Playback"
      data-testid="transport"
      data-playing={playback.playing}
      data-source={status.source}
      data-clip={playback.clipKey ?? ''}
      data-position={playback.positionS.toFixed(3)}
      data-loop={playback.loop}
      data-visible-only={status.visibleOnly}
    >
      <button
        type="button"
        className="transport-play"
        data-testid="play"
        aria-pressed={playback.playing}
        disabled={!anything}
        onClick={() => void listener.command('play-pause')}
        title="Play / Pause from the play position (Space)"
      >
        {playback.playing ? '❚❚' : fetching ? '…' : '▶'}
      </button>
      <button
        type="button"
        aria-pressed={playback.loop}
        onClick={() => void listener.command('loop')}
        title="Loop playback (Shift+L)"
      >
        loop
      </button>
      <button
        type="button"
        aria-pressed={status.visibleOnly}
        onClick={() => void listener.command('play-visible')}
        title="Play only the visible range (S)"
      >
        visible
      </button>
      <span className="transport-time" data-testid="play-time" title="Play position">
        {formatPlayTime(playback.positionS)}
      </span>
      <span className="transport-sources" role="radiogroup" aria-label="Hear">
        {choices.map((choice, index) => (
          <button
            key={choice.source}
            type="button"
            role="radio"
            aria-checked={status.source === choice.source}
            data-testid={`hear-${choice.source}`}
            disabled={!choice.available}
            onClick={() => void listener.choose(choice.source)}
            title={`${choice.title} (${index + 1})`}
          >
            {choice.label}
          </button>
        ))}
      </span>
      <label title="Griffin-Lim iterations for the mels (more: cleaner, slower)">
        GL{' '}
        <input
          type="number"
          aria-label="Griffin-Lim iterations"
          data-testid="gl-iterations"
          min={WINDOW_GRIFFIN_LIM_ITERATIONS.min}
          max={WINDOW_GRIFFIN_LIM_ITERATIONS.max}
          step={4}
          value={status.iterations}
          onChange={(event) => {
            const value = Number(event.target.value);
            if (Number.isFinite(value) && value >= WINDOW_GRIFFIN_LIM_ITERATIONS.min)
              listener.setIterations(value);
          }}
        />
      </label>
    </span>
  );
}
