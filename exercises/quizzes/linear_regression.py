"""Quiz ``linear-regression``: ten questions that close chapter one.

Prompts are Markdown (rendered into the page at build time); choices, explanations and the
``why`` of each choice are plain text, because the page writes them with ``textContent`` once
the quiz is scored. Every question asks for reasoning about the latency data, not a quotation.
"""

from __future__ import annotations

from grader.quiz import Choice, Question, Quiz

DATA = """\
import numpy as np

x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
y = np.array([118.0, 141.0, 162.0, 181.0, 198.0])
"""

TOKENS = Question(
    id="six-hundred-tokens",
    kind="number",
    prompt=(
        "Least squares on the five replays gives \\( \\hat{y} = 100 + 20x \\), where \\(x\\) "
        "counts **hundreds** of evidence tokens. A new request carries 600 tokens of policy "
        "evidence. What latency, in milliseconds, does the line predict for it?"
    ),
    answer=220.0,
    tolerance=1.0,
    unit="ms",
    slips=(
        (12100.0, "12100 ms comes from x = 600, but x counts hundreds of tokens: 600 tokens "
                  "is x = 6."),
        (120.0, "120 ms is the slope term 20 × 6 alone; the intercept, 100 ms at x = 0, is "
                "missing."),
        (200.0, "200 ms is the line at x = 5, the last replay; 600 tokens is one step further."),
    ),
    explanation=(
        "The feature is in hundreds of tokens, so 600 tokens means x = 6, and the line gives "
        "100 + 20 × 6 = 220 ms: the 100 ms it expects with no evidence at all, plus 20 ms per "
        "hundred tokens. x = 6 lies just past the measured range of 1 to 5, a mild "
        "extrapolation; the further a request sits outside that range, the less the line has "
        "earned your trust."
    ),
)

RESIDUAL_SIGN = Question(
    id="residual-sign",
    kind="single",
    prompt=(
        "A residual is the measured latency minus the line's prediction. One more replay, at "
        "\\(x = 4\\), comes back with a residual of −7 ms against \\( \\hat{y} = 100 + 20x \\). "
        "What does that say about this request?"
    ),
    choices=(
        Choice("sooner", "It finished 7 ms sooner than the line expected: 173 ms measured "
               "against 180 ms predicted", correct=True,
               why="A negative residual means the measurement came in under the prediction."),
        Choice("later", "It took 7 ms longer than the line expected",
               why="That would be a residual of +7. Measured minus predicted is negative only "
                   "when the measurement is the smaller of the two."),
        Choice("below-mean", "Its latency is 7 ms below the average latency of the replays",
               why="A residual compares a request with the line's prediction at its own x, not "
                   "with the mean of all the replays (160 ms)."),
        Choice("sign-irrelevant", "Nothing useful: only the squared residual, 49, carries "
               "information",
               why="Squaring throws the direction away, which is why the signs deserve their own "
                   "look: when slow surprises are what hurt, the positive residuals matter."),
    ),
    explanation=(
        "Residual = measured − predicted. At x = 4 the line predicts 180 ms, so a residual of "
        "−7 means this request took 173 ms, 7 ms quicker than expected. A positive residual "
        "would flag a slower-than-expected request, the kind a latency budget worries about. "
        "MSE squares the residuals and loses their sign, so look at the signs themselves when "
        "the direction of a miss matters."
    ),
)

R_SQUARED = Question(
    id="r-squared-from-mse",
    kind="number",
    prompt=(
        "Keep the centre of the least-squares line, the point \\((3, 160)\\), but halve its "
        "slope: \\( \\hat{y} = 130 + 10x \\). On the five replays the mean baseline has an MSE "
        "of 802.8 ms². What \\(R^2\\) does the half-slope line score? Work out its five "
        "residuals first, and give a plain number such as 0.3."
    ),
    answer=0.747,
    tolerance=0.01,
    slips=(
        (0.25, "0.25 is about the ratio MSE_line / MSE_baseline, 202.8 / 802.8; R² is one minus "
               "that ratio. (It is also (1/2)², but halving the slope does not leave a quarter "
               "of the fit.)"),
        (0.5, "Halving the slope does not halve R². The line misses half of the trend, and a "
              "miss costs its square: a quarter of the 4000 ms² the full slope explains."),
        (0.9965, "0.9965 is the R² of the least-squares line 100 + 20x; this line has half its "
                 "slope and misses by far more."),
    ),
    explanation=(
        "The half-slope line predicts 140, 150, 160, 170 and 180 ms, so its residuals are −22, "
        "−9, 2, 11 and 18 ms. Their squares add up to 484 + 81 + 4 + 121 + 324 = 1014, an MSE "
        "of 202.8, and R² = 1 − 202.8 / 802.8 ≈ 0.747. Why not 0.25 or 0.5? The residuals are "
        "the least-squares line's residuals plus 10(x − 3), and the two parts are uncorrelated, "
        "so their squared errors add: 14 + 10² × 10 = 1014 of the 4014 ms² of variation around "
        "the mean. The slope of 20 accounts for 4000 of those; the half-slope line misses half "
        "of that trend, and half squared is a quarter, 1000 ms². Losing a quarter of the fit "
        "leaves about three quarters."
    ),
)

