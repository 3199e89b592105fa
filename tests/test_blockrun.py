"""The block runner shared by the build and the browser worker."""

from __future__ import annotations

import base64

import pytest

from site_src.blockrun import new_namespace, run_block


def test_run_block_captures_printed_output() -> None:
    result = run_block("import numpy as np\nprint('mean', np.mean([1.0, 2.0, 3.0]))\n")
    assert result["status"] == "ok"
    assert result["stdout"] == "mean 2.0\n"
    assert result["error"] == ""


def test_a_traceback_names_only_the_learners_lines() -> None:
    result = run_block("values = [1, 2]\n\nvalues[5]\n")
    assert result["status"] == "error"
    assert "Line 3" in result["error"]
    assert "IndexError: list index out of range" in result["error"]
    assert "blockrun" not in result["error"]


def test_a_syntax_error_is_reported_with_its_line() -> None:
    result = run_block("print('fine')\nif True print('no colon')\n")
    assert result["status"] == "error"
    assert "SyntaxError" in result["error"]
    assert "line 2" in result["error"]


def test_output_beyond_the_limit_stops_the_block_even_through_except_exception() -> None:
    code = "while True:\n    try:\n        print('x' * 50)\n    except Exception:\n        pass\n"
    result = run_block(code, output_limit=1_000)
    assert result["status"] == "output-limit"
    assert len(result["stdout"]) <= 1_000
    assert "Output stopped" in result["error"]


@pytest.mark.parametrize(
    ("call", "shown"), [("exit(2)", "code 2"), ("raise SystemExit", "code None")]
)
def test_exiting_is_reported_and_the_rest_is_skipped(call: str, shown: str) -> None:
    result = run_block(f"print('before')\n{call}\nprint('after')\n")
    assert result["status"] == "exit"
    assert result["stdout"] == "before\n"
    assert shown in result["error"]


def test_blocks_run_in_fresh_namespaces_unless_they_share_one() -> None:
    run_block("secret = 42\n")
    assert "NameError" in run_block("print(secret)\n")["error"]
    shared = new_namespace()
    run_block("secret = 42\n", shared)
    assert run_block("print(secret)\n", shared)["stdout"] == "42\n"


def test_an_open_matplotlib_figure_is_returned_as_svg_with_a_description() -> None:
    code = (
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2], [3, 4])\n"
        "ax.scatter([1], [3])\nax.set_title('Loss by step')\nax.set_ylabel('loss')\n"
    )
    result = run_block(code)
    assert result["status"] == "ok"
    assert len(result["figures"]) == 1
    figure = result["figures"][0]
    prefix = "data:image/svg+xml;base64,"
    assert figure["src"].startswith(prefix)
    assert base64.b64decode(figure["src"][len(prefix):]).lstrip().startswith(b"<?xml")
    assert figure["alt"] == "Loss by step; y axis: loss; showing 1 line, 1 set of points or areas."
    assert 300 < figure["width"] < 1000
    assert 200 < figure["height"] < 1000
    assert run_block("print('no figure')\n")["figures"] == []


def test_the_same_figure_gives_the_same_svg_twice() -> None:
    code = "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2], [3, 4])\n"
    assert run_block(code)["figures"] == run_block(code)["figures"]
