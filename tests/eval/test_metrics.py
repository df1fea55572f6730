import pytest

from eventwire.eval.metrics import (
    accuracy, binary_scores, confusion_counts, macro_f1, mean, per_class_scores, precision_recall_f1, roc_auc,
)


def test_accuracy_counts_equal_pairs():
    assert accuracy(["A", "B", "C", "D"], ["A", "B", "X", "NONE"]) == 0.5
    assert accuracy([], []) is None


def test_lengths_must_agree():
    with pytest.raises(ValueError):
        accuracy(["A"], [])


def test_confusion_counts_rows_are_gold():
    table = confusion_counts(["A", "A", "B", "B", "B"], ["A", "B", "B", "B", "NONE"])
    assert table == {"A": {"A": 1, "B": 1}, "B": {"B": 2, "NONE": 1}}


def test_precision_recall_f1_from_counts():
    s = precision_recall_f1(true_positives=3, false_positives=1, false_negatives=3)
    assert s["precision"] == 0.75 and s["recall"] == 0.5
    assert s["f1"] == pytest.approx(0.6)


def test_undefined_scores_are_none_and_zero_f1_is_zero():
    assert precision_recall_f1(true_positives=0, false_positives=0, false_negatives=2)["precision"] is None
    assert precision_recall_f1(true_positives=0, false_positives=1, false_negatives=1)["f1"] == 0.0


def test_binary_scores():
    s = binary_scores([True, True, False, False, True], [True, False, True, False, True])
    assert (s["tp"], s["fp"], s["fn"]) == (2, 1, 1)


def test_per_class_and_macro_f1():
    gold = [0, 0, 1, 1, 2]
    pred = [0, 1, 1, 1, 0]
    scores = per_class_scores(gold, pred, labels=[0, 1, 2])
    assert scores[0]["f1"] == pytest.approx(0.5)  # p 1/2, r 1/2
    assert scores[1]["f1"] == pytest.approx(0.8)  # p 2/3, r 1
    assert scores[2]["f1"] == 0.0 and scores[2]["support"] == 1
    assert macro_f1(gold, pred, labels=[0, 1, 2]) == pytest.approx((0.5 + 0.8 + 0.0) / 3)


def test_macro_f1_counts_unseen_label_as_zero():
    assert macro_f1([0, 0], [0, 0], labels=[0, 1]) == pytest.approx(0.5)


def test_auc_perfect_reversed_and_tied():
    assert roc_auc([0.9, 0.8, 0.2, 0.1], [True, True, False, False]) == 1.0
    assert roc_auc([0.1, 0.2, 0.8, 0.9], [True, True, False, False]) == 0.0
    assert roc_auc([0.5, 0.5, 0.5], [True, False, False]) == 0.5


def test_auc_hand_computed():
    # positives 0.8, 0.4; negatives 0.6, 0.4, 0.1 -> pairs won: 3 + (0.5 + 1) = 4.5 of 6
    assert roc_auc([0.8, 0.4, 0.6, 0.4, 0.1], [True, True, False, False, False]) == pytest.approx(0.75)


def test_auc_needs_both_classes():
    assert roc_auc([0.3, 0.4], [True, True]) is None


def test_mean():
    assert mean([1, 2, 3]) == 2
    assert mean([]) is None


def test_reliability_bins_and_expected_calibration_error():
    from eventwire.eval.calibration import reliability

    r = reliability([0.95, 0.95, 0.15, 0.15, 1.0], [True, False, False, False, True])
    assert [b["n"] for b in r["bins"]] == [2, 3]  # 0.1-0.2 and 0.9-1.0 (1.0 belongs to the last bin)
    assert r["bins"][1]["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    expected = (2 * 0.15 + 3 * abs((0.95 + 0.95 + 1.0) / 3 - 2 / 3)) / 5
    assert r["ece"] == pytest.approx(expected, abs=1e-4)
    assert reliability([0.5, 0.5], [True, False])["ece"] == 0.0
    assert reliability([], [])["ece"] is None


# relplot 1.0.3 (Błasiok and Nakkiran's own package: relplot.smECE) on the same inputs gave 0.1135, 0.2251,
# 0.1 and 0.0144; ours evaluates the kernel on a finer grid, hence the tolerance
SMOOTH_CASES = {
    "spread": ([((i * 37) % 100) / 100 + 0.005 for i in range(60)],
               [((i * 53) % 100) / 100 < ((i * 37) % 100) / 100 + 0.1 for i in range(60)], 0.1135),
    "overconfident": ([0.9] * 20 + [0.8] * 20, [True] * 12 + [False] * 8 + [True] * 13 + [False] * 7, 0.2251),
    "constant": ([0.6] * 10, [True] * 7 + [False] * 3, 0.1),
    "straddling an edge": ([0.595] * 50 + [0.605] * 50, [True] * 28 + [False] * 22 + [True] * 33 + [False] * 17,
                           0.0144),
}


@pytest.mark.parametrize("case", sorted(SMOOTH_CASES))
def test_smooth_ece_matches_the_authors_implementation(case):
    from eventwire.eval.calibration import smooth_ece

    confidences, correct, relplot_figure = SMOOTH_CASES[case]
    assert smooth_ece(confidences, correct) == pytest.approx(relplot_figure, abs=0.001)


def test_smooth_ece_does_not_jump_where_predictions_cross_a_bin_edge():
    """Two near-constant predictors 0.01 apart, one inside a bin and one across the 0.6 edge: the binned ECE
    of the second shows each bin's noise, the smooth ECE moves by about the shift."""
    from eventwire.eval.calibration import reliability

    correct = [True] * 28 + [False] * 22 + [True] * 33 + [False] * 17  # 61 of 100 right
    inside = reliability([0.585] * 50 + [0.595] * 50, correct)
    across = reliability([0.595] * 50 + [0.605] * 50, correct)
    assert len(inside["bins"]) == 1 and len(across["bins"]) == 2
    assert inside["ece"] == pytest.approx(0.02, abs=1e-4) and across["ece"] == pytest.approx(0.045, abs=1e-4)
    assert abs(across["smooth_ece"] - inside["smooth_ece"]) <= 0.011


def test_smooth_ece_of_a_calibrated_predictor_is_small_and_of_none_is_none():
    from eventwire.eval.calibration import smooth_ece

    # 0.2 right once in five, 0.8 right four times in five: calibrated in every region
    confidences = [0.2] * 50 + [0.8] * 50
    correct = ([True] + [False] * 4) * 10 + ([True] * 4 + [False]) * 10
    assert smooth_ece(confidences, correct) < 0.02
    assert smooth_ece([], []) is None
    with pytest.raises(ValueError):
        smooth_ece([0.5], [])