SOLVE_AND_RANK = Question(
    id="solve-and-rank",
    kind="multiple",
    prompt=(
        "The chapter gets the weights by handing \\(X^\\top X\\) and \\(X^\\top y\\) to "
        "`np.linalg.solve`, never by forming the inverse with `np.linalg.inv`, and "
        "`np.linalg.lstsq` reports a rank of 2 for the 5 × 2 design matrix. Select every true "
        "statement."
    ),
    choices=(
        Choice("solve-cheaper", "Solving the system directly takes less arithmetic and loses "
               "less precision than building the inverse and multiplying by it", correct=True,
               why="The inverse is extra work, and its rounding errors are then multiplied into "
                   "the weights; solve goes straight to w."),
        Choice("inverse-differs", "On this small, well-behaved data the inverse route gives "
               "weights far from [100, 20]",
               why="On a well-conditioned 2 × 2 system both routes give [100, 20] to many "
                   "digits. The case for solve is cost and accuracy on harder problems."),
        Choice("rank-unique", "Rank 2 with two columns means the columns are independent, so "
               "exactly one weight vector minimises the MSE", correct=True,
               why="Full column rank is what makes XᵀX invertible and the least-squares "
                   "weights unique."),
        Choice("rank-rows", "Rank 2 means only two of the five replays influenced the fit",
               why="Rank counts independent columns, the directions the features span; all "
                   "five rows shape the fit."),
        Choice("solve-singular", "solve still returns unique weights when XᵀX is singular",
               why="A singular XᵀX has no unique solution: solve raises LinAlgError in desktop "
                   "Python and returns NaNs in the browser. Check the rank first."),
    ),
    explanation=(
        "The normal equation XᵀX w = Xᵀy is a linear system, and the standard way to meet a "
        "system is to solve it: forming an inverse only to multiply by it costs more and adds "
        "rounding error, which starts to matter once XᵀX is badly conditioned. Rank says "
        "whether the answer is unique. lstsq reports 2 for the columns of ones and x, so they "
        "carry independent information and [100, 20] is the only minimiser."
    ),
)

DUPLICATE_COLUMN = Question(
    id="duplicate-column",
    kind="output",
    prompt=(
        "This snippet adds a third column, \\(2x\\), to the design matrix and fits it with "
        "`lstsq`. Without running it, what does it print?"
    ),
    code=DATA + """\
X_dup = np.column_stack([np.ones(5), x, 2 * x])

weights, _, rank, _ = np.linalg.lstsq(X_dup, y, rcond=None)
print(rank)
print(np.rint(X_dup @ weights).astype(int))
""",
    output="2\n[120 140 160 180 200]\n",
    explanation=(
        "The 2x column repeats what x already says, so three columns span only two directions: "
        "the rank is 2, not 3. That makes XᵀX singular and the normal equation has no unique "
        "solution (solve raises LinAlgError in desktop Python and gives NaNs in the browser). "
        "lstsq still answers: of the endless weight vectors that fit equally well it returns "
        "the shortest, [100, 4, 8], and because 4x + 8 × 2x = 20x it predicts the very same "
        "line, 120 to 200 ms. The fit survives; only the meaning of each separate weight is "
        "lost."
    ),
)

FIRST_GRADIENT = Question(
    id="first-gradient",
    kind="output",
    prompt=(
        "Gradient descent starts from \\( w = [0, 0] \\). The sums are small enough to do by "
        "hand: what does this snippet print, the MSE gradient at the starting point?"
    ),
    code=DATA + """\
X = np.column_stack([np.ones(5), x])
w = np.zeros(2)

misses = X @ w - y
gradient = 2 * X.T @ misses / len(y)
print(gradient)
""",
    output="[ -320. -1040.]\n",
    explanation=(
        "At w = 0 every prediction is 0, so each miss Xw − y is simply −y: −118, −141, −162, "
        "−181, −198. The intercept entry adds them up (−800); the slope entry first weights "
        "each by its x (−118 − 282 − 486 − 724 − 990 = −2600). Both are scaled by 2/n = 2/5, "
        "giving [−320, −1040]. Both are negative, so a step against the gradient raises both "
        "weights; the slope entry is the bigger one because the rows with large x also have the "
        "largest misses."
    ),
)

