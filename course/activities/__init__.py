"""Interactive activities of the modules: one widget per activity, its logic in plain functions."""
