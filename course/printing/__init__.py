"""Paper for the counsellor: guides, hand-outs, certificates and session plans as PDF and HTML.

Everything is generated from the module sources (``guide.<lang>.md``, ``handout.<lang>.md``,
``module.yml``) and the workshop's gradebook, with fonts from the system and no network.
"""
