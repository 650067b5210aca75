"""Work in a second Python process, for the build's steps that can run beside MkDocs.

The build machine has two cores and MkDocs uses one, so the search index (search/background.py) and
half of the link check (site/linkcheck.py) run in a second process. This module starts it as
``python -m handbook.core.second_process``: a fresh interpreter that imports only what the work
needs. ``multiprocessing``'s "spawn" would instead import the caller's main script again in the new
process, and a script without an ``if __name__ == "__main__"`` guard (an administrator's own build
script, say) would then run its whole build a second time there before failing; "fork" copies
MkDocs' whole process, threads included.

Messages are pickled, in the caller's thread (so something that cannot be pickled fails there,
at once) and sent by a thread of their own (so the caller never waits for the second process to
read). The second process reads its standard input until the caller is gone: a build that is
killed leaves no process behind.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

_LENGTH = struct.Struct("!Q")
_SCRIPTS = str(Path(__file__).resolve().parents[2])  # the folder holding the handbook package


class SecondProcessFailed(Exception):
    """The second process ended without answering."""


def _write(stream: BinaryIO, body: bytes) -> None:
    stream.write(_LENGTH.pack(len(body)) + body)
    stream.flush()


def _read(stream: BinaryIO) -> bytes:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError("the other process has gone")
    (length,) = _LENGTH.unpack(head)
    body = stream.read(length)
    if len(body) < length:
        raise EOFError("the other process has gone")
    return body


class Channel:
    """The second process's side: what the caller sent, and a way to answer."""

    def __init__(self, incoming: BinaryIO, outgoing: BinaryIO) -> None:
        self._in, self._out = incoming, outgoing

    def receive(self) -> Any:
        """The next message; EOFError once the caller has gone."""
        return pickle.loads(_read(self._in))

    def send(self, message: Any) -> None:
        _write(self._out, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


class SecondProcess:
    """``target(channel)`` running in a second process; ``target`` is a module-level function."""

    def __init__(self, target: Callable[[Channel], None]) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [_SCRIPTS, os.environ.get("PYTHONPATH")])))
        self._process = subprocess.Popen(
            [sys.executable, "-m", "handbook.core.second_process"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write_all, name="second process writer", daemon=True)
        self._writer.start()
        self.send(target)

    def send(self, message: Any) -> None:
        """Pickle ``message`` now (raising here if it cannot be) and send it without waiting."""
        self._outbox.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def receive(self) -> Any:
        """The second process's next answer; SecondProcessFailed if it ends without one."""
        try:
            return pickle.loads(_read(self._process.stdout))
        except EOFError as exc:
            raise SecondProcessFailed(f"the second process ended (exit code {self._process.wait()})") from exc

    def stop(self) -> None:
        """End the second process, whatever it is doing."""
        self._outbox.put(None)
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            with contextlib.suppress(OSError):
                stream.close()

    def is_alive(self) -> bool:
        return self._process.poll() is None

    @property
    def pid(self) -> int:
        return self._process.pid

    def _write_all(self) -> None:
        while (body := self._outbox.get()) is not None:
            try:
                _write(self._process.stdin, body)
            except (BrokenPipeError, OSError, ValueError):  # the second process has ended
                return


def _main() -> None:
    incoming, outgoing = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a print() in the work must not break the messages
    channel = Channel(incoming, outgoing)
    try:
        target = channel.receive()
    except EOFError:
        return
    target(channel)


if __name__ == "__main__":
    _main()