FEATURE_SCALING = Question(
    id="feature-scaling",
    kind="multiple",
    prompt=(
        "A colleague logs the evidence length in **tokens** instead of hundreds of tokens, so "
        "the feature becomes \\(100x\\) (100 to 500), and refits the same model with an "
        "intercept column. Select every true statement."
    ),
    choices=(
        Choice("same-predictions", "The fitted line makes the same predictions and has the same "
               "MSE, 2.8 ms², as before", correct=True,
               why="Changing the unit of a feature rescales its weight and changes nothing the "
                   "model predicts."),
        Choice("slope-per-token", "The slope becomes 0.2 ms per token and the intercept stays "
               "100 ms", correct=True,
               why="Twenty milliseconds per hundred tokens is 0.2 per token, and x = 0 still "
                   "means no evidence at all, so the intercept does not move."),
        Choice("intercept-scales", "The intercept grows a hundredfold too, to 10,000 ms",
               why="The intercept is the prediction at zero evidence, which is zero tokens in "
                   "either unit: it stays 100 ms."),
        Choice("same-learning-rate", "Gradient descent with lr = 0.05 still converges, because "
               "the data are the same",
               why="The curvature along the slope grows by 100² = 10,000, so the stable limit "
                   "falls from about 0.085 to about 0.000009; with lr = 0.05 the loss jumps "
                   "from 26402.8 to about 3e12 in one step."),
        Choice("standardise", "Standardising the feature before gradient descent makes the "
               "choice of unit irrelevant to the optimiser", correct=True,
               why="Subtracting the mean and dividing by the spread gives the same column in "
                   "tokens as in hundreds of tokens, so the bowl and the path are identical."),
    ),
    explanation=(
        "A unit is a convention, and least squares respects it: in tokens the weights become "
        "[100, 0.2] and every prediction is what it was. Gradient descent is not so "
        "indifferent. Its step size must stay below 2 / λ_max of the Hessian (2/n) XᵀX, and "
        "multiplying a column by 100 multiplies the curvature along its weight by about "
        "10,000: λ_max grows from 23.66 to about 220,000 and the ratio of the largest to the "
        "smallest curvature from 70 to about 600,000. A learning rate that worked now diverges "
        "at once, and one small enough to be stable crawls in the intercept direction. "
        "Standardising the columns first removes the unit from the problem."
    ),
)

HELD_OUT = Question(
    id="held-out",
    kind="multiple",
    prompt=(
        "The line scores \\(R^2 = 0.9965\\) on the five replays it was fitted to. Fitting on "
        "replays 1 to 4 only and then predicting replay 5 gives 203 ms against the 198 ms "
        "measured. Select every true statement."
    ),
    choices=(
        Choice("describes-fit", "R² = 0.9965 describes how closely the line matches the rows "
               "used to choose it, not how well it will predict new requests", correct=True,
               why="The weights were tuned to those very rows, so a score on them flatters the "
                   "line."),
        Choice("fair-test", "A replay the fit never saw tests the line the way a new request "
               "would; here it misses by 5 ms, more than any of its 1 ms misses on the four "
               "training rows", correct=True,
               why="Error on held-out rows is the honest estimate, and it is usually larger "
                   "than the error on the rows used for fitting."),
        Choice("proves-straight", "An R² this close to 1 proves that latency grows in a "
               "straight line with evidence length",
               why="A gently curving relationship can also give a straight line a high R²; the "
                   "pattern of the residual signs is what reveals a bend."),
        Choice("better-weights", "Holding a row back makes the fitted weights more accurate",
               why="It does the opposite: the fit sees fewer rows. What you buy with that row is "
                   "an honest test."),
        Choice("one-row-enough", "One held-out row gives a reliable estimate of the error on "
               "future requests",
               why="One row is a sanity check, not an estimate: another row or another day "
                   "could miss by far more. Real evaluation needs many held-out requests or "
                   "cross-validation."),
    ),
    explanation=(
        "A score computed on the rows a model was fitted to measures how well it can match "
        "them, and fitting is designed to do exactly that. Predicting rows kept out of the fit "
        "imitates the real job: requests the model has never seen. Here the four-row fit, "
        "98 + 21x, misses replay 5 by −5 ms while its training misses are all ±1 ms; a much "
        "larger gap would have been the warning. (This particular miss is no accident: the "
        "replays bend, and a curve fitted on the same four rows predicts 198 ms exactly.) With "
        "five rows this is only the first habit: split before fitting, and judge on data the "
        "fit never touched."
    ),
)

