"""Bytes to text: UTF-8, legacy charsets, mojibake, broken bytes, binary junk."""
from __future__ import annotations

import logging
import random

import pytest

from eventwire.errors import InputError
from eventwire.readers.decode import BINARY_MESSAGE, decode_bytes

STORY = "The minister’s “plan” — a €5m café fund — was rejected in Zürich.\n"


def test_utf8_is_read_as_is():
    assert decode_bytes(STORY.encode("utf-8"), origin="a.txt") == STORY


def test_cp1252_file_is_detected_and_decoded(caplog):
    with caplog.at_level(logging.INFO, logger="eventwire.readers.decode"):
        text = decode_bytes((STORY * 3).encode("cp1252"), origin="legacy.txt")
    assert text == STORY * 3
    assert "legacy.txt" in caplog.text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks_settle_the_encoding(encoding):
    assert decode_bytes(STORY.encode(encoding), origin="bom.txt") == STORY


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("The minister\u00e2\u20ac\u2122s plan", "The minister’s plan"),
        ("\u00e2\u20ac\u0153Peace\u00e2\u20ac\u009d, he said", "“Peace”, he said"),
        ("Talks in Z\u00c3\u00bcrich", "Talks in Zürich"),
    ],
)
def test_mojibake_is_repaired_and_quotes_stay_curly(broken, fixed):
    assert decode_bytes(broken.encode("utf-8"), origin="m.txt") == fixed


def test_invalid_byte_in_a_utf8_file_is_decoded_with_a_warning(caplog):
    good = "Café owners in Zürich protested. "
    data = good.encode("utf-8") + b"It\x92s over." + good.encode("utf-8")
    with caplog.at_level(logging.WARNING, logger="eventwire.readers.decode"):
        text = decode_bytes(data, origin="mixed.txt")
    assert "It’s over." in text
    assert text.count("Zürich") == 2
    offset = len(good.encode("utf-8")) + 2
    assert f"mixed.txt: invalid UTF-8 at byte {offset}" in caplog.text


def test_nul_bytes_are_binary():
    with pytest.raises(InputError, match=BINARY_MESSAGE) as err:
        decode_bytes(b"PK\x03\x04\x00\x00some zip", origin="archive.txt")
    assert err.value.origin == "archive.txt"


def test_random_bytes_are_binary():
    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(5000))  # no NULs: the other checks must catch it
    with pytest.raises(InputError, match=BINARY_MESSAGE):
        decode_bytes(data, origin="noise.bin")


def test_control_characters_in_valid_utf8_are_binary():
    data = bytes(range(1, 32)) * 50 + b"a few letters"
    with pytest.raises(InputError, match=BINARY_MESSAGE):
        decode_bytes(data, origin="ctl.dat")


def test_only_lines_with_mojibake_are_changed_and_line_breaks_normalised():
    from eventwire.readers.decode import fix_mojibake

    clean = "Ça va — “quoted” ﬁ ligature stays, Ã alone stays.\r\n"
    broken = "The minister\u00e2\u20ac\u2122s plan.\r\n"
    assert fix_mojibake(clean * 3 + broken) == (clean.replace("\r\n", "\n") * 3 + "The minister’s plan.\n")


def test_decomposed_accents_are_composed():
    from eventwire.readers.decode import fix_mojibake

    assert fix_mojibake("Zu\u0308rich") == "Zürich"
