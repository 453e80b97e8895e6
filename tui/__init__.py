"""mythquiz: a terminal quiz and explainer on claims and counter-claims about NATO and Russia."""

__version__ = "0.1.0"