NORMALITY = Question(
    id="normality",
    kind="single",
    prompt=(
        "A reviewer writes: *least squares assumes normal data, but your evidence lengths are "
        "1, 2, 3, 4, 5 by design and your five latencies are spread evenly, not in a bell "
        "shape, so the fit is invalid.* Which reply is right?"
    ),
    choices=(
        Choice("no-assumption", "Normality concerns the noise around the line, not x or y. "
               "Fitting needs no such assumption; if the noise is Gaussian, least squares is "
               "also the maximum-likelihood fit and small-sample t-intervals are exact",
               correct=True,
               why="The weights minimise the squared misses for any data; Gaussian noise is "
                   "what makes that minimiser the most likely line."),
        Choice("transform-x", "The reviewer is right: transform x until its histogram looks "
               "normal, and only then fit",
               why="The evidence lengths were chosen by whoever ran the replays; their "
                   "histogram carries no assumption. Reshaping x changes the model, not the "
                   "legitimacy of the fit."),
        Choice("y-normal", "The reviewer is half right: x may be anything, but the latencies y "
               "must look normal",
               why="The latencies follow the line, so their spread reflects the evidence "
                   "lengths chosen. What may be assumed normal is the miss around the line at "
                   "each x."),
        Choice("gd-only", "Normality is needed for gradient descent, but not for the normal "
               "equation",
               why="Both methods minimise the same MSE and reach the same weights; neither "
                   "relies on normality."),
    ),
    explanation=(
        "Write each latency as the line plus noise. If the noise is Gaussian, the "
        "log-likelihood of the data is a constant minus the sum of squared residuals over "
        "2σ², so the most likely line is the least-squares line, whatever σ is, and exact "
        "small-sample intervals follow. Nothing in that argument concerns how x was chosen or "
        "how y is spread overall, and the fit itself is defined for any data: the chapter's "
        "skewed-x example recovers [100, 20] closely. Heavy-tailed noise or noise whose size "
        "changes with x would be the real reasons to worry."
    ),
)

EXTRAPOLATION = Question(
    id="extrapolation",
    kind="single",
    prompt=(
        "The line \\( \\hat{y} = 100 + 20x \\) was fitted on evidence lengths from 1 to 5. A "
        "request arrives with 5,000 tokens of evidence, \\(x = 50\\), and the line predicts "
        "1100 ms. How should you treat that number?"
    ),
    choices=(
        Choice("flag-it", "As an extrapolation ten times beyond anything measured: nothing in "
               "the data says latency stays linear out there, so flag the request and measure "
               "some like it", correct=True,
               why="The line's evidence ends at x = 5."),
        Choice("trust-r2", "As reliable, because R² = 0.9965 shows that the line fits very well",
               why="R² was computed on x from 1 to 5 and says nothing about x = 50, where "
                   "effects the replays never reached may take over."),
        Choice("like-x6", "As reliable, because the prediction at x = 6 was reasonable",
               why="x = 6 is one step past the data; x = 50 is forty-five steps past it. Trust "
                   "fades with the distance from the measured range."),
        Choice("nan", "As impossible: a fitted line cannot be evaluated outside its training "
               "range, so NumPy would return NaN",
               why="The arithmetic works anywhere, and that is the danger: the line returns a "
                   "confident 1100 ms with no warning attached."),
    ),
    explanation=(
        "100 + 20 × 50 = 1100 ms is easy to compute and hard to believe. The fit only ever saw "
        "x from 1 to 5, and stretching a straight line ten times further assumes the same "
        "mechanism holds far outside the data, which nothing measured can confirm. The parabola "
        "93 + 26x − x², which fits all five replays exactly, predicts −1107 ms at x = 50: two "
        "models that agree within 2 ms on the data disagree by thousands out there. Keep the "
        "feature range with the model, flag requests outside it, and collect measurements "
        "there before trusting a prediction."
    ),
)

QUIZ = Quiz(
    id="linear-regression",
    title="Linear regression: check your understanding",
    questions=(
        TOKENS,
        RESIDUAL_SIGN,
        R_SQUARED,
        SOLVE_AND_RANK,
        DUPLICATE_COLUMN,
        FIRST_GRADIENT,
        FEATURE_SCALING,
        HELD_OUT,
        NORMALITY,
        EXTRAPOLATION,
    ),
)
