"""Old Word (.doc), RTF and OpenDocument files, read through LibreOffice headless.

LibreOffice converts the file to DOCX, which the Word reader then reads as it
reads any DOCX (layout tables, numbering, fonts that tell a legacy encoding).
Each conversion runs in a temporary folder with its own LibreOffice profile (two
conversions never share one, and nothing is left behind), under a time limit,
one at a time per reader (a batch parallelizes by process). Without LibreOffice,
or when it fails, a .doc file is read as plain text by antiword, then catdoc.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .children import ToolRegistry, die_with_parent

SOFFICE_NAMES = ("soffice", "libreoffice")


class ConversionFailed(RuntimeError):
    """No converter could read the file; the message says what each one said."""


@dataclass
class LibreOffice:
    """LibreOffice headless for one reader: found when first needed, one conversion at a
    time; ``registry`` notes each conversion's process group while it runs (a batch
    ends the ones a stopped worker left)."""

    timeout: float = 180.0
    registry: ToolRegistry | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @staticmethod
    def executable() -> str | None:
        return next((p for p in map(shutil.which, SOFFICE_NAMES) if p), None)

    def to_docx(self, data: bytes, suffix: str) -> bytes:
        exe = self.executable()
        if exe is None:
            raise ConversionFailed(
                "LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)"
            )
        with self._lock, tempfile.TemporaryDirectory(prefix="vanban-office-") as tmp:
            folder = Path(tmp)
            source = folder / f"input{suffix}"
            source.write_bytes(data)
            profile = folder / "profile"
            command = [
                exe,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--nologo",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(folder / "out"),
                str(source),
            ]
            _run(command, self.timeout, {**os.environ, "HOME": str(folder)}, self.registry)
            out = folder / "out" / "input.docx"
            if not out.exists():
                raise ConversionFailed("LibreOffice wrote no DOCX (the file may be damaged or protected)")
            return out.read_bytes()


def _run(
    command: list[str],
    timeout: float,
    env: dict[str, str] | None = None,
    registry: ToolRegistry | None = None,
) -> bytes:
    """Run a converter in its own process group, killed whole when it runs over time (or,
    through ``registry``, when the process that started it is gone)."""
    try:
        proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
            preexec_fn=die_with_parent(),
        )
    except OSError as e:
        raise ConversionFailed(f"{Path(command[0]).name} does not run: {e}") from e
    noted = registry.running(proc.pid) if registry is not None else contextlib.nullcontext()
    with noted:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as e:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ConversionFailed(f"{Path(command[0]).name} took more than {timeout:.0f} s") from e
        finally:
            if proc.returncode is None or proc.returncode < 0:
                with contextlib.suppress(OSError):  # what the converter started, too
                    os.killpg(proc.pid, signal.SIGKILL)
    if proc.returncode != 0:
        why = err.decode(errors="replace").strip().splitlines()
        raise ConversionFailed(
            f"{Path(command[0]).name} failed: {why[-1] if why else f'exit {proc.returncode}'}"
        )
    return out


# catdoc's map of special characters without its line for U+00AD: a soft hyphen
# is kept, for in a .VnTime font that byte is ư (the normalizer drops the others).
CATDOC_SPECCHARS = '001C "\\t"\n001E "\\n"\n'


def _antiword(exe: str, source: Path, timeout: float, registry: ToolRegistry | None) -> bytes:
    return _run([exe, "-m", "UTF-8.txt", "-w", "0", str(source)], timeout, None, registry)


def _catdoc(exe: str, source: Path, timeout: float, registry: ToolRegistry | None) -> bytes:
    home = source.parent / "catdoc"
    (home / "map").mkdir(parents=True, exist_ok=True)
    (home / "map" / "ascii.specchars").write_text(CATDOC_SPECCHARS, encoding="ascii")
    (home / "map" / "ascii.replchars").write_text("", encoding="ascii")
    (home / ".catdocrc").write_text(f"map_path={home / 'map'}\n", encoding="ascii")
    env = {**os.environ, "HOME": str(home)}
    return _run([exe, "-d", "utf-8", "-w", str(source)], timeout, env, registry)


TEXT_TOOLS = {"antiword": _antiword, "catdoc": _catdoc}  # in the order they are tried


def plain_text(
    data: bytes,
    timeout: float = 60.0,
    tools: tuple[str, ...] = tuple(TEXT_TOOLS),
    registry: ToolRegistry | None = None,
) -> tuple[str, str]:
    """(text, which tool read it) of a Word 97-2003 file: antiword (tables kept as
    rows), then catdoc (keeps the soft hyphen that TCVN3's ư is)."""
    reasons = []
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as tmp:
        source = Path(tmp) / "input.doc"
        source.write_bytes(data)
        for tool in tools:
            exe = shutil.which(tool)
            if exe is None:
                reasons.append(f"{tool} is not installed")
                continue
            try:
                text = TEXT_TOOLS[tool](exe, source, timeout, registry).decode("utf-8", errors="replace")
            except ConversionFailed as e:
                reasons.append(str(e))
                continue
            if text.strip():
                return text, tool
            reasons.append(f"{tool} found no text")
    raise ConversionFailed("; ".join(reasons))
