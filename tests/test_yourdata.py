"""Your own data: a table of bad files, each with its one clear message; good files scored
against losses computed by hand."""

import numpy as np
import pytest

import losses
from yourdata import MAX_BYTES, MAX_ROWS, DataError, guess, read_table, score
from yourdata.table import guess_kind

# (what the file is, its bytes, a part of the message that must name the problem)
BAD_FILES = [
    ("empty", b"", "empty"),
    ("blank lines only", b"\n\n  \n", "empty"),
    ("a PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV"),
    ("not UTF-8", b"y_true,y_pred\n1,\xff\xfe2\n", "not a UTF-8"),
    ("one column", b"y\n1\n2\n", "expected at least two"),
    ("no header", b"1,2\n3,4\n", "header row of column names"),
    ("header only", b"y_true,y_pred\n", "no data"),
    ("duplicate header", b"a,a\n1,2\n", "distinct"),
    ("text in a number column", b"y_true,y_pred\n1,2\n3,abc\n", "Row 3, column 'y_pred' holds 'abc'"),
    ("a missing cell", b"y_true,y_pred\n1,2\n3\n", "Row 3 has 1 cells"),
    ("NaN", b"y_true,y_pred\n1,nan\n", "finite"),
    ("infinity", b"y_true,y_pred\ninf,1\n", "finite"),
    ("too many rows", b"a,b\n" + b"1,2\n" * (MAX_ROWS + 1), f"at most {MAX_ROWS:,}"),
    ("too many bytes", b"a,b\n" + b"1.000000000,2.000000000\n" * (MAX_BYTES // 20), "MB"),
]


@pytest.mark.parametrize(("what", "raw", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_gets_one_clear_message(what, raw, message):
    with pytest.raises(DataError, match=None) as caught:
        read_table(raw)
    assert message in str(caught.value), (what, str(caught.value))


BAD_SCORES = [
    ("probability above 1", b"label,p\n1,0.5\n0,1.5\n", "binary_probability", "Row 3, column 'p' holds 1.5"),
    ("label 2 in binary", b"label,p\n1,0.5\n2,0.5\n", "binary_probability", "expected 0 or 1"),
    ("label 0.5", b"label,s\n0.5,1\n", "binary_logit", "expected 0 or 1"),
    (
        "class beyond the scores",
        b"label,s0,s1,s2\n0,1,2,3\n3,1,2,3\n",
        "multiclass",
        "Row 3, column 'label' holds 3: expected a class index 0 to 2",
    ),
    ("negative class", b"label,s0,s1,s2\n-1,1,2,3\n", "multiclass", "class index 0 to 2"),
]


@pytest.mark.parametrize(("what", "raw", "kind", "message"), BAD_SCORES, ids=[b[0] for b in BAD_SCORES])
def test_values_that_do_not_fit_the_kind_are_named(what, raw, kind, message):
    table = read_table(raw)
    columns = (
        {"target": table.names[0], "classes": table.names[1:]}
        if kind == "multiclass"
        else {"target": table.names[0], "prediction": table.names[1]}
    )
    with pytest.raises(DataError) as caught:
        score(table, kind, columns)
    assert message in str(caught.value)


def test_a_regression_file_is_scored_by_hand():
    table = read_table("y_true,y_pred\n1,1.5\n2,2\n0,10\n")  # residuals 0.5, 0, 10
    assert guess_kind(table) == "regression"
    scores = score(table, "regression", {"target": "y_true", "prediction": "y_pred"})
    np.testing.assert_array_equal(scores.per_example["mse"], [0.25, 0.0, 100.0])
    np.testing.assert_array_equal(scores.per_example["mae"], [0.5, 0.0, 10.0])
    np.testing.assert_array_equal(scores.per_example["huber"], [0.125, 0.0, 9.5])  # δ = 1: 10 − ½
    assert scores.cost("mse", "mean") == pytest.approx(100.25 / 3, rel=1e-15)
    assert scores.cost("mae", "sum") == 10.5
    # the worst example (one of three: ⌈5 %⌉) carries 100 of 100.25 under L2, 10 of 10.5 under L1
    assert scores.top_share("mse") == pytest.approx(100 / 100.25, rel=1e-15)
    assert scores.top_share("mae") == pytest.approx(10 / 10.5, rel=1e-15)


def test_binary_and_multiclass_files_are_scored_as_losses_does():
    table = read_table("label;probability\n1;0.9\n0;0.2\n1;0.001\n")  # semicolons are read too
    assert guess_kind(table) == "binary_probability"
    scores = score(table, "binary_probability", {"target": "label", "prediction": "probability"})
    np.testing.assert_allclose(
        scores.per_example["binary_cross_entropy"], [-np.log(0.9), -np.log(0.8), -np.log(0.001)], rtol=1e-15
    )
    np.testing.assert_allclose(scores.prediction, [0.9, 0.8, 0.001], rtol=1e-15)
    table = read_table("label,s0,s1,s2\n2,0,0,0\n0,3,1,-1\n")
    assert guess_kind(table) == "multiclass"
    scores = score(table, "multiclass", {"target": "label", "classes": ["s0", "s1", "s2"]})
    # three equal scores: −log(1/3) by hand
    assert scores.per_example["softmax_cross_entropy"][0] == pytest.approx(np.log(3.0), rel=1e-15)
    assert scores.per_example["softmax_cross_entropy"][1] == pytest.approx(
        -losses.log_softmax(np.array([3.0, 1.0, -1.0]))[0], rel=1e-15
    )


def test_columns_are_guessed_from_the_header():
    table = read_table("id,prediction,target\n1,2,3\n")
    assert guess(table, "target") == "target"
    assert guess(table, "prediction", taken=("target",)) == "prediction"
    table = read_table("a,b\n1,2\n")
    assert guess(table, "target") == "a"
    assert guess(table, "prediction", taken=("a",)) == "b"
