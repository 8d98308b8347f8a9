"""A plain-text progress bar for long loaders: phase, count/total, percent, elapsed time.

On a terminal the line is rewritten in place (carriage return); otherwise (a log, a pipe, CI) one
line is written at each tenth of the phase, so the output stays short and readable.
"""

import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO, *, tty: bool | None = None, clock=time.monotonic):
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.clock = clock
        self.started = clock()
        self.phase = ""
        self.total = 0
        self.count = 0
        self.phase_started = self.started
        self._last_decile = -1
        self.timings: dict[str, float] = {}

    def start(self, phase: str, total: int) -> None:
        self.phase, self.total, self.count = phase, max(0, total), 0
        self.phase_started = self.clock()
        self._last_decile = -1
        self._show()

    def advance(self, n: int = 1) -> None:
        self.count = min(self.total, self.count + n) if self.total else self.count + n
        self._show()

    def done(self) -> float:
        """End the phase: its line at 100 %; returns (and keeps) its duration in seconds."""
        self.count = self.total
        self._show(final=True)
        seconds = self.clock() - self.phase_started
        self.timings[self.phase] = round(seconds, 1)
        return seconds

    def _line(self) -> str:
        percent = 100 if not self.total else int(100 * self.count / self.total)
        elapsed = self.clock() - self.started
        return (
            f"{self.phase} : {self.count}/{self.total} ({percent} %) — "
            f"{elapsed:.1f} s écoulées".replace(".", ",")
        )

    def _show(self, final: bool = False) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K" + self._line() + ("\n" if final else ""))
            self.stream.flush()
            return
        decile = 10 if not self.total else (10 * self.count) // self.total
        if final and decile == self._last_decile:
            return
        if decile > self._last_decile or final:
            self._last_decile = decile
            self.stream.write(self._line() + "\n")
            self.stream.flush()
