"""The lesson's five replay requests, and seeded variant data for function exercises.

Variant data is what makes a hard-coded answer fail: the grader calls the learner's function on
inputs drawn from a seed (a fresh one at every Check in the browser, the instructor's ``--seed``
offline). NumPy's PCG64 generator gives the same numbers in CPython and in Pyodide.
"""

from __future__ import annotations

import numpy as np

X_VALUES = (1.0, 2.0, 3.0, 4.0, 5.0)
Y_VALUES = (118.0, 141.0, 162.0, 181.0, 198.0)

DATA_CODE = """\
import numpy as np

x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
y = np.array([118.0, 141.0, 162.0, 181.0, 198.0])
"""


def lesson_x() -> np.ndarray:
    """Return the feature: evidence length in hundreds of tokens."""
    return np.array(X_VALUES)


def lesson_y() -> np.ndarray:
    """Return the target: decision latency in milliseconds."""
    return np.array(Y_VALUES)


def lesson_design() -> np.ndarray:
    """Return the 5 x 2 design matrix: a column of ones, then x."""
    x = lesson_x()
    return np.c_[np.ones_like(x), x]


def rng_for(seed: int, salt: int) -> np.random.Generator:
    """Return a generator for one exercise, so exercises sharing a seed get unrelated data."""
    return np.random.default_rng([int(seed) % 2**63, salt])


def variant_regression(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Draw a small regression problem: X with an intercept column, and a noisy target.

    Returns:
        ``(X, y)`` with 6 to 10 rows and 2 or 3 columns, values rounded to one decimal.

    """
    rows = int(rng.integers(6, 11))
    features = int(rng.integers(1, 3))
    inputs = np.round(rng.uniform(0.5, 6.0, size=(rows, features)), 1)
    X = np.c_[np.ones(rows), inputs]
    weights = np.r_[rng.uniform(40.0, 160.0), rng.uniform(-25.0, 25.0, size=features)]
    y = np.round(X @ weights + rng.normal(0.0, 4.0, size=rows), 1)
    return X, y


def stable_rate(X: np.ndarray, fraction: float) -> float:
    """Return ``fraction`` of the largest step size gradient descent on MSE tolerates."""
    curvature = float(np.linalg.eigvalsh((2.0 / len(X)) * X.T @ X).max())
    return float(f"{fraction * 2.0 / curvature:.3g}")
