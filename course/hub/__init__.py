"""``course hub``: the workshop on a JupyterHub, for a room of learners on one server.

Learners open a browser on the counsellor's machine and log in with their pseudonym and a short
code printed on paper; nothing is installed on their side. Each learner's server runs as a user
of its own (a numeric id, no system account) with its own copy of the released modules, inside
memory and CPU limits; the counsellor's server opens nbgrader's formgrader, as the counsellor's
own user id too, never root. Everything of the
hub lives in the workshop's ``hub/`` folder, readable by root only.

- ``accounts``: pseudonyms, login codes and user ids; the sheet of logins to print.
- ``auth``: the JupyterHub authenticator that checks those codes.
- ``homes``: each learner's folders and what reaches them (modules, feedback).
- ``limits``: per-learner memory and CPU through the system's control groups.
- ``trainer``: what the counsellor's server may read (the course) and write (the grades).
- ``spawner``: starts every server in its jail, as its account's user id.
- ``server``: the JupyterHub configuration and the command that runs it.
"""
