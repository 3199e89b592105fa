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
        "On the five replays, the baseline that always predicts the mean latency has an MSE of "
        "802.8 ms². A hastily drawn line has an MSE of 200.7 ms² on the same rows. What "
        "\\(R^2\\) does that line score? Give a plain number, such as 0.5."
    ),
    answer=0.75,
    tolerance=0.01,
    slips=(
        (0.25, "0.25 is the ratio MSE_line / MSE_baseline itself; R² is one minus that ratio."),
        (4.0, "4 is 802.8 / 200.7, the ratio turned upside down; R² is 1 − MSE_line / "
              "MSE_baseline."),
    ),
    explanation=(
        "R² = 1 − MSE_line / MSE_baseline = 1 − 200.7 / 802.8 = 1 − 0.25 = 0.75: this line "
        "removes three quarters of the squared error made by quoting the average latency. "
        "R² = 0 would tie that baseline and a negative R² would lose to it. The least-squares "
        "line's 2.8 against 802.8 is what gives its R² of about 0.9965, a statement about "
        "these five rows only."
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

LEARNING_RATE = Question(
    id="learning-rate",
    kind="single",
    prompt=(
        "With a learning rate of 0.05, gradient descent on the replays settles at "
        "\\([100, 20]\\). With 0.2, the loss over the first five steps reads 26402.8, "
        "349474.8, 4852473.8, 67584328.5, 941482657.6. Which explanation is right?"
    ),
    choices=(
        Choice("overshoot", "Every step jumps past the bottom of the bowl along its steepest "
               "direction and lands higher up than it started, because 0.2 is above the stable "
               "limit of about 0.085", correct=True,
               why="Along the steep direction each step over-corrects by more than the error it "
                   "fixes, so the loss grows more than tenfold per step."),
        Choice("too-small", "0.2 is too small a step, so the weights hardly move and the loss "
               "drifts",
               why="The weights move far too much, not too little: the loss is multiplied by "
                   "more than ten at every step."),
        Choice("no-minimum", "The MSE of this data has no minimum, so every learning rate blows "
               "up sooner or later",
               why="The MSE here is a bowl with one bottom, [100, 20], and lr = 0.05 reaches "
                   "it. Divergence belongs to the step size, not to the loss."),
        Choice("rounding", "Floating-point rounding errors pile up; with more precise numbers "
               "the run would converge",
               why="The growth is far too fast and too regular for rounding: exact arithmetic "
                   "with lr = 0.2 diverges in just the same way."),
    ),
    explanation=(
        "The curvature of the MSE bowl is its Hessian, (2/n) XᵀX, whose steepest direction has "
        "eigenvalue about 23.66. Plain gradient descent is stable only while lr < 2 / 23.66 ≈ "
        "0.085. At 0.2 the error along that direction is multiplied by 1 − 0.2 × 23.66 ≈ −3.7 "
        "at each step: it flips to the other side and grows, so the loss rises roughly "
        "fourteenfold per step. Linear regression is fine; the step is too long. Lower the "
        "rate, or rescale the features so the bowl is rounder."
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
        "larger gap would have been the warning. With five rows this is only the first habit: "
        "split before fitting, and judge on data the fit never touched."
    ),
)

NORMALITY = Question(
    id="normality",
    kind="single",
    prompt=(
        "A reviewer objects that least squares cannot be used on these replays because the "
        "evidence lengths are not normally distributed. What is the best reply?"
    ),
    choices=(
        Choice("no-assumption", "Fitting the least-squares line assumes nothing about how x or "
               "y is distributed; normal residuals matter only for some classical inference, "
               "such as exact confidence intervals in small samples", correct=True,
               why="Least squares is an optimisation, defined for any data."),
        Choice("transform-x", "The reviewer is right: transform x until its histogram looks "
               "normal, and only then fit",
               why="Least squares minimises squared misses whatever x looks like; reshaping x "
                   "changes the model, it does not make the fit legitimate."),
        Choice("y-normal", "The reviewer is half right: x may have any distribution, but the "
               "latencies y must be normal",
               why="Neither x nor y needs to be normal. Classical inference looks at the "
                   "residuals, the misses around the line, and even that is not needed to "
                   "compute the weights."),
        Choice("gd-only", "Normality is needed for gradient descent, but not for the normal "
               "equation",
               why="Both methods minimise the same MSE and reach the same weights; neither "
                   "relies on normality."),
    ),
    explanation=(
        "Least squares picks the weights with the smallest mean squared miss, and that problem "
        "is defined and solvable whatever the shape of the data: the chapter's skewed-x example "
        "recovers [100, 20] closely. Normality enters only when you want classical statements "
        "about uncertainty, such as exact t-based intervals and p-values in small samples, and "
        "then it concerns the residuals, not x or y."
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
        "mechanism holds far outside the data, which nothing measured can confirm. Keep the "
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
        LEARNING_RATE,
        HELD_OUT,
        NORMALITY,
        EXTRAPOLATION,
    ),
)
