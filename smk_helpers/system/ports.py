"""Ports for smk's local servers (the worksheet page, the course in JupyterLab), on 127.0.0.1 only."""

from __future__ import annotations

DEFAULT_PORT = 8866  # the worksheet page's port when it is free


def port_is_free(port: int) -> bool:
    """True if nothing listens on ``port`` of 127.0.0.1 (so a server may take it)."""
    import socket

    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(preferred: int = DEFAULT_PORT) -> int:
    """``preferred`` if nothing listens on it on 127.0.0.1, else a free port the system picks."""
    import socket

    if port_is_free(preferred):
        return preferred
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def taken_port_text(port: int, option: str = "--port") -> str:
    """The sentence for a port the user chose that another program already uses."""
    return (
        f"Port {port} is already in use on this computer; choose another with {option}, or leave {option} out "
        "and smk picks a free one."
    )
