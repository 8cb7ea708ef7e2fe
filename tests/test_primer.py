"""Every pandas move a lesson's solutions and fill-in cells use is taught in lesson 00's primer (issue 15).

A student without Python learns pandas in lesson 00's "Pandas in five moves". An exercise whose solution
needs a move the primer never shows leaves that student copying code they cannot read. So this test reads
the code of every solution cell and every ``%%fill_in`` cell with `ast`, lists the pandas constructs it
uses, and asserts that the primer's own code cells use each of them too.

A construct is named as a student would look it up:

- a method or property of a pandas table, column or group: ``.groupby``, ``.sum``, ``.loc``, ``.idxmax``;
- a member of a column's accessor: ``.dt.year``, ``.str.contains``;
- a function of pandas itself: ``pd.to_datetime``;
- a subscript: ``x["name"]`` (a column, or one value by its label), ``x[condition]`` (the rows that meet
  a condition), ``x[["a", "b"]]`` (several columns), ``x[0]`` (by position), ``x[a:b]`` (a slice), and
  ``x["name"] = ...`` (a new column);
- conditions joined: ``condition & condition``, ``condition | condition``, ``~condition``.

What is not pandas is left out: the attributes of smk's own modules and of any imported module
(``kpis.summary``, ``approaches.AD``, ``math.isnan``), the tables of a loaded business (``hub.orders``),
methods of a literal (``", ".join``), and ``.name``, which nearly every Python object has.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

import pandas as pd
import pytest

from conftest import REPO
from helpers import code_cells, markdown_cells, read_notebook, source, tags

PRIMER_LESSON = REPO / "notebooks" / "00_start_here.ipynb"
PRIMER_HEADING = "## Pandas in five moves"
LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHECK_CALL = re.compile(r"""check\(\s*["'](\d\d\.\d+)["']""")

COLUMN = 'x["name"]'
ROWS = "x[condition]"
COLUMNS = 'x[["a", "b"]]'
POSITION = "x[0]"
SLICE = "x[a:b]"
NEW_COLUMN = 'x["name"] = ...'
AND, OR, NOT = "condition & condition", "condition | condition", "~condition"

# What the issue asks the primer to teach; the primer may teach more, never less.
REQUIRED = {
    COLUMN,
    ROWS,
    AND,
    ".isin",
    ".dt.year",
    ".dt.month",
    ".groupby",
    ".sum",
    ".mean",
    ".sort_values",
    ".value_counts",
    ".loc",
    ".idxmax",
    ".head",
}


def _public(cls) -> set[str]:
    return {name for name in dir(cls) if not name.startswith("_")}


_TABLES = (pd.DataFrame, pd.Series, pd.api.typing.DataFrameGroupBy, pd.api.typing.SeriesGroupBy)
ACCESSORS = {"dt", "str", "cat"}
# A table's methods, and the properties that are a move of their own; `.name` is left out on purpose.
PANDAS = {name for cls in _TABLES for name in _public(cls) if callable(getattr(cls, name, None))} | {
    "loc",
    "iloc",
    "at",
    "iat",
    "index",
    "columns",
    "values",
    "shape",
    "size",
    "empty",
    "T",
    "dtypes",
    "array",
}
PANDAS -= ACCESSORS
# Calls that give one True or False per row, so that `x[call(...)]` keeps rows rather than looking one up.
CONDITION_CALLS = {
    "isin",
    "isna",
    "notna",
    "isnull",
    "notnull",
    "between",
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
    "duplicated",
    "contains",
    "startswith",
    "endswith",
    "in_period",
    "months_in_period",
}


def parse(code: str) -> ast.Module:
    """``code`` as a syntax tree, without its IPython magics (``%%fill_in``); a blank ``___`` is a name."""
    lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
    return ast.parse("\n".join(lines))


@dataclass
class Names:
    """What the code of a lesson binds: modules (``kpis``, ``pd``), loaded businesses (``hub``), conditions."""

    modules: set[str] = field(default_factory=set)
    pandas: set[str] = field(default_factory=set)
    businesses: set[str] = field(default_factory=set)
    conditions: set[str] = field(default_factory=set)


def _called(node) -> str:
    func = node.func if isinstance(node, ast.Call) else None
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def is_condition(node, names: Names) -> bool:
    """Whether ``node`` gives one True or False per row: a comparison, conditions joined, or such a call."""
    if isinstance(node, ast.Compare):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
        return is_condition(node.left, names) or is_condition(node.right, names)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
        return True
    if isinstance(node, ast.Call):
        return _called(node) in CONDITION_CALLS
    return isinstance(node, ast.Name) and node.id in names.conditions


def names_in(codes) -> Names:
    """The `Names` that the cells ``codes`` bind (cells that do not parse are skipped)."""
    names = Names()
    trees = []
    for code in codes:
        try:
            trees.append(parse(code))
        except SyntaxError:
            continue
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    names.modules.add(bound)
                    if isinstance(node, ast.Import) and alias.name == "pandas":
                        names.pandas.add(bound)
            elif isinstance(node, ast.Assign) and _called(node.value).startswith("load_"):
                names.businesses |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    while True:  # a condition may be made of other conditions, in any cell
        found = {
            t.id
            for tree in trees
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and is_condition(node.value, names)
            for t in node.targets
            if isinstance(t, ast.Name)
        }
        if found <= names.conditions:
            return names
        names.conditions |= found


def _dotted_root(node) -> str | None:
    """``kpis`` for ``kpis.ONE_TO_ONE`` or ``kpis``; None when the chain has a call or a subscript in it."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _subscript(node: ast.Subscript, names: Names) -> str | None:
    value, key = node.value, node.slice
    if isinstance(value, ast.Attribute) and value.attr in {"loc", "iloc", "at", "iat"}:
        return None  # the indexer is the construct
    if _dotted_root(value) in names.modules or isinstance(value, (ast.Constant, ast.JoinedStr, ast.List, ast.Dict)):
        return None  # a module's constant (a dict of the course) or a literal, not a table
    if isinstance(key, ast.Slice):
        return SLICE
    if isinstance(key, ast.List):
        return COLUMNS
    if isinstance(key, ast.Constant) and isinstance(key.value, int) and not isinstance(key.value, bool):
        return POSITION
    if isinstance(key, ast.UnaryOp) and isinstance(key.operand, ast.Constant):
        return POSITION  # x[-1]
    if is_condition(key, names):
        return ROWS
    return NEW_COLUMN if isinstance(node.ctx, ast.Store) else COLUMN


def _attribute(node: ast.Attribute, names: Names) -> str | None:
    value = node.value
    if node.attr in ACCESSORS or isinstance(node.ctx, ast.Store):
        return None  # an accessor is named with its member, `.dt.year`
    if isinstance(value, ast.Attribute) and value.attr in ACCESSORS and _dotted_root(value) not in names.modules:
        return f".{value.attr}.{node.attr}"
    root = _dotted_root(value)
    if root in names.modules:
        return f"{root}.{node.attr}" if isinstance(value, ast.Name) and root in names.pandas else None
    if isinstance(value, ast.Name) and value.id in names.businesses:
        return None  # a business's tables and name: hub.orders
    if isinstance(value, (ast.Constant, ast.JoinedStr)):
        return None  # ", ".join(...)
    return f".{node.attr}" if node.attr in PANDAS else None


def constructs(code: str, names: Names | None = None) -> dict[str, str]:
    """The pandas constructs ``code`` uses, each with the first piece of code that shows it.

    ``names`` says what the lesson's cells bind (`names_in`); by default, what ``code`` itself binds.
    """
    names = names or names_in([code])
    tree = parse(code)
    text = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        construct = None
        if isinstance(node, ast.Subscript):
            construct = _subscript(node, names)
        elif isinstance(node, ast.Attribute):
            construct = _attribute(node, names)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
            if is_condition(node, names):
                construct = AND if isinstance(node.op, ast.BitAnd) else OR
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
            construct = NOT
        if construct and construct not in found:
            found[construct] = ast.get_source_segment(text, node) or construct
    return found


# ---------------------------------------------------------------------------------------------
# The lessons


def primer_cells(nb) -> list[str]:
    """The code of the primer: the code cells under its heading, up to the next ``##`` heading."""
    cells, inside = [], False
    for cell in nb.cells:
        if cell.cell_type == "markdown" and re.search(r"^## ", source(cell), re.M):
            inside = source(cell).lstrip().startswith(PRIMER_HEADING)
        elif inside and cell.cell_type == "code" and "solution" not in tags(cell):
            cells.append(source(cell))
    return cells


def taught() -> dict[str, str]:
    nb = read_notebook(PRIMER_LESSON)
    names = names_in(source(c) for c in code_cells(nb))
    found: dict[str, str] = {}
    for code in primer_cells(nb):
        for construct, shown in constructs(code, names).items():
            found.setdefault(construct, shown)
    return found


def exercise_code(nb):
    """``(where, code)`` for every solution cell and every ``%%fill_in`` cell of a lesson."""
    for n, cell in enumerate(code_cells(nb), start=1):
        code = source(cell)
        if "solution" in tags(cell) or code.startswith("%%fill_in"):
            exercise = CHECK_CALL.search(code)
            kind = "solution" if "solution" in tags(cell) else "fill-in cell"
            yield (f"exercise {exercise.group(1)}'s {kind}" if exercise else f"code cell {n} ({kind})"), code


def untaught(lesson: str, nb, known: dict[str, str]) -> list[str]:
    """One sentence per construct the exercises of ``nb`` use that ``known`` (the primer's) lacks."""
    names = names_in(source(c) for c in code_cells(nb))
    return [
        f"{construct} ({shown}) in lesson {lesson}, {where}"
        for where, code in exercise_code(nb)
        for construct, shown in constructs(code, names).items()
        if construct not in known
    ]


def test_the_primer_teaches_the_moves_the_issue_names():
    known = taught()
    assert REQUIRED <= set(known), f"lesson 00's primer does not show {sorted(REQUIRED - set(known))}"
    primer = "\n".join(primer_cells(read_notebook(PRIMER_LESSON)))
    assert "kpis.ratio_of_sums(" in primer and "kpis.safe_divide(" in primer, "the course's way to divide"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_every_pandas_construct_of_the_exercises_is_taught_in_the_primer(path):
    missing = untaught(path.name[:2], read_notebook(path), taught())
    assert not missing, "not taught in lesson 00's pandas primer:\n" + "\n".join(missing)


# ---------------------------------------------------------------------------------------------
# The extractor itself, on code strings

SETUP = "from smk_helpers import kpis, load_bookhub\nimport pandas as pd\nhub = load_bookhub()\n"


def found_in(code: str) -> set[str]:
    return set(constructs(code, names_in([SETUP, code])))


def test_it_finds_columns_conditions_groups_and_methods():
    code = (
        'web = hub.orders[hub.orders["channel"] == "website"]\n'
        'answer = web.groupby("channel")["revenue"].sum().sort_values().idxmax()'
    )
    assert found_in(code) == {COLUMN, ROWS, ".groupby", ".sum", ".sort_values", ".idxmax"}


def test_it_names_accessors_joined_conditions_and_conditions_kept_in_a_name():
    code = (
        'dates = orders["order_date"]\n'
        "late = (dates.dt.year == 2025) & dates.dt.month.isin([11, 12])\n"
        "orders[late]\n"
        'orders[~orders["customer_id"].isna() | kpis.in_period(dates, "2025-01-01", "2025-12-31")]'
    )
    assert found_in(code) == {COLUMN, ".dt.year", ".dt.month", ".isin", AND, ROWS, NOT, ".isna", OR}


def test_it_leaves_out_smk_modules_businesses_literals_and_names():
    code = (
        "table = kpis.one_to_many_vs_one_to_one(hub.campaigns, hub.interactions, hub.orders)\n"
        'answer = table.loc[kpis.ONE_TO_ONE, "cost_per_order"]\n'
        'label = ", ".join(kpis.CATALOG.keys()) + hub.name + result.stage.name\n'
        'kpis.LEVELS["high"]'
    )
    assert found_in(code) == {".loc"}


def test_it_names_pandas_functions_positions_slices_and_new_columns():
    code = (
        'pd.to_datetime(x)\ncounts["site visits":"purchase"]\ntable.index[0]\n'
        'table["margin"] = 1\ntable[["a", "b"]]\ntable.iloc[-1]'
    )
    assert found_in(code) == {"pd.to_datetime", SLICE, ".index", POSITION, NEW_COLUMN, COLUMNS, ".iloc"}


def test_a_fill_in_cell_with_blanks_is_read():
    code = '%%fill_in\nrows = hub.orders[hub.orders["channel"].isin([___, ___])]\nanswer = rows[___].sum()'
    assert found_in(code) == {ROWS, ".isin", COLUMN, ".sum"}


def test_a_solution_with_a_move_the_primer_lacks_is_named_with_its_lesson_and_exercise():
    import nbformat

    solution = nbformat.v4.new_code_cell(
        '# Solution\nwide = hub.orders.pivot_table(index="channel", values="revenue")\n'
        'answer = wide["revenue"].sum()\ncheck("99.1", answer, folded=True)',
        metadata={"tags": ["solution"]},
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SETUP), solution])
    missing = untaught("99", nb, taught())
    assert missing == [".pivot_table (hub.orders.pivot_table) in lesson 99, exercise 99.1's solution"], missing


def test_the_primer_section_ends_at_the_next_heading():
    nb = read_notebook(PRIMER_LESSON)
    headings = [source(c) for c in markdown_cells(nb) if source(c).lstrip().startswith(PRIMER_HEADING)]
    assert len(headings) == 1, "lesson 00 has one primer section"
    cells = primer_cells(nb)
    assert cells and not any(CHECK_CALL.search(code) for code in cells), "the primer teaches; its exercises follow"
