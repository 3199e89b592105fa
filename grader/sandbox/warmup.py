"""The warm-up job every sandbox template runs before it forks any child.

The first call of many NumPy paths initialises something lazily (LAPACK, array printing,
indexing helpers). Running this twice in the template pays for that once per template rather
than once per child. It is ordinary public code, nothing secret.
"""

from __future__ import annotations

from typing import Any

WARMUP: dict[str, Any] = {
    "code": """\
import numpy as np
x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
y = 3.0 * x + 1.0
X = np.c_[np.ones_like(x), x]
stacked = np.column_stack([np.ones(len(x)), x, 2 * x])
fit = np.linalg.lstsq(stacked, y, rcond=None)
w, residuals, rank, singular = np.linalg.lstsq(X, y, rcond=None)
gram = X.T @ X
try:
    np.linalg.solve(gram, X.T @ y)
except np.linalg.LinAlgError:
    pass
rank = int(np.linalg.matrix_rank(gram))
mse = float(np.mean((X @ w - y) ** 2)) + float(np.sum(x)) + float(np.linalg.inv(gram)[0, 0])
copy = y.copy()
copy[-1] = 0.0
print(w.round(2), round(mse, 2), x[:, None].shape, np.zeros(2), np.full_like(y, 1.0))
print([round(v, 1) for v in y], f"{mse:.2f}", np.round(y, 1), y.astype(int), len(X))


def step(X, y, lr):
    error = X @ np.zeros(X.shape[1]) - y
    return (2 / len(X)) * X.T @ error * lr, [float(np.mean(error ** 2))]
""",
    "names": ["w", "rank", "mse", "X", "step", "missing"],
    "calls": [{"key": "step", "function": "step", "args": [
        {"type": "array", "shape": [2, 2], "values": [1.0, 1.0, 1.0, 2.0]},
        {"type": "array", "shape": [2], "values": [1.0, 2.0]},
        {"type": "float", "value": 0.1},
    ]}],
}


