"""The real coder on the real PLOVER dev and sample sets must keep the floors of baseline.json."""
import pytest

from eventwire.eval import check_floors, run_evaluation
from tests.conftest import shared_path


@pytest.mark.slow
@pytest.mark.data
def test_plover_and_sample_keep_their_floors(nlp):
    data_dir = shared_path("data")
    shared_path("data", "plover_gsr_cameo", "plover_gsr_dev.jsonl")
    shared_path("samples", "thelocal-two-stories.txt")
    report = run_evaluation(data_dir=data_dir, datasets=["plover", "sample"], nlp=nlp)
    assert report["datasets"]["plover"]["status"] == "ok"
    assert report["datasets"]["sample"]["status"] == "ok"
    assert report["datasets"]["plover"]["coder_failures"] == 0
    assert check_floors(report) == []
