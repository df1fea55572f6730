"""Where inputs come from: files, folders, gzip files and standard input."""
from __future__ import annotations

import gzip
import io
import logging
import os
import stat
import sys
import zlib
from contextlib import ExitStack, contextmanager
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import InputError

log = logging.getLogger(__name__)

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


def _kind(path: Path) -> str | None:
    """None for a regular file (or a link to one), else what it is ("a FIFO", "a socket", ...)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "a broken link or unreadable entry"
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def _files_under(folder: Path) -> list[Path]:
    """Regular files under ``folder``; FIFOs, sockets and devices are skipped with a warning
    (reading one could block forever or never end)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _is_hidden(d))
        for name in sorted(files):
            if _is_hidden(name):
                continue
            path = Path(root, name)
            kind = _kind(path)
            if kind is None:
                found.append(path)
            else:
                log.warning("%s: skipped: %s, not a regular file", path, kind)
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
            kind = _kind(path)
            if kind is None or kind == "a FIFO":  # a named pipe given by name is read: <(zcat ...) is one
                yield InputFile(text, path)
            else:
                yield InputError(text, f"not a regular file ({kind}); skipped")
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


def _gzip_head(first: bytes, raw: BinaryIO, size: int, *, origin: str) -> tuple[bytes, bytes]:
    """(compressed bytes read, ``first`` included, and the first ``size`` bytes they
    decompress to); ``first`` are the bytes already read from ``raw``.

    Reads only as much as the head needs.  Damage before the first byte of
    content is an InputError; damage after it is reported by the full read.
    """
    compressed = bytearray(first)
    head = bytearray()
    decompressor = zlib.decompressobj(wbits=31)
    pending = first
    while len(head) < size:
        if not pending:
            pending = raw.read(1 << 16)
            if not pending:
                break
            compressed += pending
        try:
            head += decompressor.decompress(pending, size - len(head))
        except zlib.error as err:
            if not head:
                raise InputError(origin, f"cannot read: damaged gzip data ({err})") from None
            break
        pending = decompressor.unconsumed_tail
        if decompressor.eof:  # one gzip member ended; the next may follow
            pending = decompressor.unused_data + pending
            decompressor = zlib.decompressobj(wbits=31)
    return bytes(compressed), bytes(head)


@dataclass
class OpenedInput:
    """An input being read: its first (decompressed) bytes and its whole stream.

    ``raw`` is the stream as stored, from its first byte (gzip still compressed
    when ``compressed``); ``content()`` is the decompressed stream from its first byte.
    """

    head: bytes
    compressed: bool
    raw: BinaryIO

    def content(self) -> BinaryIO:
        if self.compressed:
            return gzip.GzipFile(fileobj=self.raw, mode="rb")
        return self.raw


@contextmanager
def opened_input(item: InputFile, *, head_size: int, stdin: BinaryIO | None = None) -> Iterator[OpenedInput]:
    """``item`` opened for reading, its first ``head_size`` content bytes sniffed.

    Gzip is recognised by its magic bytes, not the file name.  Standard input
    (``stdin``, default ``sys.stdin.buffer``) is read but never closed.
    """
    with ExitStack() as stack:
        if item.path is None:
            raw: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
        else:
            try:
                raw = stack.enter_context(open(item.path, "rb"))
            except OSError as err:
                raise InputError(item.origin, f"cannot open: {err.strerror or err}") from None
        magic = read_upto(raw, len(GZIP_MAGIC))
        if magic == GZIP_MAGIC:
            compressed, head = _gzip_head(magic, raw, head_size, origin=item.origin)
            yield OpenedInput(head, True, prefixed(compressed, raw))
        else:
            head = magic + read_upto(raw, head_size - len(magic))
            yield OpenedInput(head, False, prefixed(head, raw))


def stored_size(item: InputFile) -> int | None:
    """The file's size on disk, or None for standard input and pipes."""
    if item.path is None:
        return None
    info = item.path.stat()
    return info.st_size if stat.S_ISREG(info.st_mode) else None


class Oversized(int):
    """Stands for a line longer than the cap in ``bounded_lines``: its length in bytes."""


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | Oversized]:
    """The lines of ``stream``, none held longer than ``limit`` bytes: a longer line is read
    on in 1 MB pieces, thrown away, and yielded as ``Oversized(its length)``."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while True:
            piece = stream.readline(1 << 20)
            size += len(piece)
            if not piece or piece.endswith(b"\n"):
                break
        yield Oversized(size)
