"""coder.preload: every table the coder reads is loaded up front, so coding reads no data file afterwards."""
from __future__ import annotations

import pytest
import yaml

from eventwire.coder import code_doc, preload

pytestmark = pytest.mark.slow


def test_after_preload_coding_reads_no_data_file(nlp, monkeypatch):
    doc = nlp("Kenyan President Uhuru Kenyatta met Ethiopian Prime Minister Abiy Ahmed in Nairobi on March 3, 2019, "
              "and the two leaders signed an agreement on border security. Police arrested 12 protesters in Addis "
              "Ababa last week, officials said.")
    preload()

    def no_more_reads(*args, **kwargs):
        raise AssertionError("a data file was read after preload()")

    monkeypatch.setattr(yaml, "safe_load", no_more_reads)
    preload()  # a second call loads nothing again
    events = code_doc(doc, article_id="a", published="2019-03-05", title="Kenya and Ethiopia sign border pact")
    assert {"CONSULT", "AGREE"} <= {e.event_type for e in events}
