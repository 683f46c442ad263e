#!/usr/bin/env python3
"""Writes the pypa/packaging reference data the Java packaging core is tested against.

Run once with pypa/packaging installed (26.2 was used); the output is committed, so the tests need no Python:

    PIP_CONFIG_FILE=/dev/null python3 scripts/generate-packaging-reference.py

Outputs, under service/src/test/resources/packaging/:
  reference-tags.txt.gz        "target <python> <os> <arch> <glibc|macos|->" then every supported tag in order
  reference-specifiers.txt.gz  "version <v>" lines in ascending order (stable sort of the generated list), then
                               "specifier <spec> <names prerelease> <0/1 per version, pre-releases allowed>"
"""
import gzip
import pathlib
import random
import sysconfig

import packaging
from packaging import _manylinux, tags
from packaging.specifiers import InvalidSpecifier, Specifier
from packaging.version import Version

OUT = pathlib.Path(__file__).resolve().parent.parent / "service/src/test/resources/packaging"

TARGETS = [
    ("cp312", "linux", "x86_64", "2.28"), ("cp39", "linux", "aarch64", "2.17"), ("cp313", "linux", "x86_64", "2.5"),
    ("cp312", "linux", "s390x", "2.35"), ("cp311", "linux", "ppc64le", "2.31"), ("cp315", "linux", "x86_64", "2.41"),
    ("cp313t", "linux", "x86_64", "2.28"), ("cp314t", "linux", "aarch64", "2.39"),
    ("cp312", "macos", "aarch64", "14.0"), ("cp312", "macos", "aarch64", "11.0"), ("cp310", "macos", "aarch64", "26.1"),
    ("cp311", "macos", "x86_64", "10.15"), ("cp310", "macos", "x86_64", "13.2"), ("cp314t", "macos", "aarch64", "15.3"),
    ("cp314", "windows", "x86_64", "-"), ("cp312", "windows", "aarch64", "-"), ("cp313t", "windows", "x86_64", "-"),
    # older CPython: 3.8 (no ABI suffix) and before it the pymalloc "m" ABI (cp37m), down to 3.3
    ("cp38", "linux", "x86_64", "2.31"), ("cp38", "windows", "x86_64", "-"), ("cp37", "linux", "x86_64", "2.17"),
    ("cp37", "macos", "x86_64", "10.15"), ("cp36", "windows", "x86_64", "-"), ("cp33", "linux", "aarch64", "2.17"),
]


def platforms(os_name, arch, version):
    if os_name == "linux":
        major, minor = map(int, version.split("."))
        # Pretend to run on a glibc of that version instead of asking this machine.
        _manylinux._get_glibc_version = lambda: (major, minor)
        _manylinux._have_compatible_abi = lambda executable, archs: True
        _manylinux._is_compatible = lambda arch_, glibc: glibc <= _manylinux._GLibCVersion(major, minor)
        return list(_manylinux.platform_tags([arch])) + ["linux_" + arch]
    if os_name == "macos":
        mac = tuple(map(int, version.split(".")))
        return list(tags.mac_platforms(version=mac, arch="arm64" if arch == "aarch64" else "x86_64"))
    return ["win_arm64" if arch == "aarch64" else "win_amd64"]


def abis(python, minor):
    if python.endswith("t"):
        return [python]
    # packaging's own ABI for that version (cp37m before 3.8), as a release build reports it; on a debug build
    # of Python it would add "d", so refuse to run there.
    assert not sysconfig.get_config_var("Py_DEBUG"), "run this with a release (non-debug) build of Python"
    return list(tags._cpython_abis((3, minor)))


def supported(python, os_name, arch, version):
    minor = int(python[3:].rstrip("t"))
    plats = platforms(os_name, arch, version)
    generated = list(tags.cpython_tags(python_version=(3, minor), abis=abis(python, minor), platforms=plats))
    # packaging 26 also yields PEP 803 "abi3t" tags for free-threaded builds; torchplan follows pip's
    # current behaviour (only the cp3Yt ABI and none), so those are left out of the reference.
    generated = [tag for tag in generated if tag.abi != "abi3t"]
    generated += tags.compatible_tags(python_version=(3, minor), interpreter=f"cp3{minor}", platforms=plats)
    seen, ordered = set(), []
    for tag in generated:
        if tag not in seen:
            seen.add(tag)
            ordered.append(str(tag))
    return ordered


def random_version(rng):
    text = f"{rng.randint(0, 2)}!" if rng.random() < 0.1 else ""
    text += ".".join(str(rng.choice([0, 0, 1, 2, 5, 10])) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.3:
        text += rng.choice(["a", "b", "rc", "alpha", "c", "pre"]) + rng.choice(["", "0", "1", "2"])
    if rng.random() < 0.3:
        text += rng.choice([".post", "-", "post", ".post"]) + rng.choice(["1", "2", "0"])
    if rng.random() < 0.3:
        text += rng.choice([".dev", "dev"]) + rng.choice(["", "1", "3"])
    if rng.random() < 0.3:
        text += "+" + ".".join(rng.choice(["cu124", "cu118", "1", "01", "abc", "a1", "10", "rocm6", "2"])
                               for _ in range(rng.randint(1, 3)))
    return text


def main():
    with gzip.open(OUT / "reference-tags.txt.gz", "wt", encoding="utf-8") as out:
        out.write(f"# pypa/packaging {packaging.__version__}\n")
        for target in TARGETS:
            out.write("target " + " ".join(target) + "\n")
            out.writelines(tag + "\n" for tag in supported(*target))

    rng = random.Random(440)
    versions = sorted({random_version(rng) for _ in range(600)})
    specifiers = []
    for _ in range(600):
        operator = rng.choice(["==", "!=", "<", "<=", ">", ">=", "~="])
        version = random_version(rng)
        if operator == "~=":
            # packaging reads '~=1.0c1' with 'c1' as a release segment (it splits the text before normalizing);
            # PEP 440 normalizes first, as torchplan does, so ~= is generated in normalized spelling only.
            version = str(Version(version))
        if operator in ("==", "!=") and rng.random() < 0.3:
            version = ".".join(str(rng.choice([0, 1, 2, 5])) for _ in range(rng.randint(1, 3))) + ".*"
        specifiers.append(operator + version)
    with gzip.open(OUT / "reference-specifiers.txt.gz", "wt", encoding="utf-8") as out:
        out.write(f"# pypa/packaging {packaging.__version__}\n")
        parsed = [Version(v) for v in versions]
        order = sorted(range(len(versions)), key=lambda i: parsed[i])
        out.writelines(f"version {versions[i]}\n" for i in order)
        parsed = [parsed[i] for i in order]
        for text in specifiers:
            try:
                specifier = Specifier(text)
            except InvalidSpecifier:
                out.write(f"invalid {text}\n")
                continue
            matches = "".join("1" if specifier.contains(v, prereleases=True) else "0" for v in parsed)
            out.write(f"specifier {text} {str(bool(specifier.prereleases)).lower()} {matches}\n")


if __name__ == "__main__":
    main()
