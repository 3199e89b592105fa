"""grader.cli at its edges: the progress bar's drawing, and what each command prints."""

from __future__ import annotations

import io

from grader.cli import ProgressBar


class Terminal(io.StringIO):
    """A stream that says it is a terminal, and counts its flushes."""

    flushes = 0

    def isatty(self) -> bool:
        return True

    def flush(self) -> None:
        self.flushes += 1


def test_the_bar_is_thirty_wide_rounds_to_the_nearest_cell_and_ends_its_line() -> None:
    stream = Terminal()
    bar = ProgressBar(stream)  # a terminal: on by default
    for done in range(4):
        bar(done, 3)
    assert stream.getvalue() == (
        "\rgrading [" + "-" * 30 + "] 0/3"
        "\rgrading [" + "#" * 10 + "-" * 20 + "] 1/3"
        "\rgrading [" + "#" * 20 + "-" * 10 + "] 2/3"
        "\rgrading [" + "#" * 30 + "] 3/3\n"
    )
    assert stream.flushes == 4


def test_the_bar_rounds_half_way_cells_and_draws_nothing_for_no_work() -> None:
    stream = Terminal()
    ProgressBar(stream, width=4)(2, 3)  # 2.67 cells: 3
    ProgressBar(stream, width=4)(1, 3)  # 1.33 cells: 1
    ProgressBar(stream, width=4)(0, 0)
    assert stream.getvalue() == "\rgrading [###-] 2/3\rgrading [#---] 1/3"


def test_a_terminal_can_turn_the_bar_off_and_a_pipe_can_turn_it_on() -> None:
    terminal, pipe = Terminal(), io.StringIO()
    ProgressBar(terminal, enabled=False)(1, 1)
    ProgressBar(pipe, enabled=True, width=2)(1, 1)
    ProgressBar(pipe)(1, 1)  # not a terminal, not asked: silent
    assert (terminal.getvalue(), pipe.getvalue()) == ("", "\rgrading [##] 1/1\n")
