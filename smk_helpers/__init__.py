"""smk: helpers for the Sales-vs-Marketing course and workbook.

Importing this package loads pandas only; plotting (matplotlib) and reports (papermill)
load when first used.
"""

from .data import Business, BusinessDataError, bookhub_path, load_bookhub, load_business

__version__ = "0.1.0"
__all__ = ["Business", "BusinessDataError", "bookhub_path", "load_bookhub", "load_business", "__version__"]
