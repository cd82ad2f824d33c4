"""How the app shows the losses: the palette, each loss's colour, axis titles, and the
range a parameter's slider offers. (What a loss *is* lives in ``losses.LOSSES``.)"""

# Okabe-Ito, the colour-blind-safe palette; a loss keeps its colour on every page.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

# Each loss's colour, distinct within each family (a page draws one family).
LOSS_COLOURS = {
    "mae": OKABE_ITO["blue"],
    "mse": OKABE_ITO["vermillion"],
    "huber": OKABE_ITO["bluish green"],
    "pseudo_huber": OKABE_ITO["reddish purple"],
    "log_cosh": OKABE_ITO["sky blue"],  # far from L2's vermillion
    "barron": OKABE_ITO["orange"],
    "rmse": OKABE_ITO["yellow"],  # a cost in a table, never a curve
    "msle": OKABE_ITO["black"],
    "binary_cross_entropy": OKABE_ITO["blue"],
    "sigmoid_cross_entropy": OKABE_ITO["sky blue"],
    "hinge": OKABE_ITO["vermillion"],
    "squared_hinge": OKABE_ITO["reddish purple"],  # a hue apart from the hinge's vermillion
    "binary_focal_cross_entropy": OKABE_ITO["orange"],
    "sigmoid_focal_cross_entropy": OKABE_ITO["bluish green"],
    "categorical_cross_entropy": OKABE_ITO["blue"],
    "sparse_categorical_cross_entropy": OKABE_ITO["sky blue"],
    "softmax_cross_entropy": OKABE_ITO["bluish green"],
    "kl_divergence": OKABE_ITO["reddish purple"],
}

# Each loss's line: told apart by its dash as well as its colour.
LOSS_DASHES = {
    "mae": "solid",
    "mse": "dash",
    "huber": "dot",
    "pseudo_huber": "dashdot",
    "log_cosh": "longdash",
    "hinge": "solid",
    "squared_hinge": "dash",
    "sigmoid_cross_entropy": "dashdot",
}

# The title of each kind of x-axis (``LossSpec.x_axis``).
X_AXIS_TITLES = {
    "residual": "residual r = y_pred − y_true",
    "probability": "predicted probability p of the true class",
    "margin": "margin t·s",
    "logit": "logit (score) s",
}


# Per ``Param.name``: the range its sliders offer (``viz.SliderSpec.for_param``).
PARAM_RANGES = {
    "delta": {"min": 0.05, "max": 5.0, "step": 0.05},
    "alpha": {"min": -4.0, "max": 4.0, "step": 0.25},  # Barron's shape: Welsch-like to beyond L2
    "scale": {"min": 0.25, "max": 4.0, "step": 0.25},  # few steps: its frames redraw every case
    "gamma": {"min": 0.0, "max": 5.0, "step": 0.25},  # focal loss: 0 is the cross-entropy
}
