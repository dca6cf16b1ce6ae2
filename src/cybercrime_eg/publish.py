"""Publishing a folder of generated files: owned, locked, staged, validated, swapped whole.

The guarantees, for a folder ``OUT``:

- **Ownership.** Files are written only into a folder that is new, empty, or holds a previous
  package recorded in its manifest (``MANIFEST``: generator name and version, SHA-256 of every
  file written). A file that the manifest does not name, or whose hash no longer matches, is
  foreign: the run stops with :class:`OwnershipError` and touches nothing. ``force=True`` may
  replace the files the manifest names (edited or not) and keeps every foreign file.
  ``/``, the home folder, and any folder in ``refuse`` (the input's folder, the reference
  tables) are never written to. Nothing inside ``OUT`` is followed if it is a symbolic link.
- **Whole or nothing.** The new package is written to a staging folder beside ``OUT`` (same
  file system), checked, then exchanged with ``OUT`` by one atomic ``renameat2`` call
  (``RENAME_EXCHANGE``): a reader, a crash or a kill sees the old package or the new one.
  The old package is then removed from the staging folder.
- **One at a time.** An exclusive ``fcntl.flock`` on the parent folder serialises runs.
- **Clean stops.** SIGTERM and SIGINT remove the staging folder and end with one line
  (:class:`Interrupted`; exit status 143 or 130). A staging folder left by a killed run is
  removed by a later run only when its marker proves it is ours and every entry in it is a
  file we wrote (or a hard link to a file still in ``OUT``).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import secrets
import signal
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "GENERATOR",
    "MANIFEST",
    "Interrupted",
    "OwnershipError",
    "PublishError",
    "publish",
    "read_manifest",
]

GENERATOR = "cybercrime_eg"
MANIFEST = "cybercrime-eg-manifest.json"
_STAGING_TAG = ".cybercrime-eg-staging-"
_LOCK_WAIT = 120.0  # seconds a run waits for another run into the same parent folder
_RENAME_EXCHANGE = 2


class PublishError(OSError):
    """The package cannot be published: names the folder and what was expected."""


class OwnershipError(PublishError):
    """``OUT`` holds files this program did not write (or may never write into)."""


class Interrupted(BaseException):
    """SIGTERM or SIGINT arrived; the staging folder was removed.

    A ``BaseException``, like ``KeyboardInterrupt``: libraries that catch ``Exception``
    (frictionless reports it as a validation error) cannot swallow it.
    """

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


def _version() -> str:
    """The installed version of the package (from its metadata: no upward import)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cybercrime-eg")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree not installed
        return "unknown"


