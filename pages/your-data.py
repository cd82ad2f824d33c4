"""Your data: a CSV of one's own predictions scored with every loss that applies."""

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

import ui
from losses import LOSSES
from viz.yourdata import YOUR_DATA, YOUR_DATA_SPREAD
from yourdata import KINDS, MAX_BYTES, MAX_ROWS, DataError, guess, read_table, score
from yourdata.score import KIND_LOSSES
from yourdata.table import guess_kind

EXAMPLES = Path(__file__).resolve().parents[1] / "assets" / "examples"
SHOWN_ROWS = 25  # of the per-example table
EXAMPLE_FILES = {"regression": "Regression", "binary": "Binary", "multiclass": "Multiclass"}

ui.header(
    "Your data",
    "Score your own model's predictions: upload or paste a CSV with a header row and one "
    "example per row — a target and a prediction (regression), a label 0/1 and a probability "
    "or a score (binary), or a class index and one score column per class (multiclass). The "
    "page computes each example's loss under every loss that applies, the cost, and how much "
    "of it the worst examples carry: the articles' outlier, on real data.",
)
st.markdown(
    ":material/lock: **Nothing you upload or paste is written to disk or kept**: the file is read "
    f"in memory for this page and forgotten when you leave it. At most {MAX_BYTES / 1e6:g} MB and "
    f"{MAX_ROWS:,} rows."
)


def load_example(name):
    st.query_params["data_example"] = name
    st.session_state.pop("data_text", None)


st.markdown("**Start from an example**")
for column, (name, label) in zip(st.columns(len(EXAMPLE_FILES)), EXAMPLE_FILES.items(), strict=True):
    column.button(f"{label} example", on_click=load_example, args=(name,), width="stretch")

upload = st.file_uploader("Upload a CSV", type=["csv", "txt"], key="data_file")
pasted = st.text_area(
    "… or paste CSV text", key="data_text", height=120, placeholder="y_true,y_pred\n3.0,2.5\n…"
)
# with nothing uploaded or pasted the page shows an example: the regression one unless the
# link names another (a link naming none of them gets the app's one warning)
ui.state.current().register("data_example", lambda raw: raw in EXAMPLE_FILES, "Example", hideable=False)
example = st.query_params.get("data_example", "regression")
raw, source = None, None
if upload is not None:
    raw, source = upload.getvalue(), f"the uploaded file {upload.name!r}"
elif pasted.strip():
    raw, source = pasted, "the pasted text"
else:
    example = example if example in EXAMPLE_FILES else "regression"
    raw, source = (EXAMPLES / f"{example}.csv").read_bytes(), f"the {example} example"

if raw is None:
    st.stop()

try:
    table = read_table(raw)
except DataError as error:
    st.error(f"Cannot read {source}: {error}", icon=":material/error:")
    st.stop()

# a new file brings new choices, guessed from its header (keyed by its content)
fingerprint = hashlib.sha256(raw if isinstance(raw, bytes) else raw.encode()).hexdigest()[:12]
st.caption(f"Read {len(table):,} rows and the columns {', '.join(table.names)} from {source}.")
KIND_OF_LABEL = {label: kind for kind, label in KINDS.items()}
kind = KIND_OF_LABEL[
    st.selectbox(
        "What the rows are",
        list(KIND_OF_LABEL),
        index=list(KINDS).index(guess_kind(table)),
        key=f"data_kind_{fingerprint}",
    )
]
left, right = st.columns(2)
target = left.selectbox(
    "Target / label column",
    table.names,
    index=table.names.index(guess(table, "target")),
    key=f"data_target_{fingerprint}_{kind}",
)
if kind == "multiclass":
    others = [name for name in table.names if name != target]
    classes = right.multiselect(
        "Score columns, one per class (class 0 first)",
        others,
        default=others,
        key=f"data_classes_{fingerprint}",
    )
    columns = {"target": target, "classes": classes}
else:
    role = {"regression": "prediction", "binary_probability": "probability", "binary_logit": "logit"}[kind]
    others = [name for name in table.names if name != target]
    if len(others) == 1:  # nothing to choose
        prediction = others[0]
        right.markdown(f"Prediction column: **{prediction}**")
    else:
        prediction = right.selectbox(
            "Prediction column",
            others,
            index=others.index(guess(table, role, taken=(target,))),
            key=f"data_prediction_{fingerprint}_{kind}",
        )
    columns = {"target": target, "prediction": prediction}

try:
    scores = score(table, kind, columns)
except DataError as error:
    st.error(
        f"Cannot score {source} as {KINDS[kind].split(':')[0].lower()} data: {error}", icon=":material/error:"
    )
    st.stop()

names = list(KIND_LOSSES[kind])
st.subheader("The cost under each loss")
st.table(
    pd.DataFrame(
        {
            "loss": [LOSSES[name].title for name in names],
            "mean": [scores.cost(name, "mean") for name in names],
            "sum": [scores.cost(name, "sum") for name in names],
            "worst 5 % of the examples carry": [f"{scores.top_share(name):.1%}" for name in names],
        }
    ).set_index("loss")
)
if kind == "regression":
    x = table.columns[columns["prediction"]] - table.columns[columns["target"]]
else:
    x = scores.prediction
# each example's loss under every loss, as a hashable parameter of both charts
per_example = tuple(tuple(scores.per_example[name].tolist()) for name in names)
ui.chart(
    YOUR_DATA,
    {"kind": kind, "names": tuple(names), "x": tuple(x.tolist()), "per_example": per_example},
    key="data_chart",
    filename=f"your-data_{kind}",
)
ui.chart(
    YOUR_DATA_SPREAD,
    {"names": tuple(names), "per_example": per_example},
    key="data_spread_chart",
    filename=f"your-data-spread_{kind}",
)

st.subheader("Every example")
frame = pd.DataFrame(
    {"row": np.arange(2, len(table) + 2)} | {name: table.columns[name] for name in table.names}
)
for name in names:
    frame[LOSSES[name].title] = scores.per_example[name]
# a plain table (its type grows with presentation mode, a data grid's cannot), sorted by a
# control; the whole of it as CSV
orders = [LOSSES[name].title for name in names] + ["row"]
order = st.selectbox("Sort by", orders, key=f"data_sort_{fingerprint}_{kind}")
shown = frame.sort_values(order, ascending=order == "row", kind="stable").head(SHOWN_ROWS)
st.caption(
    f"The {min(SHOWN_ROWS, len(frame))} "
    + ("first rows" if order == "row" else f"worst examples by {order}")
    + f" of {len(frame):,}. Row numbers are the file's."
)
st.table(shown.set_index("row"))
st.download_button(
    "Download every example's losses (CSV)",
    data=lambda: frame.to_csv(index=False),
    file_name="losses-per-example.csv",
    mime="text/csv",
    key="data_csv",
    icon=":material/download:",
    on_click="ignore",
)
