"""Loss Lab: the entry point (`streamlit run app.py`), a short list of pages."""

import streamlit as st

st.set_page_config(page_title="Loss Lab", page_icon=":material/functions:", layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page(
        "pages/regression.py", title="Regression losses", icon=":material/show_chart:", url_path="regression"
    ),
    st.Page(
        "pages/binary.py", title="Binary classification", icon=":material/call_split:", url_path="binary"
    ),
    st.Page(
        "pages/multiclass.py", title="Multiclass: softmax", icon=":material/bar_chart:", url_path="multiclass"
    ),
    st.Page(
        "pages/kl_divergence.py",
        title="KL divergence",
        icon=":material/compare_arrows:",
        url_path="kl-divergence",
    ),
]

st.navigation(PAGES).run()