def _sha256(path: Path) -> str:
    """SHA-256 of a regular file, opened without following a symbolic link."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    digest = hashlib.sha256()
    with os.fdopen(fd, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_text(files: dict[str, str]) -> str:
    """The manifest for ``files`` (name -> SHA-256), byte-identical for identical input."""
    body = {"generator": GENERATOR, "version": _version(), "files": dict(sorted(files.items()))}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def read_manifest(folder: Path) -> dict[str, str] | None:
    """The files (name -> SHA-256) that the manifest in ``folder`` names; None if none."""
    path = folder / MANIFEST
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("generator") != GENERATOR:
        return None
    files = data.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and "/" not in k and k not in ("", ".", "..")
        for k, v in files.items()
    ):
        return None
    return files


# --- where we may write -------------------------------------------------------------------


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path))


def check_target(out: Path, refuse: list[tuple[Path, str]]) -> None:
    """Refuse ``/``, the home folder and the folders in ``refuse`` (path, why)."""
    if out.is_symlink():
        raise OwnershipError(
            f"{out}: is a symbolic link: expected a real folder (it is never followed)"
        )
    real = _resolved(out)
    if real == Path(real.anchor):
        raise OwnershipError(f"{out}: is the root folder: expected a folder for the tables")
    home = Path.home()
    if real == _resolved(home):
        raise OwnershipError(f"{out}: is the home folder: expected a folder for the tables")
    for other, why in refuse:
        other_real = _resolved(other)
        if real == other_real or real in other_real.parents:
            raise OwnershipError(f"{out}: holds {why}: expected a separate folder for the tables")


def _foreign(out: Path, manifest: dict[str, str] | None, names: set[str], force: bool) -> list:
    """Entries of ``out`` that are not ours (and, with ``force``, not ours to replace)."""
    if not out.exists():
        return []
    foreign = []
    with os.scandir(out) as entries:
        for entry in entries:
            if entry.name == MANIFEST and manifest is not None:
                continue
            ours = (
                manifest is not None
                and entry.name in manifest
                and entry.is_file(follow_symlinks=False)
                and (force or _sha256(Path(entry.path)) == manifest[entry.name])
            )
            if not ours:
                foreign.append(entry)
    return foreign


# --- the lock, the staging folder, the swap -----------------------------------------------


@contextmanager
def _locked(parent: Path, out: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``parent`` (waits up to ``_LOCK_WAIT`` seconds)."""
    fd = os.open(parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    try:
        deadline = time.monotonic() + _LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise PublishError(
                        f"{out}: another extract has been writing beside it for "
                        f"{_LOCK_WAIT:.0f} s: expected one run at a time"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (``renameat2``); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _marker_path(staging: Path) -> Path:
    return staging.with_name(staging.name + ".json")


def _write_marker(
    staging: Path, out: Path, phase: str, files: list[str], old_files: list[str] | None = None
) -> None:
    st = staging.lstat()
    marker: dict[str, object] = {
        "generator": GENERATOR,
        "out": str(_resolved(out)),
        "pid": os.getpid(),
        "folder": [st.st_dev, st.st_ino],
        "phase": phase,
        "files": sorted(files),
    }
    if old_files is not None:  # the swap is next: then ``staging`` holds the old package
        ost = out.lstat()
        marker["old_folder"] = [ost.st_dev, ost.st_ino]
        marker["old_files"] = sorted(old_files)
    tmp = staging.with_name(staging.name + ".json.tmp")
    with _signals_blocked():  # a stop never falls between the temporary file and its rename
        tmp.write_text(json.dumps(marker), encoding="utf-8")
        os.replace(tmp, _marker_path(staging))


def _remove_staging(staging: Path, out: Path) -> bool:
    """Remove a staging folder if it is provably ours; True when removed (or absent).

    Ours: a marker beside it names this ``out`` and the folder's own inode, and every entry
    is a regular file that the marker lists, or a hard link of a file still in ``out``, or
    (while the package was still being written) a file with no other link.
    """
    marker_path = _marker_path(staging)
    try:
        st = staging.lstat()
    except FileNotFoundError:
        marker_path.unlink(missing_ok=True)
        return True
    try:
        data = json.loads(marker_path.read_text(encoding="utf-8"))
        ok = (
            isinstance(data, dict)
            and data.get("generator") == GENERATOR
            and data.get("out") == str(_resolved(out))
            and stat.S_ISDIR(st.st_mode)
        )
        here = [st.st_dev, st.st_ino]
        if ok and data.get("folder") == here:
            listed, writing = set(data.get("files", [])), data.get("phase") == "writing"
        elif ok and data.get("old_folder") == here:  # killed right after the swap
            listed, writing = set(data.get("old_files", [])), False
        else:
            ok = False
    except (OSError, ValueError):
        ok = False
    if not ok:
        try:  # an empty folder (a run killed right after mkdir) is removed: rmdir only
            os.rmdir(staging)  # succeeds on an empty folder
            return True
        except OSError:
            return False
    victims = []
    with os.scandir(staging) as entries:
        for entry in entries:
            if not entry.is_file(follow_symlinks=False):
                return False
            est = entry.stat(follow_symlinks=False)
            if entry.name in listed or (writing and est.st_nlink == 1):
                victims.append(entry.path)
                continue
            try:
                if os.path.samestat(est, (out / entry.name).lstat()):
                    victims.append(entry.path)
                    continue
            except FileNotFoundError:
                pass
            return False
    for path in victims:
        os.unlink(path)
    os.rmdir(staging)
    marker_path.unlink(missing_ok=True)  # last: until then a later run can prove it ours
    staging.with_name(staging.name + ".json.tmp").unlink(missing_ok=True)
    return True


def _stale_staging(parent: Path, out: Path) -> list[str]:
    """Remove staging folders of earlier, killed runs into ``out``; names those left."""
    left = []
    prefix = f".{out.name}{_STAGING_TAG}"
    for entry in os.scandir(parent):
        name = entry.name
        if name.startswith(prefix) and not name.endswith((".json", ".json.tmp")):
            if not _remove_staging(Path(entry.path), out):
                left.append(name)
        elif name.startswith(prefix) and name.endswith(".json"):
            if not (parent / name[: -len(".json")]).exists():
                _remove_staging(parent / name[: -len(".json")], out)
        elif name.startswith(prefix) and name.endswith(".json.tmp"):
            os.unlink(entry.path)
    return left


_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Deferral:
    """Critical sections under way and the stop that arrived during them (main thread)."""

    depth = 0
    pending: int | None = None


@contextmanager
def _interruptible() -> Iterator[None]:
    """Turn SIGINT/SIGTERM into :class:`Interrupted` (main thread only), restoring after."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        if _Deferral.depth:  # inside a critical section: raised as soon as it ends
            _Deferral.pending = signum
            return
        raise Interrupted(signum)

    old = {s: signal.signal(s, handler) for s in _SIGNALS}
    _Deferral.pending = None
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


@contextmanager
def _signals_blocked() -> Iterator[None]:
    """Defer SIGINT/SIGTERM over a critical section (they arrive right after it).

    Python runs signal handlers in the main thread whichever thread the kernel picked, so
    the deferral is a flag the handler reads, not a thread's signal mask.
    """
    _Deferral.depth += 1
    try:
        yield
    finally:
        _Deferral.depth -= 1
        if not _Deferral.depth and _Deferral.pending is not None:
            signum, _Deferral.pending = _Deferral.pending, None
            raise Interrupted(signum)


def _mount_point(path: Path) -> Path:
    path = _resolved(path)
    while not os.path.ismount(path) and path != path.parent:
        path = path.parent
    return path


def _disk_full(exc: OSError, out: Path) -> PublishError:
    return PublishError(
        f"{out}: no space left on the file system mounted at {_mount_point(out.parent)} "
        f"({os.strerror(exc.errno or errno.ENOSPC)}): nothing was published"
    )


Writer = Callable[[Path], list[str]]
Checker = Callable[[Path], None]


def publish(
    out: str | Path,
    write: Writer,
    check: Checker | None = None,
    *,
    force: bool = False,
    refuse: list[tuple[Path, str]] | None = None,
) -> list[Path]:
    """Publish the files that ``write(staging)`` creates as the whole content of ``out``.

    ``write`` writes the package into the staging folder it is given and returns the file
    names it wrote; ``check(staging)`` validates it (raising stops everything). The manifest
    is added, foreign files of ``out`` are kept only with ``force``, then ``out`` is swapped
    in whole. Returns the published paths (the manifest included).
    """
    out = Path(os.path.abspath(out))  # "." has a name and a parent; links are not resolved
    check_target(out, refuse or [])
    if out.exists() and not out.is_dir():
        raise PublishError(f"{out}: exists and is not a folder: expected a folder for the tables")
    parent = out.parent if str(out.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    with _interruptible():
        with _locked(parent, out):
            _stale_staging(parent, out)
            return _publish_locked(out, parent, write, check, force)


def _publish_locked(
    out: Path, parent: Path, write: Writer, check: Checker | None, force: bool
) -> list[Path]:
    staging: Path | None = None
    try:
        with _signals_blocked():  # only SIGKILL can leave a folder without its marker
            staging = parent / f".{out.name}{_STAGING_TAG}{os.getpid()}-{secrets.token_hex(4)}"
            staging.mkdir(mode=0o700)
            _write_marker(staging, out, "writing", [])
        names = write(staging)
        if check is not None:
            check(staging)
        manifest_old = read_manifest(out) if out.exists() else None
        foreign = _foreign(out, manifest_old, set(names), force)
        if foreign and not force:
            listed = ", ".join(repr(e.name) for e in sorted(foreign, key=lambda e: e.name)[:3])
            more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
            why = "its manifest does not list" if manifest_old is not None else "no manifest lists"
            raise OwnershipError(
                f"{out}: holds files this program did not write ({listed}{more}; {why} them "
                "with a matching SHA-256): expected an empty folder or one holding only a "
                "previous extract, or --force to replace only the files of the previous "
                "extract (nothing was changed)"
            )
        clash = [e.name for e in foreign if e.name in names or e.name == MANIFEST]
        if clash:
            raise OwnershipError(
                f"{out}: '{clash[0]}' is not a file this program wrote and would be replaced: "
                "expected it moved away first (nothing was changed)"
            )
        kept = []
        for entry in foreign:  # with force: kept as they are, by hard link into the package
            if not entry.is_file(follow_symlinks=False):
                raise OwnershipError(
                    f"{out}: '{entry.name}' is a folder, link or special file this program did "
                    "not write: expected only plain files beside the tables (--force keeps "
                    "plain files; nothing was changed)"
                )
            os.link(entry.path, staging / entry.name, follow_symlinks=False)
            kept.append(entry.name)
        files = {name: _sha256(staging / name) for name in names}
        (staging / MANIFEST).write_text(manifest_text(files), encoding="utf-8")
        mine = sorted(set(names) | {MANIFEST})
        _write_marker(staging, out, "writing", mine)
        for name in mine:
            fd = os.open(staging / name, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        mode = stat.S_IMODE(out.stat().st_mode) if out.exists() else 0o777 & ~_umask()
        os.chmod(staging, mode)
        with _signals_blocked():
            old_names = sorted(set(manifest_old or {}) | {MANIFEST}) if out.exists() else []
            if out.exists():
                _write_marker(staging, out, "swapping", mine, old_names)
            existed = _swap(staging, out)
            if existed:  # ``staging`` now holds the old package
                _write_marker(staging, out, "old", old_names)
                if not _remove_staging(staging, out):
                    print(
                        f"warning: {staging}: the previous package was kept there: it holds a "
                        "file this program did not write",
                        file=sys.stderr,
                    )
            else:
                _marker_path(staging).unlink(missing_ok=True)
            staging = None
        return [out / name for name in mine]
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT) and not isinstance(exc, PublishError):
            raise _disk_full(exc, out) from None
        raise
    finally:
        if staging is not None:
            with _signals_blocked():
                _remove_staging(staging, out)


def _swap(staging: Path, out: Path) -> bool:
    """Put ``staging`` in place of ``out`` atomically; the old package ends in ``staging``.

    Returns whether ``out`` existed (and so whether ``staging`` now holds its old content).
    """
    if not out.exists():
        os.rename(staging, out)
        return False
    if _exchange(staging, out):
        return True
    # No RENAME_EXCHANGE on this file system: two renames, undone if the second fails.
    aside = staging.with_name(staging.name + "-old")
    os.rename(out, aside)
    try:
        os.rename(staging, out)
    except OSError:
        os.rename(aside, out)
        raise
    os.rename(aside, staging)
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
