"""Every limit smk sets on what users give it and on what it leaves behind, in one place.

A limit is a promise to the user: a small file never takes minutes or gigabytes, and a broken
one ends in one sentence. The README lists these values (a test checks that it does).
"""

# Business tables (smk_helpers.userfiles, smk_helpers.data)
MAX_TABLE_BYTES = 1024 ** 3  # a CSV file of a business folder (about 15 million orders)
MAX_COLUMNS = 1_000  # columns in a table's header
MAX_CELL_CHARS = 131_072  # characters in one CSV cell (Python's own default field limit)
MAX_XLSX_BYTES = 100 * 1024 ** 2  # an Excel workbook as stored
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 ** 2  # what a workbook may unpack to, all its parts together
MAX_XLSX_RATIO = 100  # how many times its packed size one part may unpack to (beyond its first MB)
MAX_XLSX_ENTRIES = 1_000  # parts (files) inside a workbook

# What the contract accepts as plausible (smk_helpers.data)
EARLIEST_DATE = "1900-01-01"  # dates before this are refused (check the year)
LATEST_DATE = "2099-12-31"  # dates after this are refused
MAX_NUMBER = 10 ** 12  # amounts and counts above a trillion are refused (a lost decimal separator?)
ISOLATED_ORDER_DAYS = 366  # a few orders this far from all the others get a warning (a typo in the year?)

# Other files from users
MAX_BATCH_FILE_BYTES = 1024 ** 2  # a batch file (YAML or CSV)
MAX_WORKSHEET_FILE_BYTES = 5 * 1024 ** 2  # a saved or exported worksheet (.json)

# Names and text typed by users
MAX_NAME_CHARS = 200  # a business name, a currency symbol or a funnel stage given as a report parameter
MAX_PATH_CHARS = 4096  # a folder or file given as a report parameter

# Staged output (smk_helpers.staging)
STALE_STAGING_SECONDS = 3600  # a staging folder this old whose process has ended is swept by the next run
