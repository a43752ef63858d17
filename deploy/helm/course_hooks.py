"""What the hub gives each account's pod: loaded by JupyterHub from jupyterhub_config.d.

values.yaml mounts this file into the hub pod (``hub.extraFiles.course-hooks``, filled with
``helm ... --set-file``) and passes its settings under ``custom.course``.

- A learner's pod mounts the workshop's ``release/`` read-only (values.yaml, for everyone) and
  only their own hand-in folder ``atelier/submitted/<pseudonym>`` (a ``subPath`` of the
  workshop volume, added with the real account name): other learners' work is not there.
- The counsellor's pod runs the counsellor image (the course's content for ``course new`` and
  ``course grade``), mounts the whole volume at ``/srv/ateliers`` (the workshop is its folder
  ``atelier``, made there by ``course new``), opens on nbgrader's formgrader, is labelled so
  that ``gradebook-egress.yaml`` lets it reach PostgreSQL, and gets the gradebook's URL
  (``COURSE_DB_URL``) from a Kubernetes Secret, never from a file.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

VOLUME_MOUNT = "/srv/ateliers"  # the counsellor's view: deploy/image/pod_start.py
HANDIN_MOUNT = "/srv/rendu"  # COURSE_HANDIN in deploy/image/Dockerfile
COUNSELLOR_LABEL = {"esprit-critique/role": "counsellor"}


def handin_mount(settings: dict, name: str) -> dict:
    """The learner's own hand-in folder and nothing else of the workshop's submissions."""
    return {"name": settings["volume"], "mountPath": HANDIN_MOUNT,
            "subPath": f"{settings['workshop']}/submitted/{name}"}


def gradebook_env(settings: dict) -> dict:
    """COURSE_DB_URL as a reference to the Secret: the hub never reads the URL itself."""
    secret = settings["gradebookSecret"]
    return {"COURSE_DB_URL": {"name": "COURSE_DB_URL", "valueFrom": {
        "secretKeyRef": {"name": secret["name"], "key": secret["key"]}}}}


def pre_spawn(settings: dict, spawner) -> None:
    """KubeSpawner's pre_spawn_hook: shape the pod for the learner or for the counsellor."""
    name = spawner.user.name
    if name != settings["counsellor"]:
        spawner.volume_mounts = [*spawner.volume_mounts, handin_mount(settings, name)]
        return
    counsellor = settings["counsellorPod"]
    image = counsellor["image"]
    spawner.image = f"{image['name']}:{image['tag']}"
    others = [m for m in spawner.volume_mounts if m.get("name") != settings["volume"]]
    spawner.volume_mounts = [*others, {"name": settings["volume"], "mountPath": VOLUME_MOUNT}]
    spawner.environment = {**spawner.environment, **gradebook_env(settings)}
    spawner.extra_labels = {**spawner.extra_labels, **COUNSELLOR_LABEL}
    spawner.notebook_dir = VOLUME_MOUNT
    # nbgrader's formgrader in its own tab: JupyterHub forbids it in a frame (nbgrader #1870).
    spawner.default_url = "/formgrader"
    spawner.mem_guarantee, spawner.mem_limit = counsellor["memory"], counsellor["memory"]
    spawner.cpu_guarantee, spawner.cpu_limit = counsellor["cpu"], counsellor["cpu"]


def native_templates() -> list[str]:
    """NativeAuthenticator's sign-up and approval pages, which its documentation asks to add to
    the hub's templates. It is in z2jh's hub image; anywhere else there is nothing to add."""
    try:
        import nativeauthenticator
    except ImportError:
        return []
    return [str(Path(nativeauthenticator.__file__).parent / "templates")]


def configure(c, settings: dict) -> None:
    """Install the hook on JupyterHub's configuration object ``c``."""
    c.KubeSpawner.pre_spawn_hook = partial(pre_spawn, settings)
    templates = native_templates()
    if templates:
        c.JupyterHub.template_paths = [*templates, *c.JupyterHub.get("template_paths", [])]


# z2jh's jupyterhub_config.py runs this file with exec() in its own namespace, where ``c`` is
# the configuration and ``get_config`` reads a chart value; tests import it without them.
if "c" in globals() and "get_config" in globals():
    configure(c, get_config("custom.course"))  # noqa: F821
