// The progress line of a batch `check`, for a person watching a terminal: files done of the total,
// visits checked and the rate, redrawn in place on stderr at most ten times a second. Shown only
// when stderr is a terminal (never in CI logs or when stderr is piped to a file) and the report
// is not going to the same terminal. Messages (warnings, bad files) clear the line first so they
// never mix with it.

const CLEAR = '\r\x1b[2K';
const REDRAW_MS = 100;

export class Progress {
  private drawn = false;
  private last = -Infinity;
  private readonly started: number;

  constructor(
    private readonly write: (text: string) => void,
    private readonly enabled: boolean,
    private readonly totalFiles: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    // (Only read when shown: the first use of `performance` loads node:perf_hooks, ~1 ms of a cold run.)
    this.started = enabled ? now() : 0;
  }

  /** Redraw if enough time has passed (or `force`). */
  update(filesDone: number, visits: number, problems: number, force = false): void {
    if (!this.enabled) return;
    const now = this.now();
    if (!force && now - this.last < REDRAW_MS) return;
    this.last = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(visits / seconds) : 0;
    const n = (value: number): string => value.toLocaleString('en-US');
    const bad = problems > 0 ? ` · ${n(problems)} not checked` : '';
    this.write(`${CLEAR}checking: ${n(filesDone)}/${n(this.totalFiles)} files · ${n(visits)} visits · ${n(rate)} visits/s${bad}`);
    this.drawn = true;
  }

  /** Print a message line to stderr without garbling the progress line. */
  message(text: string): void {
    this.clear();
    this.write(text);
  }

  clear(): void {
    if (!this.drawn) return;
    this.write(CLEAR);
    this.drawn = false;
    this.last = -Infinity;
  }
}
