"""Where inputs come from: files, folders, gzip files and standard input."""
from __future__ import annotations

import gzip
import io
import os
import sys
from contextlib import ExitStack, contextmanager
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import InputError

STDIN_NAME = "-"
STDIN_ORIGIN = "<stdin>"
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class InputFile:
    """One input to read: a file on disk or standard input (``path`` None)."""

    origin: str
    path: Path | None = None

    @property
    def name(self) -> str:
        """The file name, for tie-breaking format detection ('' for stdin)."""
        return self.path.name if self.path else ""


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _files_under(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _is_hidden(d))
        found.extend(Path(root, f) for f in sorted(files) if not _is_hidden(f))
    return found


def iter_input_files(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> Iterator[InputFile | InputError]:
    """The files named by ``paths``, folders walked recursively in sorted order
    (hidden files and folders skipped); ``-`` is standard input.  A missing path
    or a folder without files is yielded as an InputError."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        text = os.fspath(given)
        if text == STDIN_NAME:
            yield InputFile(STDIN_ORIGIN)
            continue
        path = Path(text)
        if path.is_dir():
            files = _files_under(path)
            if not files:
                yield InputError(text, "folder holds no readable files (hidden files are skipped)")
            yield from (InputFile(str(f), f) for f in files)
        elif path.exists():
            yield InputFile(text, path)
        else:
            yield InputError(text, "no such file or folder")


class _Prefixed(io.RawIOBase):
    """A stream that replays ``prefix`` before reading on from ``rest`` (not closing it)."""

    def __init__(self, prefix: bytes, rest: BinaryIO):
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        chunk = self._rest.read(len(buffer))
        buffer[:len(chunk)] = chunk
        return len(chunk)


def prefixed(prefix: bytes, rest: BinaryIO) -> BinaryIO:
    """A buffered stream that yields ``prefix`` and then what is left of ``rest``."""
    return io.BufferedReader(_Prefixed(prefix, rest))


def read_upto(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes from ``stream``, fewer only at its end."""
    chunks: list[bytes] = []
    wanted = size
    while wanted > 0:
        chunk = stream.read(wanted)
        if not chunk:
            break
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def count_rest(stream: BinaryIO, *, chunk_size: int = 1 << 20) -> int:
    """How many bytes are left in ``stream`` (read and discarded)."""
    total = 0
    while chunk := stream.read(chunk_size):
        total += len(chunk)
    return total


@dataclass
class OpenedInput:
    """An input's decompressed byte stream; ``compressed`` says whether it was gzip."""

    stream: BinaryIO
    compressed: bool


@contextmanager
def opened_input(item: InputFile, *, stdin: BinaryIO | None = None) -> Iterator[OpenedInput]:
    """``item``'s content as a binary stream, gzip decompressed when its bytes say so.

    Standard input (``stdin``, default ``sys.stdin.buffer``) is read but never closed.
    """
    with ExitStack() as stack:
        if item.path is None:
            raw: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
        else:
            try:
                raw = stack.enter_context(open(item.path, "rb"))
            except OSError as err:
                raise InputError(item.origin, f"cannot open: {err.strerror or err}") from None
        magic = raw.read(len(GZIP_MAGIC))
        stream: BinaryIO = prefixed(magic, raw)
        compressed = magic == GZIP_MAGIC
        if compressed:
            stream = stack.enter_context(gzip.GzipFile(fileobj=stream, mode="rb"))
        yield OpenedInput(stream, compressed)


def stored_size(item: InputFile) -> int | None:
    """The file's size on disk, or None for standard input."""
    return item.path.stat().st_size if item.path is not None else None
