/** What the alarm needs of the browser's Web Audio, so a page without it can pass nothing. */
type AudioContextConstructor = new () => AudioContext;

let context: AudioContext | null = null;

const RESUME_WAIT_MS = 500;

/**
 * Three short falling tones, made with Web Audio (no sound file). It never throws: where audio is
 * missing or not yet allowed (no click on the page so far), the alarm is silent and the banner
 * does the work.
 */
export function playAlarmSound(
  AudioContextClass: AudioContextConstructor | undefined = globalThis.AudioContext,
): void {
  if (AudioContextClass === undefined) return;
  try {
    context ??= new AudioContextClass();
    const audio = context;
    const play = (): void => {
      const start = audio.currentTime;
      for (const [index, frequency] of [880, 660, 880].entries()) {
        const at = start + index * 0.22;
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.type = 'square';
        oscillator.frequency.setValueAtTime(frequency, at);
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(at);
        oscillator.stop(at + 0.2);
      }
    };
    if (audio.state === 'running') {
      play();
      return;
    }
    // The browser may hold audio back until the person has used the page: a tone that would
    // only sound minutes later, at some click, is worse than none.
    const waited = new Promise<boolean>((resolve) => setTimeout(resolve, RESUME_WAIT_MS, false));
    Promise.race([audio.resume().then(() => true), waited]).then(
      (resumed) => {
        if (resumed) play();
      },
      () => undefined,
    );
  } catch {
    // Audio not allowed or not available: the banner alone tells.
  }
}
