"""Every limit smk sets on what users give it and on what it leaves behind, in one place.

A limit is a promise to the user: a small file never takes minutes or gigabytes, and a broken
one ends in one sentence. The README lists these values; a test reads them from here.
"""

# Staged output (smk_helpers.staging)
STALE_STAGING_SECONDS = 3600  # a staging folder this old whose process has ended is swept by the next run
