"""Running the pager, as git does; only a table taller than the terminal comes here (`Environment.page`)."""

from __future__ import annotations

import os
import subprocess
from typing import IO


def page(text: str, command: str, out: IO[str]) -> None:
    """Show text through the pager command (run by the shell, as git runs $PAGER); a pager that cannot be
    started or found leaves the text printed as if there were none."""
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git: quit when it fits, keep colours, leave the screen as it was
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env, encoding="utf-8")
    except OSError:
        out.write(text)
        return
    try:
        process.communicate(text)
    except (BrokenPipeError, KeyboardInterrupt):
        process.wait()  # the reader quit the pager early
    if process.returncode in (126, 127):  # the shell found no pager, or one it cannot run (a folder)
        out.write(text)
