"""Builds the C walk over libyaml's events (auditor/inventory/_libyaml_values.c) into the
package, for wheels and editable installs alike.

It is an accelerator, as PyYAML's own libyaml binding is: where there is no C compiler or no
libyaml headers (Debian's libyaml-dev), or AUDITOR_PURE_PYTHON=1 is set, the install goes on
without it and the loader walks the same events in Python, three times slower on a 10 MB
inventory, with the same results.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = "auditor/inventory/_libyaml_values.c"
MODULE = "auditor.inventory._libyaml_values"


class NativeWalkHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or os.environ.get("AUDITOR_PURE_PYTHON") == "1":
            return
        try:
            built = build_in_place(Path(self.root))
        except Exception as error:  # any failure to build means "go without"
            self.app.display_warning(
                f"auditor: the C walk over libyaml's events was not built ({error}); "
                "inventories load with the slower Python walk"
            )
            return
        build_data["artifacts"].append(built.relative_to(self.root).as_posix())
        build_data["pure_python"] = False
        build_data["infer_tag"] = True


def build_in_place(root: Path) -> Path:
    """Compiles the module beside its source, as ``setup.py build_ext --inplace`` would."""
    # Imported here: setuptools is this hook's own build dependency, not the package's.
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    extension = Extension(MODULE, [SOURCE], libraries=["yaml"])
    distribution = Distribution({"name": "auditor-native", "ext_modules": [extension]})
    command = build_ext(distribution)
    command.inplace = True
    command.build_temp = str(root / "build" / "native")
    command.build_lib = str(root / "build" / "native" / "lib")
    previous = Path.cwd()
    os.chdir(root)  # build_ext places an in-place module relative to the working folder
    try:
        command.ensure_finalized()
        command.run()
        return root / str(command.get_ext_filename(MODULE))
    finally:
        os.chdir(previous)
