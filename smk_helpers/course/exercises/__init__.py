"""The exercises of every lesson, one module per lesson (``lesson04.py`` holds "04.1", "04.2", ...).

Each module registers its checks with :func:`smk_helpers.course.grading.exercise`; importing this package
imports them all, so :func:`smk_helpers.course.grading.check` finds every exercise.
"""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
