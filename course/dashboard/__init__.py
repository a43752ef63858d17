"""``course dashboard``: the counsellor's whole workshop on one local page (*Tableau de bord*).

A small tornado app, on 127.0.0.1 behind a random token (``app``), or as a JupyterHub service
only the counsellor's account opens (``hub_service``). Its buttons run the very functions the
``course`` verbs run (``steps``), one at a time in a background thread (``jobs``); the written
answers are marked beside the rubric and stored through nbgrader's API (``grading.manual``).
Everything a learner wrote is shown as escaped text (Jinja's autoescape), nothing is fetched
from the internet.
"""
