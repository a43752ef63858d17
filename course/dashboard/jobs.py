"""One workshop step at a time, in a background thread, with a progress the page can poll.

A step can take minutes (grading runs every learner's notebook): the page must stay usable
meanwhile and show where it is. A second step asked while one runs is refused plainly rather
than queued, so two steps never write the same files at once.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass

from ..errors import CourseError, plain
from ..i18n import say

RUNNING, DONE, FAILED = "running", "done", "failed"
Progress = Callable[[int, int], None]
log = logging.getLogger("course.dashboard")


@dataclass
class Job:
    """What the progress bar and the message under it say."""

    label: str
    state: str = RUNNING
    done: int = 0
    total: int = 0
    message: str = ""


def failure_text(error: BaseException) -> str:
    """The error as the command line would say it: the ``CourseError``'s own sentence, a full
    disk or refused folder in plain words, anything else named without a traceback."""
    if isinstance(error, CourseError):
        return str(error)
    if isinstance(error, OSError) and (said := plain(error)) is not None:
        return str(said)
    return say(f"Erreur inattendue ({error.__class__.__name__} : {error}). Rien d'autre n'a "
               "été lancé ; relancez l'étape, ou la commande course correspondante pour plus "
               "de détails.", f"Unexpected error ({error.__class__.__name__}: {error}). "
               "Nothing else was started; run the step again, or the matching course "
               "command for details.")


class Busy(CourseError):
    """A step is already running."""


class Jobs:
    """The step running now (or the last one), shared by the page's handlers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.current: Job | None = None

    def start(self, label: str, work: Callable[[Progress], str]) -> Job:
        """Run ``work(progress)`` in a thread; its return is the message shown when done."""
        with self._lock:
            if self.current is not None and self.current.state == RUNNING:
                raise Busy(say(f"« {self.current.label} » est en cours : attendez la fin "
                               "avant de lancer une autre étape.",
                               f"'{self.current.label}' is running: wait for it to end "
                               "before starting another step."))
            job = self.current = Job(label)
        threading.Thread(target=self._run, args=(job, work), daemon=True,
                         name=f"step {label}").start()
        return job

    @staticmethod
    def _run(job: Job, work: Callable[[Progress], str]) -> None:
        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            job.message = work(progress)
            job.state = DONE
        except Exception as error:  # every failure ends as a sentence on the page
            if not isinstance(error, CourseError | OSError):
                log.error("step %s failed:\n%s", job.label, traceback.format_exc())
            job.message, job.state = failure_text(error), FAILED

    def status(self) -> dict:
        return asdict(self.current) if self.current else {"state": "idle"}
