"""The dashboard's pages, one module each, on a common base (``base.Page``)."""
