"""A progress bar on stderr, for a person watching a terminal: the stage and how far the run is.

Shown only when stderr is a terminal and only once the run has taken more than a second (a
quick run prints nothing extra); the line is rewritten in place and erased before anything
else is printed, so the one-line error or the findings that follow are never mixed with it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

_WIDTH = 20
_CLEAR = "\r\x1b[K"


class Progress:
    def __init__(self, stream: TextIO, stages: Sequence[str], clock: Callable[[], float] = time.monotonic,
                 delay: float = 1.0):
        self.stream, self.stages, self.clock, self.delay = stream, list(stages), clock, delay
        self.started = clock()
        self.current: str | None = None
        self.done = 0  # stages finished
        self._begun: set[str] = set()
        self.shown = ""  # the line on the screen now
        self._lock = threading.Lock()

    def stage(self, name: str) -> None:
        """A stage begins (``Timings.stage`` calls this); the one before it is done."""
        with self._lock:
            # A book's groups go through align and the checks once each: the count moves on a new stage only.
            if self.current is not None and name not in self._begun:
                self.done += 1
            self._begun.add(name)
            self.current = name
        self.render()

    def line(self) -> str:
        total = max(len(self.stages), self.done + 1)
        filled = _WIDTH * self.done // total
        bar = "#" * filled + "-" * (_WIDTH - filled)
        return f"checker [{bar}] {self.done + 1}/{total} {self.current} ({self.clock() - self.started:.0f} s)"

    def render(self) -> None:
        with self._lock:
            if self.current is None or self.clock() - self.started < self.delay:
                return
            line = self.line()
            if line != self.shown:  # redrawn when the stage or the second changes, not on every tick
                self.stream.write(_CLEAR + line)
                self.stream.flush()
                self.shown = line

    def clear(self) -> None:
        with self._lock:
            if self.shown:
                self.stream.write(_CLEAR)
                self.stream.flush()
                self.shown = ""


@contextmanager
def progress(stream: TextIO, stages: Sequence[str], enabled: bool, delay: float = 1.0
             ) -> Iterator[Callable[[str], None] | None]:
    """Yields the function a stage calls when it begins (None when disabled); a thread redraws
    the line while a long stage runs. The line is erased on the way out, even on an error."""
    if not enabled:
        yield None
        return
    bar = Progress(stream, stages, delay=delay)
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(0.25):
            bar.render()

    thread = threading.Thread(target=tick, name="checker-progress", daemon=True)
    thread.start()
    try:
        yield bar.stage
    finally:
        stop.set()
        thread.join()
        bar.clear()
