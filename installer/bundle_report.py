"""Facts about a built Linux bundle: size, files, the glibc it needs, the system libraries it uses.

Usage (from installer/build-linux and installer/smoke-test)::

    python installer/bundle_report.py installer/dist/juesuan            # key=value lines
    python installer/bundle_report.py installer/dist/juesuan --deb-depends

Reads the ELF files itself (no binutils needed): ``glibc`` is the highest GLIBC_x.y symbol version
that any bundled binary asks for, i.e. the oldest glibc the bundle runs on; ``external`` are the
shared libraries the bundle expects from the system (PyInstaller leaves out libc, libGL and a few
others on purpose). ``--deb-depends`` maps those to Debian packages with ``dpkg -S``.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

SHT_DYNAMIC = 6
SHT_GNU_VERNEED = 0x6FFFFFFE
DT_NEEDED = 1
LOADER = re.compile(r"^ld-linux.*\.so\.\d+$")


def elf_needs(path: Path) -> tuple[set[str], set[str]]:
    """(DT_NEEDED names, required symbol versions) of a little-endian ELF64 file; empty if not one."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return set(), set()
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)
    ]

    def string(link: int, offset: int) -> str:
        start = sections[link][4] + offset
        return data[start : data.index(b"\0", start)].decode("ascii", "replace")

    needed: set[str] = set()
    versions: set[str] = set()
    for _name, kind, _flags, _addr, offset, size, link, info, _align, _entsize in sections:
        if kind == SHT_DYNAMIC:
            for pos in range(offset, offset + size, 16):
                tag, value = struct.unpack_from("<qQ", data, pos)
                if tag == DT_NEEDED:
                    needed.add(string(link, value))
        elif kind == SHT_GNU_VERNEED:
            pos = offset
            for _ in range(info):
                _version, count, _file, aux, following = struct.unpack_from("<HHIII", data, pos)
                apos = pos + aux
                for _ in range(count):
                    _hash, _vflags, _other, vname, anext = struct.unpack_from("<IHHII", data, apos)
                    versions.add(string(link, vname))
                    apos += anext
                pos += following
    return needed, versions


def report(bundle: Path) -> dict[str, str]:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    names = {p.name for p in bundle.rglob("*")}
    needed: set[str] = set()
    glibc = (0, 0)
    for path in files:
        try:
            libs, versions = elf_needs(path)
        except (OSError, struct.error, ValueError, IndexError):
            continue
        needed |= libs
        for v in versions:
            m = re.fullmatch(r"GLIBC_(\d+)\.(\d+)(?:\.\d+)?", v)
            if m:
                glibc = max(glibc, (int(m.group(1)), int(m.group(2))))
    external = sorted(n for n in needed - names if not LOADER.match(n))
    return {
        "size_bytes": str(sum(p.stat().st_size for p in files)),
        "files": str(len(files)),
        "glibc": f"{glibc[0]}.{glibc[1]}",
        "external": " ".join(external),
    }


def deb_depends(facts: dict[str, str]) -> str:
    """Debian packages of the external libraries on this machine, as a Depends: value."""
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    flag = {"x86_64": "x86-64", "aarch64": "AArch64"}.get(os.uname().machine, "")
    packages: set[str] = set()
    for lib in facts["external"].split():
        paths = re.findall(rf"^\s*{re.escape(lib)} \(([^)]*)\) => (\S+)$", cache, re.MULTILINE)
        chosen = [p for flags, p in paths if flag in flags] or [p for _flags, p in paths]
        for path in chosen[:1]:
            real = os.path.realpath(path)
            for candidate in (path, real, real.removeprefix("/usr")):
                found = subprocess.run(
                    ["dpkg", "-S", candidate], check=False, capture_output=True, text=True
                )
                if found.returncode == 0:
                    packages.add(found.stdout.split(":", 1)[0].strip())
                    break
    packages.discard("libc6")
    return ", ".join([f"libc6 (>= {facts['glibc']})", *sorted(packages)])


def main(argv: list[str]) -> int:
    if not argv or not Path(argv[0]).is_dir():
        print("usage: bundle_report.py BUNDLE_DIR [--deb-depends]", file=sys.stderr)  # noqa: T201
        return 2
    facts = report(Path(argv[0]))
    if argv[1:] == ["--deb-depends"]:
        print(deb_depends(facts))  # noqa: T201
    else:
        for key, value in facts.items():
            print(f"{key}={value}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
