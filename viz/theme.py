"""The one Plotly template of Loss Lab and the export settings of every chart."""

import plotly.graph_objects as go
import plotly.io as pio

from .presentation import OKABE_ITO

EXPORT_SIZE = (1200, 675)  # pixels of a downloaded image, whatever the screen

FONT = "Inter, Helvetica Neue, Arial, sans-serif"

# Built on plotly_white, set explicitly on every figure: importing Streamlit makes
# Plotly's default template "streamlit", whose colours only st.plotly_chart fills in.
TEMPLATE = go.layout.Template(pio.templates["plotly_white"])
TEMPLATE.layout.update(
    font={"family": FONT, "size": 15, "color": "#222"},
    colorway=list(OKABE_ITO.values()),
    margin={"l": 70, "r": 20, "t": 110, "b": 60},
    hoverlabel={"font": {"family": FONT, "size": 14}},
    # the title at the very top, the legend in a row of its own between it and the plot
    legend={"orientation": "h", "yanchor": "bottom", "y": 1.03, "xanchor": "left", "x": 0},
    title={
        "font": {"size": 18},
        "y": 0.985,
        "yref": "container",
        "yanchor": "top",
        "x": 0.01,
        "xanchor": "left",
    },
)
# ticklabeloverflow "allow": Plotly's default measures every tick label of every axis on
# each redraw to hide those past the chart's edge (~4 ms of a frame of the robust fitting
# chart); the margins hold the labels (automargin, or the layout tests where it is off)
TEMPLATE.layout.xaxis.update(
    zeroline=True,
    zerolinecolor="#bbb",
    showspikes=True,
    spikemode="across",
    spikethickness=1,
    spikedash="dot",
    spikecolor="#888",
    ticklabeloverflow="allow",
)
TEMPLATE.layout.yaxis.update(zeroline=True, zerolinecolor="#bbb", ticklabeloverflow="allow")


def fixed_margins(fig):
    """Margins that do not follow the tick labels (Plotly's automargin, on in this
    template): a chart slider whose frames move the tick labels (a class count, the
    outliers' leverage) then draws a frame in one layout pass, not two (~20–35 ms less a
    frame). For charts whose margins hold their widest labels (the layout tests check)."""
    fig.update_xaxes(automargin=False)
    fig.update_yaxes(automargin=False)
    return fig


def export_config(filename):
    """st.plotly_chart / Plotly config: the modebar's image download is named after the
    figure and always has the same pixel size."""
    width, height = EXPORT_SIZE
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["sendChartToCloud", "sendDataToCloud"],  # online services
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": width,
            "height": height,
            "scale": 1,
        },
    }
