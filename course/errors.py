"""The one exception a user is meant to read.

Commands raise ``CourseError`` with a plain sentence that says what is wrong and how to fix it;
the command line prints it and exits with status 2, without a traceback.
"""


class CourseError(Exception):
    """A problem the user can fix; its message is shown as it is."""
