"""python-calamine's panic messages kept off the terminal.

A Rust panic inside python-calamine writes its own message to file descriptor 2
("thread '<unnamed>' panicked at …", and a backtrace when RUST_BACKTRACE is set) before
it is raised as an exception, which ycs reports as one line: the user would see Rust's
lines first. While calamine runs in this process, descriptor 2 is a pipe, and a thread
passes everything written to it on to the real stderr as it comes, except those messages.

A workbook may be loading in the background while ycs stops on another problem: `release`
gives descriptor 2 back at once, so that the line ycs prints then is never held back.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

# "thread '<unnamed>' panicked at src/x.rs:1:2:" and, in newer Rust, the thread's id too.
_PANIC_START = re.compile(rb"thread '[^'\r\n]*'(?: \(\d+\))? panicked at ")
_FRAME = re.compile(rb"\s*(?:\d+: |at )")
_PANIC_HEAD = b"thread '"
_STOP_WAIT_SECONDS = 5.0


class _Quiet:
    """The relay while some load runs python-calamine in this process (loads overlap: the
    next workbook loads in the background while the current one is checked)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.relay: _Relay | None = None
        self.depth = 0

    def enter(self, *, start: bool) -> None:
        with self.lock:
            if start and self.relay is None:
                self.relay = _Relay.start()
            self.depth += 1

    def leave(self) -> None:
        with self.lock:
            if self.depth > 0:  # not after a release
                self.depth -= 1
                if self.depth == 0:
                    self._stop()

    def release(self) -> None:
        with self.lock:
            self.depth = 0
            self._stop()

    def _stop(self) -> None:
        if self.relay is not None:
            self.relay.stop()
            self.relay = None


_quiet = _Quiet()


@contextmanager
def kept_quiet() -> Iterator[None]:
    """Rust's panic messages kept off stderr for the duration; everything else passes."""
    _quiet.enter(start=True)
    try:
        yield
    finally:
        _quiet.leave()


def hold() -> None:
    """Keep the relay between loads until `release`: a read of a thousand workbooks starts
    it once, not once a file (stopping it waits for its thread)."""
    _quiet.enter(start=False)


def release() -> None:
    """Descriptor 2 back to the real stderr now, even while a load still runs: called when
    a read ends, and before ycs prints the line it stops on."""
    _quiet.release()


class _Relay:
    """Descriptor 2 pointed at a pipe, read by a thread that writes on to the real stderr."""

    def __init__(self, saved: int, reading: int) -> None:
        self._saved = saved
        self._reading = reading
        self._thread = threading.Thread(target=self._run, name="ycs-stderr", daemon=True)
        self._thread.start()

    @staticmethod
    def start() -> _Relay | None:
        try:
            saved = os.dup(2)
        except OSError:
            return None  # no stderr: nothing to keep anything off
        reading, writing = os.pipe()
        _flush_python_stderr()
        os.dup2(writing, 2)
        os.close(writing)
        return _Relay(saved, reading)

    def stop(self) -> None:
        _flush_python_stderr()
        # Replacing descriptor 2 closes the pipe's last writing end: the thread reads its end.
        os.dup2(self._saved, 2)
        self._thread.join(_STOP_WAIT_SECONDS)
        if not self._thread.is_alive():
            os.close(self._saved)

    def _run(self) -> None:
        quiet = PanicFilter()
        try:
            while chunk := os.read(self._reading, 1 << 16):
                _write_all(self._saved, quiet.feed(chunk))
            _write_all(self._saved, quiet.close())
        except OSError:
            pass  # stderr itself is gone: nothing to show anything on
        finally:
            os.close(self._reading)


def _flush_python_stderr() -> None:
    with suppress(AttributeError, OSError, ValueError):  # replaced or closed: nothing held
        sys.stderr.flush()


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data) :]


class PanicFilter:
    """A stream of stderr bytes without Rust's panic messages.

    A message starts on a line of its own with "thread '…' panicked at", after a blank
    line, and ends with a "note: …" line, or with its backtrace's last frame when the
    backtrace is printed in full. Everything else passes at once, unfinished lines too (a
    progress bar redraws its line without ending it); only what may be the start of a
    message waits until its line shows what it is.
    """

    def __init__(self) -> None:
        self._line = b""  # the start of a line, held back: perhaps a panic's first line
        self._blank = b""  # a blank line, held back: a panic's message follows one
        self._at_line_start = True
        self._dropping: str | None = None  # "message" or "backtrace" while in a panic

    def feed(self, data: bytes) -> bytes:
        out = bytearray()
        data = self._line + data
        self._line = b""
        while data:
            end = data.find(b"\n")
            if end < 0:
                out += self._partial(data)
                break
            line, data = data[: end + 1], data[end + 1 :]
            out += self._whole(line)
        return bytes(out)

    def close(self) -> bytes:
        """What is still held back, at the end of the stream."""
        if self._dropping is not None:
            return b""
        rest = self._blank + self._line
        self._blank = self._line = b""
        return rest

    def _partial(self, data: bytes) -> bytes:
        if self._dropping is not None or (
            self._at_line_start and (data.startswith(_PANIC_HEAD) or _PANIC_HEAD.startswith(data))
        ):
            self._line = data
            return b""
        self._at_line_start = False
        held, self._blank = self._blank, b""
        return held + data

    def _whole(self, line: bytes) -> bytes:
        at_line_start, self._at_line_start = self._at_line_start, True
        if self._dropping == "backtrace" and not line.startswith(b"note: "):
            if _FRAME.match(line):
                return b""
            self._dropping = None  # the full backtrace has ended: this line is someone's
        elif self._dropping is not None:
            if line.startswith(b"note: "):
                self._dropping = None
            elif line.startswith(b"stack backtrace:"):
                self._dropping = "backtrace"
            return b""
        if at_line_start and _PANIC_START.match(line):
            self._dropping = "message"
            self._blank = b""
            return b""
        if at_line_start and line.strip() == b"":
            held, self._blank = self._blank, line
            return held
        held, self._blank = self._blank, b""
        return held + line
