"""Nothing lost: extract writes only into a folder it owns, whole or not at all."""

from __future__ import annotations

import copy
import errno
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cybercrime_eg import package
from cybercrime_eg import publish as publish_module
from cybercrime_eg.cli import main
from cybercrime_eg.publish import MANIFEST, publish, read_manifest

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "data" / "raw" / "eg-cybercrime-2019-draft-report-addendum.txt"
EXTERNAL = ROOT / "data" / "external"
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal-report.txt"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _extract(capsys, *args: str) -> tuple[int, str]:
    code = main(["extract", *args])
    return code, capsys.readouterr().err


def _one_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


# --- ownership ----------------------------------------------------------------------------


def test_manifest_names_every_file_with_its_hash(tmp_path, capsys):
    out = tmp_path / "o"
    assert _extract(capsys, str(REPORT), "--out", str(out))[0] == 0
    data = json.loads((out / MANIFEST).read_text())
    assert data["generator"] == "cybercrime_eg" and data["version"]
    files = {p.name for p in out.iterdir()} - {MANIFEST}
    assert set(data["files"]) == files
    for name, digest in data["files"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest


def test_a_folder_of_the_users_files_and_a_descriptor_naming_them_is_refused(tmp_path, capsys):
    out = tmp_path / "research"
    out.mkdir()
    (out / "survey.csv").write_text("id,answer\n1,yes\n")
    (out / "thesis.docx").write_bytes(b"PK\x03\x04 my thesis")
    (out / "datapackage.json").write_text(
        json.dumps({"resources": [{"path": "survey.csv"}, {"path": "thesis.docx"}]})
    )
    before = _snapshot(out)
    code, err = _extract(capsys, str(REPORT), "--out", str(out))
    assert code == 2
    assert "holds files this program did not write" in _one_error(err)
    assert _snapshot(out) == before
    code, err = _extract(capsys, str(REPORT), "--out", str(out), "--force")
    assert code == 2 and "'datapackage.json' is not a file this program wrote" in err
    assert _snapshot(out) == before


@pytest.mark.parametrize("name", ["SOURCES.md", "report.csv", MANIFEST])
def test_a_users_file_with_one_of_our_names_is_never_replaced(tmp_path, capsys, name):
    out = tmp_path / "o"
    out.mkdir()
    (out / name).write_text("mine\n")
    for extra in ([], ["--force"]):
        code, err = _extract(capsys, str(REPORT), "--out", str(out), "--external",
                             str(EXTERNAL), *extra)  # fmt: skip
        assert code == 2, err
        assert _snapshot(out) == {name: b"mine\n"}


def test_a_users_sources_md_survives_every_later_run(tmp_path, capsys):
    out = tmp_path / "o"
    assert _extract(capsys, str(MINIMAL), "--out", str(out))[0] == 0
    (out / "SOURCES.md").write_text("my notes\n")
    for _ in range(2):
        assert _extract(capsys, str(MINIMAL), "--out", str(out))[0] == 2
        assert _extract(capsys, str(MINIMAL), "--out", str(out), "--force")[0] == 0
        assert (out / "SOURCES.md").read_text() == "my notes\n"


def test_an_edited_table_is_foreign_unless_forced(tmp_path, capsys):
    out = tmp_path / "o"
    assert _extract(capsys, str(MINIMAL), "--out", str(out))[0] == 0
    fresh = _snapshot(out)
    (out / "paragraphs.csv").write_text("edited by hand\n")
    code, err = _extract(capsys, str(MINIMAL), "--out", str(out))
    assert code == 2 and "'paragraphs.csv'" in err
    assert (out / "paragraphs.csv").read_text() == "edited by hand\n"
    assert _extract(capsys, str(MINIMAL), "--out", str(out), "--force")[0] == 0
    assert _snapshot(out) == fresh


@pytest.mark.parametrize(
    "where, message",
    [("root", "is the root folder"), ("home", "is the home folder"),
     ("external", "holds the reference tables"), ("input", "holds the input report"),
     ("input-parent", "holds the input report")],
)  # fmt: skip
def test_folders_never_written_to(tmp_path, capsys, monkeypatch, where, message):
    ext = tmp_path / "ext"
    ext.mkdir()
    for f in EXTERNAL.iterdir():
        (ext / f.name).write_bytes(f.read_bytes())
    inputs = tmp_path / "in" / "reports"
    inputs.mkdir(parents=True)
    (inputs / "r.txt").write_bytes(MINIMAL.read_bytes())
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    out = {"root": Path("/"), "home": home, "external": ext, "input": inputs,
           "input-parent": inputs.parent}[where]  # fmt: skip
    before = {p: sorted(os.listdir(p)) for p in (tmp_path, ext, inputs, home)}
    code, err = _extract(capsys, str(inputs / "r.txt"), "--out", str(out), "--external", str(ext))
    assert code == 2 and message in _one_error(err)
    assert {p: sorted(os.listdir(p)) for p in (tmp_path, ext, inputs, home)} == before


def test_out_equal_to_external_then_without_it_keeps_the_reference_tables(tmp_path, capsys):
    ext = tmp_path / "ext"
    ext.mkdir()
    for f in EXTERNAL.iterdir():
        (ext / f.name).write_bytes(f.read_bytes())
    before = _snapshot(ext)
    assert _extract(capsys, str(REPORT), "--out", str(ext), "--external", str(ext))[0] == 2
    assert _extract(capsys, str(REPORT), "--out", str(ext))[0] == 2
    assert _snapshot(ext) == before


def test_symlinks_in_out_are_never_followed(tmp_path, capsys):
    target = tmp_path / "precious.txt"
    target.write_text("precious\n")
    out = tmp_path / "o"
    out.mkdir()
    os.symlink(target, out / "report.csv")
    for extra in ([], ["--force"]):
        code, err = _extract(capsys, str(REPORT), "--out", str(out), *extra)
        assert code == 2, err
        assert target.read_text() == "precious\n" and (out / "report.csv").is_symlink()
    link = tmp_path / "link"
    os.symlink(out, link)
    code, err = _extract(capsys, str(REPORT), "--out", str(link))
    assert code == 2 and "is a symbolic link" in err


# --- whole or nothing ---------------------------------------------------------------------


def test_a_failure_halfway_leaves_the_old_package(tmp_path, capsys, monkeypatch):
    out = tmp_path / "o"
    assert _extract(capsys, str(REPORT), "--out", str(out))[0] == 0
    before = _snapshot(out)
    calls = []

    def failing_write_csv(frame, path):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")

    monkeypatch.setattr(package, "write_csv", failing_write_csv)
    code, err = _extract(capsys, str(MINIMAL), "--out", str(out))
    line = _one_error(err)
    assert code == 2 and "no space left on the file system mounted at /" in line
    assert "staging" not in line and str(out) in line
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o"]  # no staging folder left


def test_an_invalid_package_is_not_published(tmp_path, capsys, monkeypatch):
    out = tmp_path / "o"
    assert _extract(capsys, str(MINIMAL), "--out", str(out))[0] == 0
    before = _snapshot(out)
    real = package.package_descriptor

    def broken(*args, **kwargs):
        d = copy.deepcopy(real(*args, **kwargs))  # the schemas are shared module constants
        d["resources"][1]["schema"]["fields"][5]["type"] = "date"  # paragraphs.number
        return d

    monkeypatch.setattr(package, "package_descriptor", broken)
    code, err = _extract(capsys, str(REPORT), "--out", str(out))
    assert code == 2 and "paragraphs.csv:" in _one_error(err) and "nothing was published" in err
    assert _snapshot(out) == before


def test_publish_api_staging_is_a_sibling_and_is_removed(tmp_path):
    seen = []

    def write(staging: Path) -> list[str]:
        seen.append(staging)
        (staging / "a.txt").write_text("a")
        return ["a.txt"]

    publish(tmp_path / "o", write)
    assert seen[0].parent == tmp_path and not seen[0].exists()
    assert read_manifest(tmp_path / "o") == {"a.txt": hashlib.sha256(b"a").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o"]


def test_a_stop_while_the_marker_is_written_leaves_nothing_beside_out(tmp_path, monkeypatch):
    """SIGTERM arriving inside the marker's write is deferred until the marker is whole."""
    real_write_text = Path.write_text
    sent = []

    def write_text(self: Path, *args, **kwargs):
        if self.name.endswith(".json.tmp") and not sent:
            sent.append(self.name)
            os.kill(os.getpid(), signal.SIGTERM)  # handled between bytecodes unless blocked
        return real_write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)

    def write(staging: Path) -> list[str]:
        real_write_text(staging / "a.txt", "a")
        return ["a.txt"]

    with pytest.raises(publish_module.Interrupted):
        publish(tmp_path / "o", write)
    assert sent
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# --- signals, kills and races (real processes) --------------------------------------------

_CLI = [sys.executable, "-m", "cybercrime_eg", "extract"]


def _start(report: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*_CLI, str(report), "--out", str(out), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _package_state(out: Path) -> dict[str, str]:
    """The folder as one consistent snapshot (read through one descriptor of the folder)."""
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        state = {}
        for name in sorted(os.listdir(fd)):
            f = os.open(name, os.O_RDONLY, dir_fd=fd)
            with os.fdopen(f, "rb") as fh:
                state[name] = hashlib.sha256(fh.read()).hexdigest()
        return state
    finally:
        os.close(fd)


def _wait_for_staging(parent: Path, proc: subprocess.Popen, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if any("-staging-" in p.name and p.is_dir() for p in parent.iterdir()):
            return True
        time.sleep(0.005)
    return False


@pytest.mark.parametrize("sig, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_sigint_clean_up_with_one_line(tmp_path, sig, status):
    out = tmp_path / "o"
    assert subprocess.run([*_CLI, str(MINIMAL), "--out", str(out)]).returncode == 0
    before = _snapshot(out)
    proc = _start(REPORT, out, "--external", str(EXTERNAL))
    assert _wait_for_staging(tmp_path, proc), proc.communicate()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith(f"error: interrupted by {sig.name}")
    assert len(err.strip().splitlines()) == 1
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o"]


def test_sigkill_at_random_moments_leaves_the_old_or_the_new_package(tmp_path):
    out = tmp_path / "o"
    reports = [MINIMAL, REPORT]
    states = []
    for report in reports:  # the two packages a reader may see
        subprocess.run([*_CLI, str(report), "--out", str(out), "--force"], check=True,
                       capture_output=True)  # fmt: skip
        states.append(_package_state(out))
    rng = random.Random(7)
    t0 = time.monotonic()
    subprocess.run([*_CLI, str(MINIMAL), "--out", str(out)], check=True, capture_output=True)
    duration = time.monotonic() - t0
    outcomes = set()
    for n in range(8):
        report = reports[n % 2]
        proc = _start(report, out)
        delay = rng.uniform(0.3 * duration, 1.1 * duration)
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and proc.poll() is None:
            assert _package_state(out) in states  # a reader during the run
            time.sleep(0.01)
        proc.kill()
        proc.communicate()
        state = _package_state(out)
        assert state in states, sorted(state)
        outcomes.add(states.index(state))
        code = subprocess.run([*_CLI, str(report), "--out", str(out)], capture_output=True)
        assert code.returncode == 0, code.stderr  # stale staging is ours, and removed
        assert _package_state(out) == states[n % 2]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["o"]


def test_two_concurrent_runs_serialise(tmp_path):
    out = tmp_path / "o"
    subprocess.run([*_CLI, str(MINIMAL), "--out", str(out)], check=True, capture_output=True)
    for _ in range(2):
        procs = [_start(REPORT, out), _start(MINIMAL, out)]
        results = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], results
        manifest = read_manifest(out)
        assert manifest is not None
        assert set(manifest) == {p.name for p in out.iterdir()} - {MANIFEST}
        for name, digest in manifest.items():
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
        assert sorted(p.name for p in tmp_path.iterdir()) == ["o"]


def test_a_staging_folder_that_is_not_provably_ours_is_left_alone(tmp_path, capsys):
    fake = tmp_path / ".o.cybercrime-eg-staging-1-abcd"
    fake.mkdir()
    (fake / "thesis.docx").write_text("mine")
    code, err = _extract(capsys, str(MINIMAL), "--out", str(tmp_path / "o"))
    assert code == 0, err
    assert (fake / "thesis.docx").read_text() == "mine"


def test_out_dot_stages_beside_the_current_folder(tmp_path):
    out = tmp_path / "here"
    out.mkdir()
    proc = subprocess.run([*_CLI, str(MINIMAL), "--out", "."], cwd=out, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    assert read_manifest(out) is not None and (out / "paragraphs.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here"]
