"""smk: Sales vs Marketing helpers."""
