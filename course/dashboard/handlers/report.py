"""*Rapport*: the page ``course report`` wrote (``grading.report``), served as it is."""

from __future__ import annotations

from datetime import datetime

from ...i18n import say
from .base import Page

REPORT = "rapport.html"


class ReportPage(Page):
    def get(self) -> None:
        report = self.workshop.exports / REPORT
        made = (datetime.fromtimestamp(report.stat().st_mtime).strftime("%d/%m/%Y %H:%M")
                if report.is_file() else None)
        self.page("report.html.j2", title=say("Rapport", "Report"), made=made)


class ReportFile(Page):
    """The report itself: the course's own page (everything in it escaped when written)."""

    def get(self) -> None:
        report = self.workshop.exports / REPORT
        if not report.is_file():
            self.redirect(self.url("rapport"))
            return
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", "default-src 'none'; img-src data:; "
                        "style-src 'unsafe-inline'")
        self.finish(report.read_bytes())
