"""L2-regularised logistic regression whose weights keep the sign of their signal's direction.

scikit-learn's ``LogisticRegression`` cannot bound coefficients; a signal declared
``direction = "genuine"`` must never end up pushing toward *fabricated* (its spans would
then be shown as evidence for the wrong label), and vice versa. This is the same objective
as scikit-learn's (``C * Σ w_i * logloss_i + ½‖coef‖²``, intercept unpenalised,
``class_weight="balanced"``) minimised by L-BFGS-B with per-weight bounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray


@dataclass(frozen=True, slots=True)
class SignedLogistic:
    """A fitted model: ``logit = intercept + coef · x``."""

    coef: NDArray[np.float64]
    intercept: float

    def decision_function(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        """Log-odds for each row of ``x``."""
        return np.asarray(x @ self.coef + self.intercept, dtype=np.float64)


def fit_signed_logistic(
    x: NDArray[np.float64],
    y: NDArray[np.int_],
    sample_weight: NDArray[np.float64],
    signs: Sequence[int],
    c: float = 1.0,
) -> SignedLogistic:
    """Fit with ``coef[j] >= 0`` where ``signs[j] > 0`` and ``<= 0`` where ``signs[j] < 0``.

    >>> x = np.array([[0.0], [0.2], [0.8], [1.0]])
    >>> fit_signed_logistic(x, np.array([0, 0, 1, 1]), np.ones(4), [1]).coef[0] > 0
    np.True_
    >>> fit_signed_logistic(x, np.array([0, 0, 1, 1]), np.ones(4), [-1]).coef[0]
    np.float64(0.0)
    """
    from scipy.optimize import minimize

    d = x.shape[1]
    # "balanced" class weights from the weighted class totals, as scikit-learn >= 1.6
    totals = np.bincount(y, weights=sample_weight, minlength=2)
    n = float(totals.sum())
    balanced = np.where(y == 1, n / (2 * totals[1]), n / (2 * totals[0]))
    w = sample_weight * balanced
    t = 2.0 * y - 1.0  # ±1 targets

    def loss(theta: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        coef, b = theta[:d], theta[d]
        z = t * (x @ coef + b)
        # log(1 + exp(-z)) and its derivative, stable for large |z|
        nll = np.logaddexp(0.0, -z)
        g = -t * w * (1.0 / (1.0 + np.exp(np.clip(z, -500, 500))))
        value = c * float(np.sum(w * nll)) + 0.5 * float(coef @ coef)
        grad = np.empty(d + 1)
        grad[:d] = c * (x.T @ g) + coef
        grad[d] = c * float(np.sum(g))
        return value, grad

    bounds = [(0.0, None) if s > 0 else (None, 0.0) if s < 0 else (None, None) for s in signs]
    bounds.append((None, None))
    result = minimize(
        loss,
        np.zeros(d + 1),
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"maxiter": 5000, "gtol": 1e-9, "ftol": 1e-13},
    )
    theta = np.asarray(result.x, dtype=np.float64)
    return SignedLogistic(theta[:d], float(theta[d]))
