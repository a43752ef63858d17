"""A digital-literacy course on Jupyter.

This package holds what runs inside a learner's kernel (widgets, answer recording, items) and
the ``course`` command line. Importing it must stay cheap: learners' notebooks import it first.
"""

__version__ = "0.1.0"
