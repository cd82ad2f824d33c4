"""Loss Lab (placeholder until the multipage app lands): the Huber loss and its slope."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import losses

st.set_page_config(page_title="Loss Lab", layout="wide")
st.title("Loss Lab")
delta = st.slider("δ", 0.05, 5.0, 1.0, 0.05, key="home_delta")
r = np.linspace(-3, 3, 601)
fig = go.Figure()
fig.add_scatter(x=r, y=losses.huber(0.0, r, delta=delta, reduction="none"), name=f"Huber (δ={delta:g})")
fig.add_scatter(x=r, y=losses.huber_derivative(0.0, r, delta=delta), name="derivative", line={"dash": "dot"})
fig.update_layout(xaxis_title="residual r", yaxis_title="loss")
st.plotly_chart(fig)
