"""Stopping cleanly: Ctrl+C (SIGINT) and ``kill`` (SIGTERM) take the same path out.

Inside `stoppable`, either signal raises `KeyboardInterrupt` in the main thread, so every
``with`` and ``finally`` on the way out runs: staging folders are removed and nothing half-made
is left. Further signals pass without effect while that cleanup runs, so a second Ctrl+C cannot
cut it short. The command line then prints one line and exits with `EXIT_INTERRUPTED`.
"""

from __future__ import annotations

import contextlib
import signal
import threading

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a process stopped by Ctrl+C
SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))


_stopping = False  # set by the first signal; later ones are let pass, so the cleanup runs to its end


def _stop(signum, frame):
    # Setting SIG_IGN here instead would race: a signal already caught but not yet handled would then
    # raise "OSError: Signal 15 ignored due to race condition" wherever the code happens to be.
    global _stopping
    if not _stopping:
        _stopping = True
        raise KeyboardInterrupt


def ignore(signum, frame):
    """A handler that lets a signal pass (unlike SIG_IGN, it is safe to switch to and from at any time)."""


_depth = 0  # how many `stoppable` blocks this thread is in; only the outermost sets and restores handlers


@contextlib.contextmanager
def stoppable():
    """Inside, SIGINT and SIGTERM raise KeyboardInterrupt once; the previous handlers return on leaving.

    Nested blocks share the outermost one's handlers, so a second signal cannot cut short the cleanup
    of an inner block. Outside the main thread (where Python cannot set handlers) it changes nothing.

    Examples
    --------
    >>> import os, signal
    >>> try:
    ...     with stoppable():
    ...         os.kill(os.getpid(), signal.SIGTERM)
    ... except KeyboardInterrupt:
    ...     print("stopped")
    stopped
    >>> signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    True
    """
    global _depth, _stopping
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    outer = _depth == 0
    previous = {sig: signal.getsignal(sig) for sig in SIGNALS} if outer else {}
    if outer:
        _stopping = False
    for sig in previous:
        signal.signal(sig, _stop)
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
