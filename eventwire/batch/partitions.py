"""Inputs cut into partitions: the unit of work a batch engine hands to one worker.

A partition is a whole input file (text, HTML, feeds, WARC, anything gzip-compressed)
or a byte range of an uncompressed JSONL file, cut at line ends so that every range
holds whole records.  A range knows the number of its first line, so that errors and
article origins name the same ``file:line`` as the local engine does.

A partition's ``key`` says which bytes it covers: path, size, modification time and
range.  A changed file gets new keys, so a resumed run never skips what changed.
"""
from __future__ import annotations

import hashlib
import io
import itertools
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import InputError
from eventwire.readers import iter_documents
from eventwire.readers.decode import bom_encoding
from eventwire.readers.detect import SNIFF_BYTES, detect_format
from eventwire.readers.jsonl import iter_jsonl
from eventwire.readers.paths import STDIN_ORIGIN, Oversized, bounded_lines, iter_input_files, opened_input
from eventwire.schema import RawDocument

log = logging.getLogger(__name__)

MB = 1024 * 1024
DEFAULT_PARTITION_MB = 1.0
STDIN_MESSAGE = "a batch engine reads files, not standard input; use the local engine for '-'"


@dataclass(frozen=True)
class Partition:
    """One unit of work: ``origin`` (the input as the readers name it), whole or a JSONL byte range."""

    origin: str
    path: str
    size: int
    mtime_ns: int
    format: str
    start: int | None = None
    end: int | None = None
    first_line: int = 1

    @property
    def is_range(self) -> bool:
        return self.start is not None

    @property
    def key(self) -> str:
        """Identity of the bytes this partition covers (path, size, mtime, range)."""
        ident = f"{os.path.abspath(self.path)}|{self.size}|{self.mtime_ns}|{self.start}|{self.end}"
        return hashlib.sha1(ident.encode("utf-8")).hexdigest()

    @property
    def label(self) -> str:
        """How progress and errors name it: the file, plus its range where it has one."""
        if not self.is_range:
            return self.origin
        return f"{self.origin} (bytes {self.start}-{self.end}, from line {self.first_line})"


def _jsonl_ranges(path: Path, *, target: int) -> list[tuple[int, int, int]]:
    """(start, end, first line) of ranges of about ``target`` bytes, each ending at a line end."""
    ranges: list[tuple[int, int, int]] = []
    start = pos = lines = 0
    first = 1
    with open(path, "rb") as fh:
        for raw in fh:
            pos += len(raw)
            lines += 1
            if pos - start >= target:
                ranges.append((start, pos, first))
                start, first = pos, lines + 1
    if pos > start:
        ranges.append((start, pos, first))
    return ranges


def _sniffed_format(item, *, format: str) -> tuple[str, bool]:
    """(format, read whole: gzip or UTF-16/32) of one input file, detected as the readers detect it."""
    with opened_input(item, head_size=SNIFF_BYTES) as opened:
        fmt = (detect_format(opened.head, name=item.name, truncated=len(opened.head) >= SNIFF_BYTES)
               if format == "auto" else format)
        # byte ranges are cut at b"\n": a UTF-16/32 file is read whole, as its reader transcodes it
        wide = bom_encoding(opened.head) not in (None, "utf-8-sig")
        return fmt, opened.compressed or wide


def partition_inputs(
    paths: Iterable[str | os.PathLike],
    *,
    format: str = "auto",
    partition_mb: float = DEFAULT_PARTITION_MB,
) -> list[Partition | InputError]:
    """The partitions of ``paths`` (files and folders, walked as the readers walk them), in input order.

    Uncompressed JSONL files larger than ``partition_mb`` are cut into ranges of about
    that size; every other file is one partition.  A missing path, an empty folder or
    standard input comes back as an InputError in its place.
    """
    target = max(1, int(partition_mb * MB))
    out: list[Partition | InputError] = []
    for item in iter_input_files(list(paths)):
        if isinstance(item, InputError):
            out.append(item)
            continue
        if item.path is None or item.origin == STDIN_ORIGIN:
            out.append(InputError(item.origin, STDIN_MESSAGE))
            continue
        try:
            stat = item.path.stat()
        except OSError as err:
            out.append(InputError(item.origin, f"cannot read: {err.strerror or err}"))
            continue
        try:
            fmt, compressed = _sniffed_format(item, format=format)
        except (InputError, OSError):  # one whole partition: its reader reports the error
            fmt, compressed = "unknown", False
        path = str(item.path.resolve())
        whole = Partition(item.origin, path, stat.st_size, stat.st_mtime_ns, fmt)
        if fmt != "jsonl" or compressed or stat.st_size <= target:
            out.append(whole)
            continue
        for start, end, first in _jsonl_ranges(item.path, target=target):
            out.append(Partition(item.origin, path, stat.st_size, stat.st_mtime_ns, fmt,
                                 start=start, end=end, first_line=first))
    log.info("%d partitions", len(out))
    return out


def documents_in_partition(
    partition: Partition,
    *,
    format: str = "auto",
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    max_page_mb: float = 20,
    max_line_mb: float = 20,
) -> Iterator[RawDocument | InputError]:
    """The documents (and InputErrors) of one partition, exactly as ``iter_documents`` gives them."""
    if not partition.is_range:
        # The origin as given when it names the same file here (same working folder), so that
        # origins match the local engine's; else the absolute path (a worker on another machine).
        given = partition.origin if os.path.abspath(partition.origin) == partition.path else partition.path
        yield from iter_documents([given], format=format, published=published, source=source,
                                  url=url, max_page_mb=max_page_mb, max_line_mb=max_line_mb)
        return
    cap = max(1, int(max_line_mb * MB))
    with open(partition.path, "rb") as fh:
        fh.seek(partition.start)
        ranged = io.BufferedReader(_Range(fh, partition.end - partition.start))
        found = bounded_lines(ranged, cap)
        first = next(found, None)
        if first is None or (not isinstance(first, Oversized) and not first.strip() and _only_blank(found)):
            return  # only blank lines: nothing to read (not an empty file)
        # Blank lines before the range keep iter_jsonl's line numbers those of the whole file.
        fh.seek(partition.start)
        ranged = io.BufferedReader(_Range(fh, partition.end - partition.start))
        lines = itertools.chain(itertools.repeat(b"", partition.first_line - 1), bounded_lines(ranged, cap))
        yield from iter_jsonl(lines, origin=partition.origin, max_line_mb=max_line_mb)


def _only_blank(lines) -> bool:
    return all(not isinstance(line, Oversized) and not line.strip() for line in lines)


class _Range(io.RawIOBase):
    """At most ``size`` bytes of ``fh`` from where it stands (a partition's byte range)."""

    def __init__(self, fh, size: int):
        self._fh, self._left = fh, size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        chunk = self._fh.read(min(len(buffer), self._left))
        buffer[:len(chunk)] = chunk
        self._left -= len(chunk)
        return len(chunk)
