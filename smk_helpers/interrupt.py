"""Stopping cleanly: Ctrl+C (SIGINT) and ``kill`` (SIGTERM) take the same path out.

Inside `stoppable`, either signal raises `KeyboardInterrupt` in the main thread, so every
``with`` and ``finally`` on the way out runs: staging folders are removed and nothing half-made
is left. Further signals are ignored while that cleanup runs, so a second Ctrl+C cannot cut it
short. The command line then prints one line and exits with `EXIT_INTERRUPTED`.
"""

from __future__ import annotations

import contextlib
import signal
import threading

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a process stopped by Ctrl+C
SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))


def _stop(signum, frame):
    for sig in SIGNALS:  # the cleanup that follows runs to its end
        signal.signal(sig, signal.SIG_IGN)
    raise KeyboardInterrupt


@contextlib.contextmanager
def stoppable():
    """Inside, SIGINT and SIGTERM raise KeyboardInterrupt once; the previous handlers return on leaving.

    Outside the main thread (where Python cannot set handlers) it changes nothing.

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
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in SIGNALS}
    for sig in SIGNALS:
        signal.signal(sig, _stop)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
