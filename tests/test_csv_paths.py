"""The fast CSV path (Arrow's CSV reader) gives exactly the cells and row numbers of the careful one."""

import pytest

from smk_helpers.errors import UnreadableFile
from smk_helpers.system.userfiles import frame_csv, split_csv

TEXTS = {
    "plain": "id,name,total\n1,Ann,3.50\n2,Bo,4\n",
    "no final line end": "id,name\n1,Ann\n2,Bo",
    "windows line ends": "id,name\r\n1,Ann\r\n2,Bo\r\n",
    "spaces around cells": "id , name\n 1, Ann \n2 ,\tBo\n",
    "unicode spaces": "id,name\n1,\u00a0Ann\u2003\n2,Bo\u3000\n",
    "accents next to separators": "id,name\n1,Andr\u00e9\n\u00c9mile,2\n",
    "blank rows and separator-only rows": "id,name\n1,Ann\n\n,\n  ,  \n\u00a0,\n2,Bo\n\n",
    "short rows": "id,name,note\n1,Ann\n2\n",
    "extra empty cells": "id,name\n1,Ann,,\n2,Bo\n",
    "semicolons": "id;total\n1;3,50\n2;4\n",
    "tabs": "id\tname\n1\t Ann \n2\tBo\n",
    "quotes": 'id,name\n1,"Ann, Bo"\n2,"x\ny"\n',
    "blank lines above the header": "\n\nid,name\n1,Ann\n",
    "header only": "id,name\n",
    "separator-only rows, no spaces": "id,name,x\n1,Ann,3\n,,\n,\n2,Bo,4\n",
}


CAREFUL_ONLY = {
    "extra empty cells",
    "short rows",
    "separator-only rows, no spaces",
    "quotes",
    "blank lines above the header",
}  # Arrow reads full rows only


@pytest.mark.parametrize("case", TEXTS)
def test_both_paths_give_the_same_cells_and_rows(case):
    text = TEXTS[case]
    careful = split_csv(text, "t.csv")
    fast = frame_csv(text, "t.csv")
    if careful.rows:
        assert (fast.rows == []) == (case not in CAREFUL_ONLY), "the path taken"
    assert fast.header == careful.header
    assert fast.frame.values.tolist() == careful.rows
    assert fast.row_numbers.tolist() == careful.row_numbers
    assert fast.separator == careful.separator


@pytest.mark.parametrize(
    "text", ["id,name\n1,Ann,extra\n", 'id,name\n1,"open\n2,x\n'], ids=["a row wider than the header", "open quote"]
)
def test_both_paths_refuse_with_the_same_sentence(text):
    with pytest.raises(UnreadableFile) as careful:
        split_csv(text, "t.csv")
    with pytest.raises(UnreadableFile) as fast:
        frame_csv(text, "t.csv")
    assert str(fast.value) == str(careful.value)
